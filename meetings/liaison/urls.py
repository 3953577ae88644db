"""The liaison notes' addresses: the list, each note, its workflow and files.

Included by meetings/urls.py: the names are in the meetings namespace."""

from django.urls import path

from copportal.exports import export_urls

from . import views

urlpatterns = [
    path("liaison-notes/", views.liaison_note_list, name="liaison_notes"),
    export_urls("liaison-notes/", "liaison-notes", "liaison_notes_export"),
    path("liaison-notes/new/", views.liaison_note_new, name="liaison_note_new"),
    path(
        "liaison-notes/new/incoming/",
        views.incoming_note_new,
        name="incoming_note_new",
    ),
    path("liaison-notes/<int:pk>/", views.liaison_note_detail, name="liaison_note"),
    path("liaison-notes/<int:pk>/edit/", views.liaison_note_edit, name="liaison_note_edit"),
    path(
        "liaison-notes/<int:pk>/<slug:action>/",
        views.liaison_note_act,
        name="liaison_note_act",
    ),
    path(
        "liaison-notes/files/<int:pk>/",
        views.liaison_attachment,
        name="liaison_attachment",
    ),
    path(
        "liaison-notes/files/<int:pk>/remove/",
        views.liaison_attachment_remove,
        name="liaison_attachment_remove",
    ),
]
