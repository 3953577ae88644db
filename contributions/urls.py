from django.urls import path

from . import views

app_name = "contributions"

urlpatterns = [
    path("contributions/", views.contribution_list, name="list"),
    path("contributions/submit/", views.contribution_submit, name="submit"),
    path(
        "contributions/template-<str:language>.docx",
        views.contribution_template,
        name="template",
    ),
    path("contributions/mine/", views.my_contributions, name="mine"),
    path("contributions/desk/", views.desk, name="desk"),
    # The stable public address: CWG-COP-20/5 is /contributions/20-5/.
    path("contributions/<int:meeting>-<int:number>/", views.contribution_detail, name="detail"),
    # Before it has a symbol, a contribution is reached by its id (only by those who may see it).
    path("contributions/id/<int:pk>/", views.contribution_detail_by_id, name="detail_by_id"),
    path("contributions/id/<int:pk>/edit/", views.contribution_edit, name="edit"),
    path("contributions/id/<int:pk>/submit/", views.contribution_submit_draft, name="submit_draft"),
    path("contributions/id/<int:pk>/revise/", views.revision_upload, name="revise"),
    path("contributions/id/<int:pk>/withdraw/", views.contribution_withdraw, name="withdraw"),
    path("contributions/id/<int:pk>/desk/<slug:action>/", views.desk_action, name="desk_action"),
    path("contributions/files/<int:pk>/", views.revision_download, name="file"),
    # All public documents of a meeting in one language (contributions know meetings).
    path(
        "meetings/<int:number>/documents/<slug:language>.zip",
        views.meeting_archive,
        name="meeting_archive",
    ),
]
