"""A real gunicorn, started as the image starts it (gunicorn.conf.py: threaded workers), with a
3 s worker timeout: an upload sent more slowly than that completes and is stored.

A sync worker (gunicorn's default, and the image's before) is killed mid-upload: run this test
with SLOW_UPLOAD_WORKER_CLASS=sync to see it fail.
"""

import hashlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from contributions.models import Contribution, Revision

from .contributions.test_submission import form_data
from .factories import MeetingFactory, make_pdf

ROOT = Path(__file__).resolve().parent.parent
WORKER_TIMEOUT = 3
SEND_SECONDS = 5  # longer than the worker timeout
CSRF_SECRET = "a" * 32  # an unmasked CSRF secret (Django accepts it in the form)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    config = connection.settings_dict
    user = quote(config["USER"] or "")
    password = f":{quote(config['PASSWORD'])}" if config.get("PASSWORD") else ""
    host = quote(config["HOST"] or "127.0.0.1", safe="")  # a socket's folder: %2F
    return f"postgres://{user}{password}@{host}:{config['PORT'] or 5432}/{config['NAME']}"


def gunicorn_server(tmp_path, settings, *, worker_class=None, timeout=WORKER_TIMEOUT):
    """The project's gunicorn (gunicorn.conf.py) on the test database, one worker: yields its
    port and log, and stops it. `worker_class` replaces the configuration's (one thread)."""
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=_database_url(),
        DATABASE_CONN_MAX_AGE="0",
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        WEB_CONCURRENCY="1",
        GUNICORN_TIMEOUT=str(timeout),
        DJANGO_SETTINGS_MODULE="copportal.settings",
    )
    command = [
        sys.executable, "-m", "gunicorn", "copportal.wsgi",
        "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
    ]  # fmt: skip
    if worker_class:
        command += ["--worker-class", worker_class, "--threads", "1"]
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}") from None
                time.sleep(0.1)
        yield port, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def gunicorn(tmp_path, settings):
    yield from gunicorn_server(
        tmp_path, settings, worker_class=os.environ.get("SLOW_UPLOAD_WORKER_CLASS")
    )


def _throttled_post(port: int, path: str, body: bytes, cookies: str) -> bytes:
    """POST `body` in pieces over SEND_SECONDS, as a slow link would; the raw response."""
    head = (
        f"POST {path} HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{port}\r\n"
        f"Content-Type: {MULTIPART_CONTENT}\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"Cookie: {cookies}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    pieces = 20
    size = -(-len(body) // pieces)
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head)
        for start in range(0, len(body), size):
            sock.sendall(body[start : start + size])
            time.sleep(SEND_SECONDS / pieces)
        response = b""
        while chunk := sock.recv(65536):
            response += chunk
    return response


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_upload_slower_than_the_worker_timeout_is_stored(gunicorn, client, delegate, audiences):
    port, log = gunicorn
    meeting = MeetingFactory(number=30)
    client.force_login(delegate)
    session = client.cookies["sessionid"].value
    # Some 300 KB of PDF: one page with a long title, so the body takes real time to send.
    data = make_pdf("A contribution " + "with a long title " * 16000)
    upload = SimpleUploadedFile("slow.pdf", data, content_type="application/pdf")
    fields = form_data(meeting, delegate, file=upload, csrfmiddlewaretoken=CSRF_SECRET)
    body = encode_multipart(BOUNDARY, fields)

    started = time.monotonic()
    response = _throttled_post(
        port, "/contributions/submit/", body, f"sessionid={session}; csrftoken={CSRF_SECRET}"
    )
    took = time.monotonic() - started

    assert took > WORKER_TIMEOUT
    status_line = response.split(b"\r\n", 1)[0]
    assert status_line.startswith(b"HTTP/1.1 302"), (status_line, log.read_text()[-2000:])
    contribution = Contribution.objects.get()
    assert contribution.status == Contribution.Status.SUBMITTED
    revision = Revision.objects.get()
    assert revision.sha256 == hashlib.sha256(data).hexdigest()
    with revision.file.open("rb") as stored:
        assert stored.read() == data
