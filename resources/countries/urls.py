from django.urls import path, re_path

from . import views

app_name = "countries"

ISO3 = r"(?P<iso3>[A-Za-z]{3})"

urlpatterns = [
    path("countries/", views.country_list, name="list"),
    path("countries/entries/", views.entry_queue, name="queue"),
    path("countries/entries/<int:pk>/", views.entry_detail, name="entry"),
    path("countries/entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("countries/entries/<int:pk>/<slug:action>/", views.entry_act, name="act"),
    re_path(rf"^countries/{ISO3}/$", views.country_detail, name="detail"),
    re_path(rf"^countries/{ISO3}/entries/new/$", views.entry_create, name="entry_create"),
]
