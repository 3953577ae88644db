"""The statistics' addresses: the page and each figure's table as CSV.

Included by resources/urls.py: the names are in the resources namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/<slug:key>.csv", views.figure_csv, name="statistics_csv"),
]
