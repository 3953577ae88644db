"""The statistics' addresses: the page and each figure's table as CSV.

Included by resources/urls.py: the names are in the resources namespace. The page is cached
for anonymous visitors like the other public pages (copportal/pagecache.py): every model it
counts is watched, so a change shows on the next request."""

from django.urls import path

from copportal.pagecache import public

from . import views

urlpatterns = [
    path("statistics/", public(views.statistics), name="statistics"),
    path("statistics/<slug:key>.csv", views.figure_csv, name="statistics_csv"),
]
