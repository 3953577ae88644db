"""The status of a contribution changes here and nowhere else.

TRANSITIONS is the table: from a status, an action leads to a status, for those who have
its permission (contributions/rules.py). `contribution_act` performs an action: it locks the
row, looks the action up in the table, checks the permission, lets the action set its own
fields (a symbol on acceptance, the next meeting on carry-over, ...), changes the status,
records the audit event, and tells the notifications part (after commit, by the event).
`Contribution.allowed_actions(user)` reads the same table for the buttons pages show.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from copportal.accounts.models import User
from meetings.models import Meeting

from .models import Contribution, ContributionEvent, SymbolCounter
from .notifications import notify_event

Status = Contribution.Status
Event = ContributionEvent.Action


@dataclass(frozen=True)
class Transition:
    source: str  # the status it starts from
    action: str  # the verb: a button's name and a URL's slug
    target: str  # the status it leads to
    permission: str  # asked with has_perm(permission, contribution)
    event: str  # the ContributionEvent action recorded
    label: Promise  # the button's text
    needs_reason: bool = False  # the person concerned sees the reason
    shown: bool = True  # False: chosen by the server (late submission), never a button


def _transitions() -> list[Transition]:
    submit = "contributions.submit_contribution"
    decide = "contributions.decide_contribution"
    late = "contributions.decide_late"
    withdraw = "contributions.withdraw_contribution"
    rows = [
        Transition(
            Status.DRAFT,
            "submit",
            Status.SUBMITTED,
            submit,
            Event.SUBMITTED,
            gettext_lazy("Submit"),
        ),
        Transition(
            Status.DRAFT,
            "submit-late",
            Status.LATE,
            submit,
            Event.SUBMITTED_LATE,
            gettext_lazy("Submit"),
            shown=False,
        ),
        Transition(
            Status.SUBMITTED,
            "accept",
            Status.ACCEPTED,
            decide,
            Event.ACCEPTED,
            gettext_lazy("Accept and number"),
        ),
        Transition(
            Status.LATE,
            "accept",
            Status.ACCEPTED,
            late,
            Event.ACCEPTED,
            gettext_lazy("Accept for this meeting"),
            needs_reason=True,  # why a late one is taken all the same, as for carry-over
        ),
        Transition(
            Status.SUBMITTED,
            "carry-over",
            Status.SUBMITTED,
            decide,
            Event.CARRIED_OVER,
            gettext_lazy("Carry over to the next meeting"),
            needs_reason=True,
        ),
        Transition(
            Status.LATE,
            "carry-over",
            Status.SUBMITTED,
            late,
            Event.CARRIED_OVER,
            gettext_lazy("Carry over to the next meeting"),
            needs_reason=True,
        ),
        Transition(
            Status.ACCEPTED,
            "publish",
            Status.PUBLISHED,
            decide,
            Event.PUBLISHED,
            gettext_lazy("Publish"),
        ),
    ]
    for source in (Status.SUBMITTED, Status.LATE, Status.ACCEPTED):
        rows.append(
            Transition(
                source,
                "reject",
                Status.REJECTED,
                late if source == Status.LATE else decide,
                Event.REJECTED,
                gettext_lazy("Reject"),
                needs_reason=True,
            )
        )
    for source in (Status.DRAFT, Status.SUBMITTED, Status.LATE, Status.ACCEPTED, Status.PUBLISHED):
        rows.append(
            Transition(
                source,
                "withdraw",
                Status.WITHDRAWN,
                withdraw,
                Event.WITHDRAWN,
                gettext_lazy("Withdraw"),
            )
        )
    return rows


TRANSITIONS: dict[tuple[str, str], Transition] = {(t.source, t.action): t for t in _transitions()}
ACTIONS = {t.action for t in TRANSITIONS.values()}


def allowed_transitions(contribution: Contribution, user) -> list[Transition]:
    """The actions the user may take on the contribution now, in the table's order."""
    return [
        transition
        for (source, _action), transition in TRANSITIONS.items()
        if source == contribution.status
        and transition.shown
        and user.has_perm(transition.permission, contribution)
    ]


def lock(contribution_id: int) -> Contribution:
    # Lock the contribution's row only (not its meeting's): numbering has its own lock.
    return (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .get(pk=contribution_id)
    )


def _next_number(meeting: Meeting) -> int:
    """The next symbol number of a meeting: one locked counter row, never reused."""
    counter, _created = SymbolCounter.objects.select_for_update().get_or_create(meeting=meeting)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


# What an action changes besides the status; each returns the note to record.
def _submit(contribution, *, by, note, at):
    # Judged by `at`, when the request arrived; within the meeting's grace period is on time.
    contribution.is_late = contribution.meeting.is_late(at)
    contribution.in_grace = contribution.meeting.is_in_grace(at)
    contribution.submitted_at = at
    return note


def _accept(contribution, *, by, note, at):
    contribution.number = _next_number(contribution.meeting)
    contribution.accepted_at = at
    return note


def _carry_over(contribution, *, by, note, at):
    current = contribution.meeting
    target = (
        # The next meeting of the same kind: a real contribution never moves to a demo meeting.
        Meeting.objects.filter(start_date__gt=current.start_date, is_demo=current.is_demo)
        .order_by("start_date")
        .first()
    )
    if target is None:
        raise ValidationError(
            _("There is no later meeting yet: create the next meeting first."), code="no-meeting"
        )
    contribution.carried_over_from = current
    contribution.meeting = target
    # Its item is on the old meeting's agenda: the new meeting's chair allocates it afresh.
    contribution.agenda_item = None
    return _("Carried over from meeting %(from)s to meeting %(to)s: %(reason)s") % {
        "from": current.number,
        "to": target.number,
        "reason": note,
    }


def _publish(contribution, *, by, note, at):
    contribution.published_at = at
    return note


EFFECTS: dict[str, Callable[..., str]] = {
    "submit": _submit,
    "submit-late": _submit,
    "accept": _accept,
    "carry-over": _carry_over,
    "publish": _publish,
}


def _refusal(contribution: Contribution, action: str) -> ValidationError:
    if action in {"accept", "reject", "carry-over", "publish"}:
        message = _("This contribution is %(status)s: someone has already decided on it.")
    elif action in {"submit", "submit-late"}:
        message = _("This contribution was already submitted (%(status)s). Nothing was sent twice.")
    else:
        message = _("This contribution is already %(status)s.")
    code = "already-submitted" if action.startswith("submit") else "already-decided"
    return ValidationError(
        message % {"status": contribution.get_status_display().lower()}, code=code
    )


@transaction.atomic
def contribution_act(
    *, contribution_id: int, action: str, by: User, note: str = "", at=None
) -> Contribution:
    """Perform `action` on a contribution, if the table and the user's permission allow it.

    Refused with a ValidationError (a clear message) when the action does not start from the
    contribution's current status, and with PermissionDenied when the user may not take it.
    `at` is when the request arrived (the server clock by default): lateness is judged by it.
    """
    if action not in ACTIONS:
        raise ValidationError(_("Unknown action: %(action)s.") % {"action": action}, code="unknown")
    contribution = lock(contribution_id)
    transition = TRANSITIONS.get((contribution.status, action))
    if transition is None:
        raise _refusal(contribution, action)
    if not by.has_perm(transition.permission, contribution):
        raise PermissionDenied
    note = note.strip()
    if transition.needs_reason and not note:
        raise ValidationError(_("Give a reason: the submitter sees it."), code="reason-required")
    at = at or timezone.now()
    effect = EFFECTS.get(action)
    if effect:
        note = effect(contribution, by=by, note=note, at=at)
    before = contribution.status
    contribution.status = transition.target
    contribution.version += 1
    contribution.save()
    event = ContributionEvent.objects.create(
        contribution=contribution,
        actor=by,
        action=transition.event,
        from_status=before,
        to_status=contribution.status,
        note=note,
        in_grace=action == "submit" and contribution.in_grace,
    )
    notify_event(event)
    return contribution
