"""What a Member State's page records besides the portal's own data: its national child online
protection strategies, its policy documents and its contact points (WTDC Resolution 67, invites
Member States 5), each with its source and the date it was checked.

Delegates of the country propose an entry, the secretariat approves or rejects it, or records
one directly; only approved entries are public (resources/countries/workflow.py). This module is
imported by resources/models.py, so that Django finds its models in the resources app.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from copportal.accounts.models import Organization
from copportal.content import TranslatedContent
from copportal.workflow import StatusEvent


class CountryEntryQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=CountryEntry.Status.visible())

    def of_country(self, organization):
        return self.filter(organization=organization)

    def waiting(self):
        """The proposals the secretariat has to decide on."""
        return self.filter(status__in=CountryEntry.Status.waiting())


class CountryEntry(TranslatedContent):
    """A national COP strategy, a policy document or a contact point of a Member State."""

    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("National COP strategy")
        POLICY = "policy", _("Policy document")
        CONTACT = "contact", _("Contact point")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("country entry status", "Draft")
        PROPOSED = "proposed", pgettext_lazy("country entry status", "Proposed")
        APPROVED = "approved", pgettext_lazy("country entry status", "Approved")
        REJECTED = "rejected", pgettext_lazy("country entry status", "Rejected")
        WITHDRAWN = "withdrawn", pgettext_lazy("country entry status", "Withdrawn")

        @classmethod
        def visible(cls) -> frozenset[str]:
            """What the public sees on the country's page."""
            return frozenset({cls.APPROVED})

        @classmethod
        def waiting(cls) -> frozenset[str]:
            """Waiting for the secretariat's decision."""
            return frozenset({cls.PROPOSED})

        @classmethod
        def editable_by_the_country(cls) -> frozenset[str]:
            """What the country's delegates may still edit (a rejected one is proposed again)."""
            return frozenset({cls.PROPOSED, cls.REJECTED})

        @classmethod
        def editable(cls) -> frozenset[str]:
            """What the secretariat may edit (a new source, a new date checked)."""
            return frozenset({cls.DRAFT, cls.PROPOSED, cls.APPROVED, cls.REJECTED})

    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="country_entries",
        limit_choices_to={"kind": Organization.Kind.MEMBER_STATE},
        verbose_name=_("Member State"),
    )
    kind = models.CharField(_("kind of entry"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    details = models.TextField(
        _("details"),
        blank=True,
        help_text=_("For a contact point: the office or function, and how to reach it."),
    )
    url = models.URLField(_("address of the document or page"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True, help_text=_("Contact points only."))
    source_url = models.URLField(
        _("source address"),
        max_length=500,
        blank=True,
        help_text=_("The public page the entry was taken from."),
    )
    source_text = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where the entry comes from when there is no page: a letter, a contribution."),
    )
    date_checked = models.DateField(_("date checked"), help_text=_("When the source was read."))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Shown to the proposer when an entry is rejected.")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CountryEntryQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "kind", "-date_checked", "pk"]
        verbose_name = _("country entry")
        verbose_name_plural = _("country entries")
        constraints = [
            models.CheckConstraint(
                condition=~Q(source_url="") | ~Q(source_text=""),
                name="country_entry_has_a_source",
                violation_error_message=_(
                    "Give the entry's source: the address of the page, or where it comes from."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resources:countries:entry", args=[self.pk])

    def clean(self):
        if self.date_checked and self.date_checked > timezone.localdate():
            raise ValidationError(
                {"date_checked": _("The date checked cannot be later than today.")}
            )

    @property
    def is_public(self) -> bool:
        return self.status in self.Status.visible()

    @property
    def is_waiting(self) -> bool:
        return self.status in self.Status.waiting()

    def edit_proposes_again(self, user) -> bool:
        """Whether the user's edit sends the entry back to the queue: a rejected one edited by
        the country's delegate (the secretariat's edits keep the status)."""
        from .workflow import REVIEW

        return self.status == self.Status.REJECTED and not user.has_perm(REVIEW)

    def allowed_actions(self, user) -> list:
        """The status changes the user may make now (the table's buttons)."""
        from .workflow import WORKFLOW

        return WORKFLOW.allowed(self, user)


class CountryEntryEvent(StatusEvent):
    """An entry proposed, approved, rejected, recorded or withdrawn (countries/workflow.py),
    or edited (services.country_entry_update: the status stays)."""

    class Action(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("country entry event", "Proposed")
        APPROVED = "approved", pgettext_lazy("country entry event", "Approved")
        REJECTED = "rejected", pgettext_lazy("country entry event", "Rejected")
        RECORDED = "recorded", pgettext_lazy("country entry event", "Recorded by the secretariat")
        WITHDRAWN = "withdrawn", pgettext_lazy("country entry event", "Withdrawn")
        EDITED = "edited", pgettext_lazy("country entry event", "Edited")

    entry = models.ForeignKey(CountryEntry, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=10, choices=CountryEntry.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=CountryEntry.Status.choices)

    class Meta:
        ordering = ["entry", "at", "pk"]
        verbose_name = _("country entry event")
        verbose_name_plural = _("country entry events")
