"""The outcomes' addresses: the chair's outcomes page and the chair's report.

Included by meetings/urls.py: the names are in the meetings namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "meetings/<int:number>/outcomes/edit/",
        views.meeting_outcomes_edit,
        name="outcomes_edit",
    ),
    path(
        "meetings/<int:number>/report/edit/",
        views.chair_report_edit,
        name="chair_report_edit",
    ),
    path(
        "meetings/<int:number>/report/draft.docx",
        views.chair_report_draft,
        name="chair_report_draft",
    ),
    path(
        "meetings/<int:number>/report/<slug:language>/",
        views.chair_report,
        name="chair_report",
    ),
    path(
        "meetings/<int:number>/report/<slug:language>/remove/",
        views.chair_report_remove,
        name="chair_report_remove",
    ),
]
