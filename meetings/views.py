from django.contrib import messages
from django.db.models import Count, Window
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from copportal.accounts.permissions import permission_required

from . import services
from .forms import DeadlineForm
from .models import Meeting


def meeting_list(request):
    meetings = Meeting.objects.select_related("theme")
    return render(
        request,
        "meetings/meeting_list.html",
        {"upcoming": meetings.upcoming(), "past": meetings.past()},
    )


SAMPLE = 987654321  # a number no contribution has, to split a reversed address around


def meeting_detail(request, number):
    """A meeting's page: its facts, deadline, agenda, contributions, sessions and outcomes.

    Two queries when the meeting has no sessions or outcomes yet (the meeting with what it
    has, and its documents with their count); each list it has adds its own, whatever its
    length.
    """
    meeting = get_object_or_404(Meeting.objects.for_page(), number=number)
    # Contributions know meetings, not the other way round: through the reverse relation,
    # the published ones this reader may see; their count comes with them (a window).
    documents = list(
        meeting.contributions.listed_for(request.user)
        .order_by("number", "pk")
        .values("number", "title", "original_language")
        .annotate(total=Window(Count("pk")))[:200]
    )
    # The documents' addresses: reversed once, then each number filled in (one reverse per
    # row cost more than the rest of the list).
    head, tail = reverse("contributions:detail", args=[meeting.number, SAMPLE]).rsplit(
        str(SAMPLE), 1
    )
    for document in documents:
        document["url"] = f"{head}{document['number']}{tail}" if document["number"] else ""
    latest_release = None
    if meeting.latest_release_version is not None:
        latest_release = {
            "version": meeting.latest_release_version,
            "released_at": meeting.latest_release_at,
        }
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "documents": documents,
            "portal_count": documents[0]["total"] if documents else 0,
            "latest_release": latest_release,
            "sessions": (
                meeting.sessions.prefetch_related("presenters") if meeting.has_sessions else []
            ),
            "recommendations": (
                meeting.recommendations.all() if meeting.has_recommendations else []
            ),
            "draft_resolutions": (
                meeting.draft_resolutions.prefetch_related("proposers")
                if meeting.has_draft_resolutions
                else []
            ),
            "chair_reports": meeting.chair_reports.all() if meeting.has_chair_reports else [],
            "records": meeting.records.published() if meeting.has_records else [],
            "liaison_notes": (
                meeting.liaison_notes.published().prefetch_related("recipients")
                if meeting.has_liaison_notes
                else []
            ),
        },
    )


@permission_required("meetings.change_deadline")
def meeting_deadline(request, number):
    """The chair's override of a meeting's deadline (or back to the rule), with its history."""
    meeting = get_object_or_404(Meeting, number=number)
    form = DeadlineForm(
        request.POST or None,
        meeting=meeting,
        initial={
            "deadline": timezone.localtime(meeting.deadline, meeting.zone).replace(tzinfo=None)
        },
    )
    if request.method == "POST" and form.is_valid():
        changed = services.meeting_deadline_set(
            meeting_id=meeting.pk,
            by=request.user,
            deadline=form.cleaned_data["deadline"],
            reason=form.cleaned_data["reason"],
        )
        if changed:
            messages.success(request, _("The deadline is changed; the change is recorded."))
        else:
            messages.info(request, _("This is already the deadline: nothing changed."))
        return redirect(meeting)
    return render(
        request,
        "meetings/meeting_deadline.html",
        {
            "meeting": meeting,
            "form": form,
            "changes": meeting.deadline_changes.select_related("changed_by"),
        },
    )
