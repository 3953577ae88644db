from django.urls import path

from .feeds import PublishedContributionsFeed

app_name = "contribution_feeds"

urlpatterns = [
    path("feeds/contributions/", PublishedContributionsFeed(), name="published"),
]
