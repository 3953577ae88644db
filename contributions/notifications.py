"""A contribution's state changes, told to its authors: one mail per event and person.

The transition function calls notify_event(event) right after it records the event, inside
the same transaction; the mail goes out after commit (copportal.notifications).
"""

from copportal.accounts.models import Affiliation, User
from copportal.notifications.services import Recipient, notify

from .models import Contribution, ContributionEvent, Revision

Action = ContributionEvent.Action

KIND_OF_ACTION = {
    Action.SUBMITTED: "contribution-received",
    Action.SUBMITTED_LATE: "contribution-late",
    Action.ACCEPTED: "contribution-accepted",
    Action.PUBLISHED: "contribution-published",
    Action.REJECTED: "contribution-rejected",
    Action.CARRIED_OVER: "contribution-carried-over",
}


def authors(contribution: Contribution) -> list[User]:
    """The submitter and the approved delegates of its sources (Contribution.is_author)."""
    delegates = User.objects.filter(
        is_active=True,
        affiliations__status=Affiliation.Status.APPROVED,
        affiliations__organization__contribution_links__contribution=contribution,
    )
    people = {contribution.submitter_id: contribution.submitter}
    for user in delegates.distinct().order_by("pk"):
        people.setdefault(user.pk, user)
    return [user for user in people.values() if user.is_active]


def _files(contribution: Contribution) -> list[dict]:
    """What was received: each language version's latest file."""
    revisions = Revision.objects.filter(document__contribution=contribution).select_related(
        "document"
    )
    latest = {}
    for revision in revisions.order_by("document__language", "number"):
        latest[revision.document.language] = revision
    return [
        {"language": language, "revision": revision.number, "name": revision.original_name}
        for language, revision in latest.items()
    ]


def _context(event: ContributionEvent) -> dict:
    contribution = event.contribution
    context = {
        "contribution_id": contribution.pk,
        "title": contribution.title,
        "symbol": contribution.symbol,
        "meeting_number": contribution.meeting.number,
        "path": contribution.get_absolute_url(),
        "note": event.note,
        "reason": event.note,
    }
    if event.action in {Action.SUBMITTED, Action.SUBMITTED_LATE}:
        context["files"] = _files(contribution)
        # Each in the six languages: every recipient reads the names in their mail's language.
        context["sources"] = [
            link.organization.names_by_language() for link in contribution.ordered_sources
        ]
    if event.action == Action.ACCEPTED and event.from_status == Contribution.Status.LATE:
        # Accepted although late: the reason is said as a rejection's or a carry-over's is.
        context["late"] = True
    if event.action == Action.CARRIED_OVER:
        context["from_meeting"] = (
            contribution.carried_over_from.number if contribution.carried_over_from else ""
        )
        context["to_meeting"] = contribution.meeting.number
        # The reason the secretariat gave, after the "Carried over from ... to ...:" prefix.
        context["reason"] = event.note.split(": ", 1)[-1]
    return context


def notify_event(event: ContributionEvent) -> None:
    """Mail the authors about this event if it is one they are told of (else nothing)."""
    kind = KIND_OF_ACTION.get(event.action)
    if kind is None:
        return
    contribution = (
        Contribution.objects.select_related("meeting", "submitter", "carried_over_from")
        .prefetch_related("source_links__organization")
        .get(pk=event.contribution_id)
    )
    event.contribution = contribution
    notify(
        kind=kind,
        key=f"contribution-event:{event.pk}",
        recipients=[Recipient(user=user) for user in authors(contribution)],
        context=_context(event),
    )
