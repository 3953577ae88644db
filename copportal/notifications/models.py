"""Who receives what (Preference) and each mail to send (Delivery).

A Delivery is one mail to one address for one event: (key, address) is unique, so the same
event never makes two. It is rendered when the event is recorded and sent by a task after
commit; the task claims it (queued -> sending) before sending and marks it sent after.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import kinds


class Preference(models.Model):
    """Whether a person receives a kind of mail; no row means yes. A person is a user, or an
    address without an account (a liaison note's contact) who unsubscribed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notification_preferences",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    kind = models.CharField(_("kind"), max_length=50)
    enabled = models.BooleanField(_("receive"), default=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(user__isnull=False),
                name="one_pref_per_user",
                violation_error_message=_(
                    "This person already has a choice for this kind of mail."
                ),
            ),
            models.UniqueConstraint(
                fields=["email", "kind"],
                condition=Q(user__isnull=True),
                name="one_pref_per_address",
                violation_error_message=_(
                    "This address already has a choice for this kind of mail."
                ),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""),
                name="pref_names_a_person",
                violation_error_message=_("A mail preference needs a person or an address."),
            ),
        ]

    def __str__(self):
        return f"{self.user or self.email} {self.kind}: {self.enabled}"


class DeliveryQuerySet(models.QuerySet):
    def stalled(self, now=None):
        """Rows whose task is lost: queued and not started, or claimed by a worker that died
        (claimed longer ago than a send can take)."""
        now = now or timezone.now()
        cutoff = now - settings.NOTIFICATIONS_STALE_AFTER
        Status = Delivery.Status
        return self.filter(
            Q(status=Status.QUEUED, queued_at__lt=cutoff)
            | Q(status=Status.SENDING, claimed_at__lt=cutoff)
        )

    def past_retention(self, now=None):
        now = now or timezone.now()
        cutoff = now - datetime.timedelta(days=settings.NOTIFICATIONS_RETENTION_DAYS)
        Status = Delivery.Status
        return self.filter(
            created_at__lt=cutoff, status__in=[Status.SENT, Status.FAILED, Status.CANCELLED]
        )


class Delivery(models.Model):
    """One mail to one address for one event, rendered in the recipient's language."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    key = models.CharField(_("event"), max_length=200)
    kind = models.CharField(_("kind"), max_length=50)
    address = models.EmailField(pgettext_lazy("the address a mail is sent to", "to"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=500)
    text = models.TextField()
    html = models.TextField()
    unsubscribe_url = models.CharField(max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # When the current task is expected to start (now, or the next retry's time).
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # Not sent after this moment (a reminder once its deadline has passed).
    expires_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    resent_at = models.DateTimeField(null=True, blank=True)
    resent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["key", "address"], name="one_delivery_per_event")
        ]
        indexes = [
            models.Index(fields=["status", "queued_at"], name="delivery_status_queued"),
            models.Index(fields=["kind", "status"], name="delivery_kind_status"),
            models.Index(fields=["created_at"], name="delivery_created"),
        ]

    def __str__(self):
        return f"{self.kind} → {self.address} ({self.status})"

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def kind_label(self):
        kind = kinds.KINDS.get(self.kind)
        return kind.label if kind else self.kind
