from django.urls import path, re_path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/me/", views.me, name="me"),
    path("accounts/me/tokens/", views.api_token_create, name="api_token_create"),
    path("accounts/me/tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    path("accounts/affiliations/request/", views.affiliation_request, name="affiliation_request"),
    path("secretariat/affiliations/", views.affiliation_queue, name="affiliation_queue"),
    re_path(
        r"^secretariat/affiliations/(?P<pk>[0-9]+)/(?P<decision>approve|refuse)/$",
        views.affiliation_decide,
        name="affiliation_decide",
    ),
]
