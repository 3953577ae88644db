"""A deadline that passes while submissions wait in the server's queue (issue 21).

A real gunicorn with one sync worker, no proxy: a slow client holds the worker, so two
submissions wait in the listen queue, one sent before the deadline and one after it. The
worker takes them only once the deadline has passed; each is judged by when it came in (the
kernel's time on gunicorn's connection, copportal/middleware.py), not by when the worker got
to it. On the code before, both were late.
"""

import datetime
import socket
import time

import pytest
from django.utils import timezone

from contributions.models import Contribution

from .contributions.conftest import make_draft
from .factories import MeetingFactory
from .test_slow_upload import CSRF_SECRET, gunicorn_server

BEFORE = 1.5  # seconds from sending the first submission to the deadline
AFTER = 1.0  # from the deadline to sending the second, and again to freeing the worker


def _send_submission(port: int, draft, cookies: str) -> socket.socket:
    body = f"version={draft.version}&action=submit&csrfmiddlewaretoken={CSRF_SECRET}".encode()
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(
        (
            f"POST /contributions/id/{draft.pk}/submit/ HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\n"
            f"Cookie: {cookies}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        + body
    )
    return sock


def _response(sock: socket.socket) -> bytes:
    response = b""
    while chunk := sock.recv(65536):
        response += chunk
    sock.close()
    return response


@pytest.fixture
def sync_gunicorn(tmp_path, settings):
    yield from gunicorn_server(tmp_path, settings, worker_class="sync", timeout=30)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_submission_queued_across_the_deadline_is_judged_by_its_arrival(
    sync_gunicorn, client, delegate, audiences
):
    port, log = sync_gunicorn
    meeting = MeetingFactory(number=31)
    on_time, late = (make_draft(user=delegate, meeting=meeting) for _ in range(2))
    client.force_login(delegate)
    cookies = f"sessionid={client.cookies['sessionid'].value}; csrftoken={CSRF_SECRET}"

    # The only worker is busy with a client that sends half a request and waits.
    holder = socket.create_connection(("127.0.0.1", port), timeout=30)
    holder.sendall(f"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
    time.sleep(0.3)  # the worker has taken it
    sent_first = timezone.now()
    deadline = sent_first + datetime.timedelta(seconds=BEFORE)
    meeting.deadline_override = deadline
    meeting.save(update_fields=["deadline_override"])
    first = _send_submission(port, on_time, cookies)
    time.sleep(BEFORE + AFTER)
    sent_second = timezone.now()
    second = _send_submission(port, late, cookies)
    time.sleep(AFTER)
    holder.close()  # the worker is free: it takes the queued submissions, after the deadline
    responses = [_response(first), _response(second)]
    served = timezone.now()

    for response in responses:
        status = response.split(b"\r\n", 1)[0]
        assert status.startswith(b"HTTP/1.1 302"), (status, log.read_text()[-2000:])
    on_time.refresh_from_db()
    late.refresh_from_db()
    assert served > deadline
    assert (on_time.status, on_time.is_late) == (Contribution.Status.SUBMITTED, False)
    assert sent_first - datetime.timedelta(seconds=0.2) <= on_time.submitted_at < deadline
    assert (late.status, late.is_late) == (Contribution.Status.LATE, True)
    assert deadline < late.submitted_at <= sent_second + datetime.timedelta(seconds=0.5)
