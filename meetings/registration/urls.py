"""Included by meetings/urls.py (app_name "meetings")."""

from django.urls import path

from . import views

urlpatterns = [
    path("meetings/<int:number>/registration/", views.registration, name="registration"),
    path(
        "meetings/<int:number>/registration/participants/",
        views.participants,
        name="participants",
    ),
    path(
        "meetings/<int:number>/registration/participants.csv",
        views.participants_csv,
        name="participants_csv",
    ),
    path(
        "meetings/<int:number>/registration/close/",
        views.registration_close,
        name="registration_close",
    ),
]
