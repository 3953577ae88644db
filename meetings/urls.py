"""The meetings app's addresses: meetings, their calendars and feeds; each package's own
are included (agenda, outcomes, roadmap, liaison notes, registration,
reminder days)."""

from django.urls import include, path

from copportal.exports import export_urls
from copportal.pagecache import public

from . import calendar_views, meeting_views, views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.meeting_list, name="list"),
    export_urls("meetings/", "meetings"),
    path("meetings/new/", meeting_views.meeting_new, name="new"),
    path("meetings/calendar.ics", calendar_views.meetings_calendar, name="calendar"),
    path("meetings/<int:number>/edit/", meeting_views.meeting_edit, name="edit"),
    path("meetings/<int:number>/", public(views.meeting_detail), name="detail"),
    path(
        "meetings/<int:number>/calendar.ics",
        calendar_views.meeting_calendar,
        name="meeting_calendar",
    ),
    path("feeds/meetings/", calendar_views.MeetingsFeed(), name="feed"),
    path("feeds/liaison-notes/", calendar_views.LiaisonNotesFeed(), name="liaison_notes_feed"),
    path("meetings/<int:number>/deadline/", views.meeting_deadline, name="deadline"),
    path("", include("meetings.agenda.urls")),
    path("", include("meetings.outcomes.urls")),
    path("", include("meetings.roadmap.urls")),
    path("", include("meetings.liaison.urls")),
    path("", include("meetings.registration.urls")),
    path("", include("meetings.reminders.urls")),
]
