from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.meeting_list, name="list"),
    path("meetings/<int:number>/", views.meeting_detail, name="detail"),
    path("meetings/<int:number>/deadline/", views.meeting_deadline, name="deadline"),
    path("roadmap/", views.roadmap, name="roadmap"),
    path("liaison-notes/", views.liaison_note_list, name="liaison_notes"),
    path("liaison-notes/<int:pk>/", views.liaison_note_detail, name="liaison_note"),
]
