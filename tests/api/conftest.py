"""Helpers for the API tests: a personal token per user, requests with or without it, and
contributions in each state and visibility."""

import pytest

from copportal.accounts import services as account_services

from ..factories import (
    DocumentFactory,
    MeetingFactory,
    PublishedContributionFactory,
    RevisionFactory,
)


@pytest.fixture
def meeting(audiences):
    """A meeting opening in 40 days: its deadline (12 days before) is 28 days ahead."""
    return MeetingFactory(number=30)


@pytest.fixture
def token_for(db):
    """token_for(user) -> the secret of a new personal token of user."""

    def make(user, name="script"):
        return account_services.api_token_create(user=user, name=name)[1]

    return make


@pytest.fixture
def api(client):
    """api(method, path, secret=None, **kwargs): a request to the API, with the token if any."""

    def call(method, path, secret=None, **kwargs):
        headers = kwargs.pop("headers", {})
        if secret:
            headers["Authorization"] = f"Bearer {secret}"
        return getattr(client, method)(path, headers=headers, **kwargs)

    return call


def published(meeting, organization, *, visibility="public", **fields):
    """A published contribution with an English file."""
    contribution = PublishedContributionFactory(
        meeting=meeting, sources=[organization], visibility=visibility, **fields
    )
    RevisionFactory(document=DocumentFactory(contribution=contribution, language="en"))
    return contribution
