"""The dashboard where signing in lands: a delegate's own contributions, an officer's desk."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render

from meetings.liaison import services as liaison_services
from meetings.models import LiaisonNote, Meeting

from ..models import Contribution
from .access import listed

Status = Contribution.Status


@login_required
def my_contributions(request):
    """The dashboard, where signing in lands. A delegate's part: their drafts and submissions
    with the state and next action of each, the next deadline, their affiliations. An
    officer's part (the chair, the secretariat): what waits on them for the next meeting.
    Someone who is both sees both."""
    user = request.user
    contributions = list(listed(Contribution.objects.authored_by(user)).order_by("-created_at"))
    drafts = [c for c in contributions if c.status == Status.DRAFT]
    others = [c for c in contributions if c.status != Status.DRAFT]
    next_meeting = next(
        (m for m in Meeting.objects.upcoming().real() if not m.is_past_deadline()), None
    ) or next((m for m in Meeting.objects.upcoming() if not m.is_past_deadline()), None)
    affiliations = list(user.affiliations.select_related("organization").order_by("-requested_at"))
    officer = _officer_part(user) if user.has_perm("contributions.view_submitted") else None
    return render(
        request,
        "contributions/my_contributions.html",
        {
            "drafts": drafts,
            "submitted": others,
            "next_meeting": next_meeting,
            "affiliations": affiliations,
            "officer": officer,
            # An officer with no affiliation and nothing of their own sees the officer's part
            # only: the delegate's would only say they are not a delegate.
            "delegate_part": officer is None or bool(affiliations or contributions),
        },
    )


LATE_SHOWN = 10  # late contributions listed on the officer's dashboard; the desk has them all


def _officer_part(user) -> dict:
    """What waits on the chair and the secretariat (five queries, whatever the numbers): the
    next meeting (a real one before a demonstration) with its contributions on the desk and its
    agenda's state, late contributions of every meeting, and the liaison notes not yet sent
    with what this user may do to each."""
    meeting = Meeting.objects.upcoming().for_page().order_by("is_demo", "start_date").first()
    desk = agenda_items = None
    if meeting:
        desk = Contribution.objects.for_meeting(meeting).aggregate(
            submitted=Count("pk", filter=Q(status=Status.SUBMITTED)),
            late=Count("pk", filter=Q(status=Status.LATE)),
            accepted=Count("pk", filter=Q(status=Status.ACCEPTED)),
        )
        agenda_items = meeting.agenda_items.count()
    late = list(
        Contribution.objects.filter(status=Status.LATE)
        .select_related("meeting")
        .order_by("meeting__start_date", "submitted_at", "pk")[: LATE_SHOWN + 1]
    )
    notes = list(
        LiaisonNote.objects.exclude(status=LiaisonNote.Status.SENT)
        .select_related("meeting")
        .order_by("meeting__start_date", "pk")
    )
    for note in notes:
        note.actions = [
            liaison_services.LIAISON_NOTE_ACTIONS[action]
            for action in liaison_services.liaison_note_allowed_actions(note, user)
        ]
    return {
        "meeting": meeting,
        "desk": desk,
        "agenda_items": agenda_items,
        "late": late[:LATE_SHOWN],
        "more_late": len(late) > LATE_SHOWN,
        "notes": notes,
    }
