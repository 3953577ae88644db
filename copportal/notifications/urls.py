from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.preferences, name="preferences"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notifications/log/", views.log, name="log"),
    path("notifications/log/<int:pk>/resend/", views.resend, name="resend"),
]
