"""The roadmap's addresses: the roadmap, each theme, the chair's editing.

Included by meetings/urls.py: the names are in the meetings namespace."""

from django.urls import path

from copportal.exports import export_urls

from . import views

urlpatterns = [
    path("roadmap/", views.roadmap, name="roadmap"),
    export_urls("roadmap/", "roadmap", "roadmap_export"),
    path("roadmap/new/", views.theme_new, name="theme_new"),
    path("roadmap/<slug:slug>/", views.theme_detail, name="theme"),
    path("roadmap/<slug:slug>/edit/", views.theme_edit, name="theme_edit"),
    path("roadmap/<slug:slug>/delete/", views.theme_delete, name="theme_delete"),
]
