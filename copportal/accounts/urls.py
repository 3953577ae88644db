from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("accounts/me/", views.me, name="me"),
    path("accounts/affiliations/request/", views.affiliation_request, name="affiliation_request"),
    path("secretariat/affiliations/", views.affiliation_queue, name="affiliation_queue"),
    path(
        "secretariat/affiliations/<int:pk>/<str:decision>/",
        views.affiliation_decide,
        name="affiliation_decide",
    ),
]
