"""An affiliation request's status changes here: approved or refused (copportal/workflow.py).

The secretariat decides; the person is told by mail, once, after commit.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from copportal.workflow import Workflow, step

from .models import Affiliation, AffiliationEvent, Organization

Status = Affiliation.Status
Event = AffiliationEvent.Action
REVIEW = "accounts.review_affiliations"


def _decided(affiliation: Affiliation, *, by, note: str, at) -> str:
    affiliation.reason = note
    affiliation.decided_by = by
    affiliation.decided_at = at or timezone.now()
    return note


def _approve(affiliation: Affiliation, *, by, note: str, at) -> str:
    """An organization the person named is added to the portal first."""
    if affiliation.proposes_organization:
        affiliation.organization, _created = Organization.objects.get_or_create(
            name_en=affiliation.proposed_name.strip(),  # its one name, in every language
            defaults={"kind": affiliation.proposed_kind or Organization.Kind.OTHER},
        )
    return _decided(affiliation, by=by, note=note, at=at)


def _refusal(affiliation: Affiliation, action: str):
    from django.core.exceptions import ValidationError

    return ValidationError(_("This request has already been decided."), code="decided")


def _notify(event: AffiliationEvent) -> None:
    from .services import notify_decision

    notify_decision(event.affiliation)


WORKFLOW = Workflow(
    model=Affiliation,
    transitions=[
        step(
            Status.PENDING,
            "approve",
            Status.APPROVED,
            REVIEW,
            gettext_lazy("Approve"),
            event=Event.APPROVED,
            effect=_approve,
        ),
        step(
            Status.PENDING,
            "refuse",
            Status.REFUSED,
            REVIEW,
            gettext_lazy("Refuse"),
            event=Event.REFUSED,
            effect=_decided,
            needs_reason=True,
        ),
    ],
    event_model=AffiliationEvent,
    event_object="affiliation",
    refusal=_refusal,
    notify=_notify,
)
