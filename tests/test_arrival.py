"""request.arrived_at: stamped before the body is read, or from a trusted proxy's header."""

import datetime
import socket
import struct

import pytest
import time_machine
from django.conf import settings as django_settings
from django.test import RequestFactory

from copportal.middleware import (
    TCP_INFO_LAST_DATA_RECV,
    ArrivalStampMiddleware,
    parse_request_start,
)

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


@time_machine.travel(NOW, tick=False)
def test_trusted_proxy_time_spent_reading_the_body_counts_before_it(settings):
    """nginx stamps ${msec} when it passes the request on, after buffering the body; the
    ${request_time} it spent reading it is taken off (a slow upload began before)."""
    settings.TRUSTED_PROXY_COUNT = 1
    stamped = _stamp(
        HTTP_X_REQUEST_START=f"t={NOW.timestamp() - 2:.3f}", HTTP_X_REQUEST_ELAPSED="118.250"
    )
    assert stamped == NOW - datetime.timedelta(seconds=120.25)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("elapsed", ["abc", "-3", "nan", "100000"])
def test_an_unbelievable_elapsed_time_is_not_taken_off(settings, elapsed):
    settings.TRUSTED_PROXY_COUNT = 1
    stamped = _stamp(
        HTTP_X_REQUEST_START=f"t={NOW.timestamp() - 2:.3f}", HTTP_X_REQUEST_ELAPSED=elapsed
    )
    assert stamped == NOW - datetime.timedelta(seconds=2)


class KernelSocket:
    """gunicorn's connection as the kernel describes it: last data received `ms` ago."""

    def __init__(self, milliseconds):
        self.milliseconds = milliseconds

    def getsockopt(self, level, option, size):
        assert (level, option) == (socket.IPPROTO_TCP, socket.TCP_INFO)
        info = bytearray(size)
        struct.pack_into("=I", info, TCP_INFO_LAST_DATA_RECV, self.milliseconds)
        return bytes(info)


@time_machine.travel(NOW, tick=False)
def test_without_a_proxy_the_kernel_says_when_the_request_came_in(settings):
    """A request that waited in gunicorn's queue is judged by when its bytes came in; the
    client's own headers are not believed (tests/test_arrival_queue.py: with a real gunicorn)."""
    settings.TRUSTED_PROXY_COUNT = 0
    forged = f"t={NOW.timestamp() - 60:.3f}"
    stamped = _stamp(**{"gunicorn.socket": KernelSocket(2750), "HTTP_X_REQUEST_START": forged})
    assert stamped == NOW - datetime.timedelta(milliseconds=2750)


@time_machine.travel(NOW, tick=False)
def test_the_trusted_proxy_is_believed_before_the_kernel(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    stamped = _stamp(
        **{
            "gunicorn.socket": KernelSocket(10),
            "HTTP_X_REQUEST_START": f"t={NOW.timestamp() - 30:.3f}",
        }
    )
    assert stamped == NOW - datetime.timedelta(seconds=30)


@time_machine.travel(NOW, tick=False)
def test_a_kernel_time_older_than_the_limit_or_unreadable_is_not_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert _stamp(**{"gunicorn.socket": KernelSocket(10 * 60 * 1000)}) == NOW
    assert _stamp(**{"gunicorn.socket": object()}) == NOW


def test_tcp_info_offset_reads_a_real_connection():
    """The offset of tcpi_last_data_recv is right: a connection that just received data says
    so (less than a second)."""
    server = socket.create_server(("127.0.0.1", 0))
    with server, socket.create_connection(server.getsockname()) as client:
        client.sendall(b"GET / HTTP/1.1\r\n\r\n")
        accepted, _ = server.accept()
        with accepted:
            accepted.recv(100)
            info = accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
            (milliseconds,) = struct.unpack_from("=I", info, TCP_INFO_LAST_DATA_RECV)
    assert 0 <= milliseconds < 1000
