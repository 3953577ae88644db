"""Requests a minute per token, and per address without one: then 429 with Retry-After."""

import datetime

import pytest
import time_machine
from django.utils import timezone


@pytest.mark.django_db
def test_a_token_over_its_limit_gets_429(api, token_for, delegate, outsider, settings):
    settings.API_RATE_LIMIT = 3
    secret = token_for(delegate)
    start = timezone.now().replace(second=10, microsecond=0) + datetime.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        for _ in range(3):
            assert api("get", "/api/v1/meetings/", secret).status_code == 200
        response = api("get", "/api/v1/meetings/", secret)
        assert response.status_code == 429
        assert response["Retry-After"] == "51"
        assert response.json()["detail"] == (
            "Too many requests: more than 3 in a minute. Try again in 51 seconds."
        )
        # Another token has its own budget.
        assert api("get", "/api/v1/meetings/", token_for(outsider)).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=1), tick=False):
        assert api("get", "/api/v1/meetings/", secret).status_code == 200


@pytest.mark.django_db
def test_anonymous_requests_are_limited_per_address(api, settings):
    settings.API_ANONYMOUS_RATE_LIMIT = 2
    start = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        assert api("get", "/api/v1/roadmap/").status_code == 200
        assert api("get", "/api/v1/roadmap/").status_code == 200
        response = api("get", "/api/v1/roadmap/")
        assert response.status_code == 429
        assert response.json()["detail"]
        other = api("get", "/api/v1/roadmap/", REMOTE_ADDR="10.0.0.9")
        assert other.status_code == 200
