"""request.arrived_at: stamped before the body is read, or from a trusted proxy's header."""

import datetime

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import RequestFactory

from copportal.middleware import ArrivalStampMiddleware, parse_request_start

NOW = datetime.datetime(2026, 11, 30, 22, 59, 59, tzinfo=datetime.UTC)


def _stamp(**headers):
    seen = {}

    def view(request):
        seen["arrived_at"] = request.arrived_at
        return None

    request = RequestFactory().post("/", data={"a": "b"}, **headers)
    ArrivalStampMiddleware(view)(request)
    return seen["arrived_at"]


def test_middleware_runs_before_csrf_and_anything_reading_the_body():
    middleware = django_settings.MIDDLEWARE
    assert middleware[0] == "copportal.middleware.ArrivalStampMiddleware"


@time_machine.travel(NOW, tick=False)
def test_stamp_is_the_arrival_in_utc(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    stamped = _stamp()
    assert stamped == NOW and stamped.tzinfo == datetime.UTC


@time_machine.travel(NOW, tick=False)
def test_stamp_is_taken_before_the_body_is_read(settings):
    """A slow body (or a queue) after arrival does not move the stamp."""
    seen = {}

    def view(request):
        with time_machine.travel(NOW + datetime.timedelta(seconds=90), tick=False):
            assert request.POST["a"] == "b"  # the body read, 90 s later
            seen["arrived_at"] = request.arrived_at

    ArrivalStampMiddleware(view)(RequestFactory().post("/", data={"a": "b"}))
    assert seen["arrived_at"] == NOW


@time_machine.travel(NOW, tick=False)
def test_proxy_header_is_ignored_without_a_trusted_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    earlier = NOW.timestamp() - 60
    assert _stamp(HTTP_X_REQUEST_START=f"t={earlier:.3f}") == NOW


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize(
    "header",
    [
        f"t={NOW.timestamp() - 30:.3f}",  # nginx t=${msec}
        f"t={int((NOW.timestamp() - 30) * 1_000_000)}",  # microseconds
        f"{int((NOW.timestamp() - 30) * 1000)}",  # milliseconds, no t=
    ],
)
def test_trusted_proxy_header_is_believed(settings, header):
    settings.TRUSTED_PROXY_COUNT = 1
    assert _stamp(HTTP_X_REQUEST_START=header) == NOW - datetime.timedelta(seconds=30)


@time_machine.travel(NOW, tick=False)
def test_proxy_time_in_the_future_is_clamped_to_now(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert _stamp(HTTP_X_REQUEST_START=f"t={NOW.timestamp() + 3600:.3f}") == NOW


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("header", [f"t={NOW.timestamp() - 3600:.3f}", "t=abc", "t=nan", "t=-5"])
def test_stale_or_malformed_proxy_time_is_not_believed(settings, header):
    settings.TRUSTED_PROXY_COUNT = 1
    assert _stamp(HTTP_X_REQUEST_START=header) == NOW


def test_parse_request_start_formats():
    assert parse_request_start("t=1700000000.5") == datetime.datetime(
        2023, 11, 14, 22, 13, 20, 500000, tzinfo=datetime.UTC
    )
    assert parse_request_start("t=1700000000500000") == parse_request_start("t=1700000000.5")
    assert parse_request_start("t=1e400") is None
    assert parse_request_start("") is None
