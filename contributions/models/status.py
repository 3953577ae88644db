"""A contribution's statuses (`Contribution.Status`) and their groups, defined here once.

Code, queries and templates ask the groups (STYLE: groups of statuses live on the enum);
contributions/workflow.py's table says which action leads from one status to another.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ContributionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("contribution status", "Draft")
    SUBMITTED = "submitted", _("Submitted")
    LATE = "late", _("Late")
    ACCEPTED = "accepted", _("Accepted")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("contribution status", "Withdrawn")
    REJECTED = "rejected", _("Rejected")

    # Groups of statuses, defined here once (STYLE): code, queries and templates ask these.
    @classmethod
    def visible(cls) -> frozenset[str]:
        """Shown with the meeting's documents (a withdrawn one that was published stays
        on the public record: Contribution.is_public_record)."""
        return frozenset({cls.PUBLISHED})

    @classmethod
    def on_the_desk(cls) -> frozenset[str]:
        """Waiting for the secretariat's decision."""
        return frozenset({cls.SUBMITTED, cls.LATE})

    @classmethod
    def final(cls) -> frozenset[str]:
        """No action leads out of these."""
        return frozenset({cls.WITHDRAWN, cls.REJECTED})

    @classmethod
    def withdrawable(cls) -> frozenset[str]:
        return frozenset(set(cls) - cls.final())


Status = ContributionStatus
# Groups of statuses, on the enum (STYLE). The agenda's: which contributions the builder lists
# (drafts are their authors' own), which should have an item, which a released agenda shows,
# and why an allocated one in another status stays off it. contributions/apps.py gives them
# to the agenda (meetings knows no status of ours) as the one rule its check and release use.
Status.LISTED_FOR_THE_AGENDA = frozenset(set(Status) - {Status.DRAFT})
Status.FOR_THE_AGENDA = frozenset(
    {Status.SUBMITTED, Status.LATE, Status.ACCEPTED, Status.PUBLISHED}
)
Status.ON_THE_AGENDA = frozenset({Status.PUBLISHED})
Status.LEFT_OFF_THE_AGENDA = {
    Status.SUBMITTED: _("not yet published: still on the secretariat's desk"),
    Status.LATE: _("not yet published: late, waiting for the secretariat's decision"),
    Status.ACCEPTED: _("not yet published: accepted, waiting for the secretariat to publish it"),
    Status.WITHDRAWN: pgettext_lazy("why a contribution is left off an agenda", "withdrawn"),
    Status.REJECTED: pgettext_lazy("why a contribution is left off an agenda", "rejected"),
}
del Status
