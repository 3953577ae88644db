"""Included by meetings/urls.py (app_name "meetings"). The address stays the one the
notifications part gave it first: a stable URL."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "notifications/meetings/<int:number>/reminders/",
        views.meeting_reminders,
        name="reminders",
    ),
]
