"""The status of a contribution changes here and nowhere else.

TRANSITIONS is the table: from a status, an action leads to a status, for those who have
its permission (contributions/rules.py). `contribution_act` performs an action: it locks the
row, looks the action up in the table, checks the permission, lets the action set its own
fields (a symbol on acceptance, the next meeting on carry-over, ...), changes the status,
records the audit event, and tells the notifications part (after commit, by the event).
`Contribution.allowed_actions(user)` reads the same table for the buttons pages show.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from copportal.accounts.models import User
from copportal.workflow import Transition, Workflow, step
from meetings.models import Meeting

from .models import Contribution, ContributionEvent, SymbolCounter
from .notifications import notify_event

Status = Contribution.Status
Event = ContributionEvent.Action


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


def _transitions() -> list[Transition]:
    submit = "contributions.submit_contribution"
    decide = "contributions.decide_contribution"
    late = "contributions.decide_late"
    withdraw = "contributions.withdraw_contribution"
    rows = [
        step(
            Status.DRAFT,
            "submit",
            Status.SUBMITTED,
            submit,
            gettext_lazy("Submit"),
            event=Event.SUBMITTED,
            effect=_submit,
        ),
        step(
            Status.DRAFT,
            "submit-late",
            Status.LATE,
            submit,
            gettext_lazy("Submit"),
            event=Event.SUBMITTED_LATE,
            effect=_submit,
            shown=False,
        ),
        step(
            Status.SUBMITTED,
            "accept",
            Status.ACCEPTED,
            decide,
            gettext_lazy("Accept and number"),
            event=Event.ACCEPTED,
            effect=_accept,
        ),
        # Why a late one is taken all the same, as for carry-over.
        step(
            Status.LATE,
            "accept",
            Status.ACCEPTED,
            late,
            gettext_lazy("Accept for this meeting"),
            event=Event.ACCEPTED,
            effect=_accept,
            needs_reason=True,
        ),
        step(
            Status.SUBMITTED,
            "carry-over",
            Status.SUBMITTED,
            decide,
            gettext_lazy("Carry over to the next meeting"),
            event=Event.CARRIED_OVER,
            effect=_carry_over,
            needs_reason=True,
        ),
        step(
            Status.LATE,
            "carry-over",
            Status.SUBMITTED,
            late,
            gettext_lazy("Carry over to the next meeting"),
            event=Event.CARRIED_OVER,
            effect=_carry_over,
            needs_reason=True,
        ),
        step(
            Status.ACCEPTED,
            "publish",
            Status.PUBLISHED,
            decide,
            gettext_lazy("Publish"),
            event=Event.PUBLISHED,
            effect=_publish,
        ),
        step(
            [Status.SUBMITTED, Status.ACCEPTED],
            "reject",
            Status.REJECTED,
            decide,
            gettext_lazy("Reject"),
            event=Event.REJECTED,
            needs_reason=True,
        ),
        step(
            Status.LATE,
            "reject",
            Status.REJECTED,
            late,
            gettext_lazy("Reject"),
            event=Event.REJECTED,
            needs_reason=True,
        ),
        step(
            Status.DRAFT,
            "withdraw",
            Status.WITHDRAWN,
            withdraw,
            gettext_lazy("Withdraw"),
            event=Event.WITHDRAWN,
        ),
    ]
    return [
        *rows,
        step(
            sorted(Status.withdrawable() - {Status.DRAFT}),
            "withdraw",
            Status.WITHDRAWN,
            withdraw,
            gettext_lazy("Withdraw"),
            event=Event.WITHDRAWN,
        ),
    ]


def allowed_transitions(contribution: Contribution, user) -> list[Transition]:
    """The actions the user may take on the contribution now, in the table's order."""
    return WORKFLOW.allowed(contribution, user)


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


def _new_version(contribution: Contribution, _transition) -> None:
    contribution.version += 1


def _in_grace(contribution: Contribution, transition: Transition) -> dict:
    return {"in_grace": transition.action == "submit" and contribution.in_grace}


WORKFLOW = Workflow(
    model=Contribution,
    transitions=_transitions(),
    event_model=ContributionEvent,
    event_object="contribution",
    lock=lock,
    refusal=_refusal,
    on_change=_new_version,
    event_fields=_in_grace,
    notify=notify_event,
    validate=None,  # as before the table moved: the services validate their own fields
)
TRANSITIONS: dict[tuple[str, str], Transition] = WORKFLOW.table
ACTIONS = set(WORKFLOW.actions)


def contribution_act(
    *, contribution_id: int, action: str, by: User, note: str = "", at=None
) -> Contribution:
    """Perform `action` on a contribution, if the table and the user's permission allow it.

    Refused with a ValidationError (a clear message) when the action does not start from the
    contribution's current status, and with PermissionDenied when the user may not take it.
    `at` is when the request arrived (the server clock by default): lateness is judged by it.
    """
    try:
        return WORKFLOW.transition(contribution_id, action, by=by, note=note, at=at)
    except ValidationError as error:
        if error.code == "reason":
            raise ValidationError(
                _("Give a reason: the submitter sees it."), code="reason-required"
            ) from None
        raise
