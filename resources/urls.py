from django.urls import include, path

from copportal.pagecache import public

from . import views

app_name = "resources"

urlpatterns = [
    path("resources/", public(views.resource_list), name="list"),
    path("", include("resources.exports.urls")),
    path("resources/new/", views.resource_create, name="create"),
    path("resources/manage/", views.resource_manage, name="manage"),
    path("resources/from-contribution/<int:pk>/", views.resource_promote, name="from_contribution"),
    path("resources/<slug:slug>/", public(views.resource_detail), name="detail"),
    path("resources/<slug:slug>/file/", views.resource_download, name="file"),
    path("resources/<slug:slug>/edit/", views.resource_edit, name="edit"),
    path("resources/<slug:slug>/publish/", views.resource_publish, name="publish"),
    path("resources/<slug:slug>/unpublish/", views.resource_unpublish, name="unpublish"),
    path("helplines/", views.helpline_list, name="helplines"),
    path("helplines/new/", views.helpline_edit, name="helpline_create"),
    path("helplines/<int:pk>/edit/", views.helpline_edit, name="helpline_edit"),
    path("helplines/<int:pk>/delete/", views.helpline_delete, name="helpline_delete"),
    path("helplines/import/", views.helpline_import, name="helpline_import"),
    path("", include("resources.statistics.urls")),
    path("", include("resources.countries.urls")),
]
