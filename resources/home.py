"""The home page: it shows every app's news (the next meeting, the latest contributions and
liaison notes, the library's search), so it belongs to the top layer; copportal/urls.py
routes "" here."""

from django.db.models import F
from django.shortcuts import render

from meetings.models import LiaisonNote, Meeting, Theme


def home(request):
    """The next meeting (theme, deadline, countdown), the latest contributions and notes, the
    library's search; with nothing scheduled, the last meeting and the roadmap's next theme."""
    next_meeting = Meeting.objects.upcoming().select_related("theme").first()
    notes = (
        LiaisonNote.objects.public()
        .select_related("meeting")
        .order_by(F("sent_at").desc(nulls_last=True), "-pk")[:5]
    )
    context = {"next_meeting": next_meeting, "latest_notes": notes}
    if next_meeting is None:
        context["last_meeting"] = Meeting.objects.real().past().select_related("theme").first()
        context["next_theme"] = next(
            (theme for theme in Theme.objects.roadmap() if not theme.is_past), None
        )
    return render(request, "resources/home.html", context)
