"""The history of a contribution: one ContributionEvent per change."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from copportal.workflow import StatusEvent

from .contribution import Contribution


class ContributionEvent(StatusEvent):
    """The audit log: who changed a contribution, when, from what state to what, and why
    (copportal/workflow.py's shape; the status changes are contributions/workflow.py's)."""

    class Action(models.TextChoices):
        CREATED = "created", _("Draft created")
        EDITED = "edited", _("Draft edited")
        SUBMITTED = "submitted", _("Submitted")
        SUBMITTED_LATE = "submitted-late", _("Submitted after the deadline")
        FILE_ADDED = "file-added", _("File uploaded")
        ACCEPTED = "accepted", _("Accepted")
        CARRIED_OVER = "carried-over", _("Carried over to the next meeting")
        REJECTED = "rejected", _("Rejected")
        PUBLISHED = "published", _("Published")
        VISIBILITY = "visibility", _("Visibility changed")
        WITHDRAWN = "withdrawn", pgettext_lazy("contribution status", "Withdrawn")

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=10, choices=Contribution.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=Contribution.Status.choices)
    in_grace = models.BooleanField(
        _("in the grace period"),
        default=False,
        help_text=_("A submission that arrived after the deadline, within the grace period."),
    )

    class Meta:
        ordering = ["contribution", "at", "pk"]
        verbose_name = _("contribution event")
        verbose_name_plural = _("contribution events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"
