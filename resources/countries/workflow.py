"""The status of a country entry changes here (copportal/workflow.py's one writer).

A delegate of the country proposes (draft → proposed); the secretariat approves or rejects
with a reason (proposed → approved / rejected), records an entry of its own at once
(draft → approved, never a button: the recording form does it) and withdraws an approved one
with a reason. A rejected entry that a delegate edits is proposed again (rejected → proposed,
never a button: the edit form does it). The proposer is told of the decision by mail, once,
after commit.
"""

from django.utils.translation import gettext_lazy

from copportal.workflow import Workflow, step

from .models import CountryEntry, CountryEntryEvent

Status = CountryEntry.Status
Event = CountryEntryEvent.Action
PROPOSE = "resources.propose_countryentry"
REVIEW = "resources.review_countryentry"
CHANGE = "resources.change_countryentry"


def _proposed(entry: CountryEntry, *, by, note: str, at) -> str:
    entry.proposed_by = by
    entry.proposed_at = at
    # Proposed again after a rejection: the decision and its reason stay in the history.
    entry.decided_by = entry.decided_at = None
    entry.reason = ""
    return note


def _decided(entry: CountryEntry, *, by, note: str, at) -> str:
    entry.decided_by = by
    entry.decided_at = at
    entry.reason = note
    return note


def _validate(entry: CountryEntry) -> None:
    # `title` and `details` are modeltranslation's views of the current language's column.
    entry.full_clean(exclude=["title", "details"])


def _notify(event: CountryEntryEvent) -> None:
    from .services import notify_decision

    notify_decision(event)


WORKFLOW = Workflow(
    model=CountryEntry,
    transitions=[
        step(
            Status.DRAFT,
            "propose",
            Status.PROPOSED,
            PROPOSE,
            gettext_lazy("Propose"),
            event=Event.PROPOSED,
            effect=_proposed,
        ),
        step(
            Status.REJECTED,
            "propose",
            Status.PROPOSED,
            PROPOSE,
            event=Event.PROPOSED,
            effect=_proposed,
            shown=False,
        ),
        step(
            Status.DRAFT,
            "record",
            Status.APPROVED,
            REVIEW,
            event=Event.RECORDED,
            effect=_decided,
            shown=False,
        ),
        step(
            Status.PROPOSED,
            "approve",
            Status.APPROVED,
            REVIEW,
            gettext_lazy("Approve"),
            event=Event.APPROVED,
            effect=_decided,
            notify=_notify,
        ),
        step(
            Status.PROPOSED,
            "reject",
            Status.REJECTED,
            REVIEW,
            gettext_lazy("Reject"),
            event=Event.REJECTED,
            effect=_decided,
            needs_reason=True,
            notify=_notify,
        ),
        step(
            Status.APPROVED,
            "withdraw",
            Status.WITHDRAWN,
            REVIEW,
            gettext_lazy("Withdraw"),
            event=Event.WITHDRAWN,
            effect=_decided,
            needs_reason=True,
        ),
    ],
    event_model=CountryEntryEvent,
    event_object="entry",
    validate=_validate,
)
