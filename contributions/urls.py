from django.urls import path

from copportal.exports import export_urls
from copportal.pagecache import public

from .views import dashboard, desk, detail, files, lists, submit

app_name = "contributions"

urlpatterns = [
    path("contributions/", public(lists.contribution_list), name="list"),
    export_urls("contributions/", "contributions"),
    path("contributions/submit/", submit.contribution_submit, name="submit"),
    path(
        "contributions/template-<str:language>.docx",
        files.contribution_template,
        name="template",
    ),
    path("contributions/mine/", dashboard.my_contributions, name="mine"),
    path("contributions/desk/", desk.desk, name="desk"),
    # The stable public address: CWG-COP-20/5 is /contributions/20-5/.
    path("contributions/<int:meeting>-<int:number>/", detail.contribution_detail, name="detail"),
    # Before it has a symbol, a contribution is reached by its id (only by those who may see it).
    path("contributions/id/<int:pk>/", detail.contribution_detail_by_id, name="detail_by_id"),
    path("contributions/id/<int:pk>/edit/", submit.contribution_edit, name="edit"),
    path(
        "contributions/id/<int:pk>/submit/", submit.contribution_submit_draft, name="submit_draft"
    ),
    path("contributions/id/<int:pk>/revise/", detail.revision_upload, name="revise"),
    path("contributions/id/<int:pk>/withdraw/", detail.contribution_withdraw, name="withdraw"),
    path("contributions/id/<int:pk>/desk/<slug:action>/", desk.desk_action, name="desk_action"),
    path("contributions/files/<int:pk>/", files.revision_download, name="file"),
    # All public documents of a meeting in one language (contributions know meetings).
    path(
        "meetings/<int:number>/documents/<slug:language>.zip",
        files.meeting_archive,
        name="meeting_archive",
    ),
]
