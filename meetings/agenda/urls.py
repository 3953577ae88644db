"""The agenda's addresses: the chair's builder and the public's released versions.

Included by meetings/urls.py: the names are in the meetings namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("meetings/<int:number>/agenda/", views.agenda_public, name="agenda"),
    path("meetings/<int:number>/agenda/edit/", views.agenda_edit, name="agenda_edit"),
    path("meetings/<int:number>/agenda/reorder/", views.agenda_reorder, name="agenda_reorder"),
    path(
        "meetings/<int:number>/agenda/allocate/",
        views.agenda_allocate,
        name="agenda_allocate",
    ),
    path("meetings/<int:number>/agenda/release/", views.agenda_release, name="agenda_release"),
    path(
        "meetings/<int:number>/agenda/items/<int:pk>/edit/",
        views.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        "meetings/<int:number>/agenda/items/<int:pk>/move/",
        views.agenda_item_move,
        name="agenda_item_move",
    ),
    path(
        "meetings/<int:number>/agenda/items/<int:pk>/delete/",
        views.agenda_item_delete,
        name="agenda_item_delete",
    ),
]
