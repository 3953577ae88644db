"""The open data addresses: /data/, a dump's ZIP, the officers' build button, and the
library's and the helplines' lists as CSV and JSON. Included by resources/urls.py."""

from django.urls import path, re_path

from copportal.exports import export_urls

from . import views

urlpatterns = [
    path("data/", views.data_page, name="data"),
    path("data/build/", views.data_build, name="data_build"),
    re_path(
        r"^data/cwg-cop-public-data-(?P<day>\d{4}-\d{2}-\d{2})\.zip$",
        views.data_dump,
        name="data_dump",
    ),
    export_urls("resources/", "resources"),
    export_urls("helplines/", "helplines", "helplines_export"),
]
