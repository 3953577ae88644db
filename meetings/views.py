from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from .models import LiaisonNote, LiaisonRecipient, Meeting, Theme


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
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
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


def _liaison_notes():
    recipients = Prefetch("recipients", queryset=LiaisonRecipient.objects.order_by("is_cc", "pk"))
    return LiaisonNote.objects.public().select_related("meeting").prefetch_related(recipients)


def liaison_note_list(request):
    return render(request, "meetings/liaison_note_list.html", {"notes": _liaison_notes()})


def liaison_note_detail(request, pk):
    note = get_object_or_404(_liaison_notes(), pk=pk)
    return render(request, "meetings/liaison_note_detail.html", {"note": note})
