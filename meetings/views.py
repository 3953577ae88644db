from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .models import Meeting, Theme


def meeting_list(request):
    meetings = Meeting.objects.select_related("theme")
    return render(
        request,
        "meetings/meeting_list.html",
        {"upcoming": meetings.upcoming(), "past": meetings.past()},
    )


def meeting_detail(request, number):
    meeting = get_object_or_404(Meeting.objects.select_related("theme"), number=number)
    liaison_notes = meeting.liaison_notes.public().prefetch_related("recipients")
    # The meeting's documents, through the reverse relation (this app imports nothing from
    # contributions): published ones, members-only ones for those who may see them.
    documents = meeting.contributions.filter(status="published")
    if not request.user.has_perm("contributions.view_members_only"):
        documents = documents.filter(visibility="public")
    latest_release = (
        meeting.agenda_releases.order_by("-version").values("version", "released_at").first()
    )
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "documents": documents.order_by("number", "pk").values("number", "title")[:200],
            "document_count": documents.count(),
            "open_for_submission": meeting.end_date >= timezone.localdate(),
            "latest_release": latest_release,
            "sessions": meeting.sessions.prefetch_related("presenters"),
            "recommendations": meeting.recommendations.all(),
            "draft_resolutions": meeting.draft_resolutions.prefetch_related("proposers"),
            "liaison_notes": liaison_notes,
        },
    )


def roadmap(request):
    themes = Theme.objects.roadmap().prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.order_by("start_date"))
    )
    return render(request, "meetings/roadmap.html", {"themes": themes})
