from django.urls import include, path

from . import (
    agenda_views,
    calendar_views,
    liaison_views,
    meeting_views,
    report_views,
    roadmap_views,
    views,
)

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.meeting_list, name="list"),
    path("meetings/new/", meeting_views.meeting_new, name="new"),
    path("meetings/calendar.ics", calendar_views.meetings_calendar, name="calendar"),
    path("meetings/<int:number>/edit/", meeting_views.meeting_edit, name="edit"),
    path(
        "meetings/<int:number>/outcomes/edit/",
        meeting_views.meeting_outcomes_edit,
        name="outcomes_edit",
    ),
    path("meetings/<int:number>/", views.meeting_detail, name="detail"),
    path(
        "meetings/<int:number>/report/edit/",
        report_views.chair_report_edit,
        name="chair_report_edit",
    ),
    path(
        "meetings/<int:number>/report/draft.docx",
        report_views.chair_report_draft,
        name="chair_report_draft",
    ),
    path(
        "meetings/<int:number>/report/<slug:language>/",
        report_views.chair_report,
        name="chair_report",
    ),
    path(
        "meetings/<int:number>/report/<slug:language>/remove/",
        report_views.chair_report_remove,
        name="chair_report_remove",
    ),
    path(
        "meetings/<int:number>/calendar.ics",
        calendar_views.meeting_calendar,
        name="meeting_calendar",
    ),
    path("feeds/meetings/", calendar_views.MeetingsFeed(), name="feed"),
    path("feeds/liaison-notes/", calendar_views.LiaisonNotesFeed(), name="liaison_notes_feed"),
    path("meetings/<int:number>/agenda/", agenda_views.agenda_public, name="agenda"),
    path("meetings/<int:number>/agenda/edit/", agenda_views.agenda_edit, name="agenda_edit"),
    path(
        "meetings/<int:number>/agenda/reorder/", agenda_views.agenda_reorder, name="agenda_reorder"
    ),
    path(
        "meetings/<int:number>/agenda/allocate/",
        agenda_views.agenda_allocate,
        name="agenda_allocate",
    ),
    path(
        "meetings/<int:number>/agenda/release/", agenda_views.agenda_release, name="agenda_release"
    ),
    path(
        "meetings/<int:number>/agenda/items/<int:pk>/edit/",
        agenda_views.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        "meetings/<int:number>/agenda/items/<int:pk>/move/",
        agenda_views.agenda_item_move,
        name="agenda_item_move",
    ),
    path(
        "meetings/<int:number>/agenda/items/<int:pk>/delete/",
        agenda_views.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path("meetings/<int:number>/deadline/", views.meeting_deadline, name="deadline"),
    path("", include("meetings.registration.urls")),
    path("roadmap/", views.roadmap, name="roadmap"),
    path("roadmap/new/", roadmap_views.theme_new, name="theme_new"),
    path("roadmap/<slug:slug>/", roadmap_views.theme_detail, name="theme"),
    path("roadmap/<slug:slug>/edit/", roadmap_views.theme_edit, name="theme_edit"),
    path("roadmap/<slug:slug>/delete/", roadmap_views.theme_delete, name="theme_delete"),
    path("liaison-notes/", liaison_views.liaison_note_list, name="liaison_notes"),
    path("liaison-notes/new/", liaison_views.liaison_note_new, name="liaison_note_new"),
    path(
        "liaison-notes/new/incoming/",
        liaison_views.incoming_note_new,
        name="incoming_note_new",
    ),
    path("liaison-notes/<int:pk>/", liaison_views.liaison_note_detail, name="liaison_note"),
    path("liaison-notes/<int:pk>/edit/", liaison_views.liaison_note_edit, name="liaison_note_edit"),
    path(
        "liaison-notes/<int:pk>/<slug:action>/",
        liaison_views.liaison_note_act,
        name="liaison_note_act",
    ),
    path(
        "liaison-notes/files/<int:pk>/",
        liaison_views.liaison_attachment,
        name="liaison_attachment",
    ),
    path(
        "liaison-notes/files/<int:pk>/remove/",
        liaison_views.liaison_attachment_remove,
        name="liaison_attachment_remove",
    ),
]
