"""Exactly once on the real services: a Celery worker process (`celery -A copportal worker`)
against Redis, the test's PostgreSQL database and a real SMTP server on loopback.

Each test has a queue of its own (parallel test processes have databases of their own), and
the worker is started with the test database's URL, so it sees the rows the test committed.
"""

import datetime
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from contributions.reminders import send_due_reminders
from copportal.celery import app as celery_app
from copportal.notifications import services
from copportal.notifications.models import Delivery
from copportal.notifications.tasks import send_deliveries

from ..factories import AffiliationFactory, MeetingFactory, OrganizationFactory
from .sink import Sink

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]
ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout}s: {message()}")


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = quote(db["HOST"] or "127.0.0.1", safe="")  # the embedded server's socket folder: %2F
    return f"postgres://{db['USER']}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """Start `celery -A copportal worker` processes on the test's queue; kill them."""

    def __init__(self, queue, sink, log_dir):
        self.queue, self.sink, self.log_dir = queue, sink, log_dir
        self.processes = []

    def start(self, concurrency=2):
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "REDIS_URL": os.environ["REDIS_URL"],
            "EMAIL_URL": self.sink.url,
            "NOTIFICATIONS_RETRY_BASE_SECONDS": "1",
            "NOTIFICATIONS_RETRY_MAX_SECONDS": "2",
            "DATABASE_CONN_MAX_AGE": "60",
        }
        number = len(self.processes) + 1
        log = open(self.log_dir / f"worker-{number}.log", "w")  # noqa: SIM115
        command = [sys.executable, "-m", "celery", "-A", "copportal", "worker"]
        command += ["-Q", self.queue, "-c", str(concurrency), "-n", f"{self.queue}-{number}@%h"]
        command += ["-l", "INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: SIGKILL takes its children too
        )
        self.processes.append(process)
        return process

    def kill(self, process):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)

    def waiting(self) -> int:
        """Messages still in the queue (not yet taken by a worker)."""
        import redis

        return redis.Redis.from_url(os.environ["REDIS_URL"]).llen(self.queue)

    def logs(self) -> str:
        return "\n".join(p.read_text()[-3000:] for p in sorted(self.log_dir.glob("worker-*")))


@pytest.fixture
def sink():
    server = Sink().start()
    yield server
    server.stop()


@pytest.fixture
def workers(transactional_db, sink, monkeypatch, tmp_path):
    """Tasks go to Redis (not eagerly) on a queue of this test's own."""
    import redis

    queue = f"notif-test-{uuid.uuid4().hex[:12]}"
    celery_app.conf.task_always_eager = False

    def to_queue(ids):
        for batch in services.batches(ids):
            send_deliveries.apply_async((batch,), queue=queue)

    monkeypatch.setattr(services, "queue", to_queue)
    pool = Workers(queue, sink, tmp_path)
    yield pool
    pool.stop_all()
    celery_app.conf.task_always_eager = True
    # The broker keeps what the killed worker held (redelivered after the visibility
    # timeout, to this queue that nobody reads): remove it and the queue.
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    for tag, payload in client.hgetall("unacked").items():
        if queue.encode() in payload:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)
    client.delete(queue)
    connections.close_all()


def delegates(count):
    organization = OrganizationFactory(name="Demonstration State", iso_code="ZZZ")
    return [AffiliationFactory(organization=organization).user for _ in range(count)]


def meeting_with_a_reminder_due():
    """A meeting whose 2-day reminder is due now and whose deadline is a day ahead."""
    deadline = timezone.now() + datetime.timedelta(days=1)
    start = deadline.date() + datetime.timedelta(days=12)
    return MeetingFactory(start_date=start, end_date=start, deadline_override=deadline)


def test_a_worker_killed_mid_fan_out_loses_and_doubles_nothing(workers, sink, settings):
    people = delegates(200)
    meeting_with_a_reminder_due()
    sink.delay = 0.01  # a mail takes a moment: the kill lands in the middle
    assert send_due_reminders() == 200  # committed: 200 tasks queued
    first = workers.start()
    wait_for(lambda: sink.count() >= 40, 30, workers.logs)
    workers.kill(first)
    at_kill = sink.count()
    assert at_kill < 200, "the worker finished before it was killed"
    in_flight = Delivery.objects.filter(status="sending").count()
    workers.start()

    # The second worker drains the queue; what the dead one held is queued again by the sweep.
    def settled():
        before = sink.count()
        time.sleep(0.5)
        return before > at_kill and sink.count() == before and workers.waiting() == 0

    wait_for(settled, 30, workers.logs)
    settings.NOTIFICATIONS_STALE_AFTER = datetime.timedelta(seconds=1)
    time.sleep(1)
    services.deliveries_requeue_stalled()
    wait_for(lambda: len(sink.by_address()) == 200, 30, workers.logs)
    wait_for(
        lambda: Delivery.objects.filter(status="sent").count() == 200,
        10,
        lambda: str(list(Delivery.objects.exclude(status="sent").values("status", "last_error"))),
    )
    received = sink.by_address()
    assert set(received) == {person.email for person in people}
    # One mail per recipient: the only repeat possible is a mail the dead worker had handed
    # to the server and not yet marked sent, and it carries the same Message-ID.
    for address, message_ids in received.items():
        assert len(set(message_ids)) == 1, address
    assert sink.count() - 200 <= in_flight


def test_a_mail_server_refusing_then_down_delays_the_mail_once(workers, sink):
    people = delegates(5)
    sink.refusing = True
    with_key = services.notify
    with_key(
        kind="agenda-released",
        key="agenda:99:1",
        recipients=[services.Recipient(user=person) for person in people],
        context={"meeting_number": 99, "version": 1, "changes": [], "path": "/"},
    )
    workers.start()
    wait_for(lambda: sink.refused >= 5, 30, workers.logs)
    sink.stop()  # now down: connections are refused
    time.sleep(1.5)
    assert sink.count() == 0
    assert Delivery.objects.filter(status="queued").count() == 5
    sink.refusing = False
    sink.start()
    wait_for(lambda: sink.count() >= 5, 30, workers.logs)
    wait_for(lambda: Delivery.objects.filter(status="sent").count() == 5, 10, workers.logs)
    time.sleep(0.5)
    assert sorted(sink.by_address()) == sorted(person.email for person in people)
    assert sink.count() == 5
    assert all(d.attempts >= 2 for d in Delivery.objects.all())


def test_the_same_task_twice_and_two_sweeps_at_once_send_one_mail(workers, sink):
    people = delegates(30)
    meeting_with_a_reminder_due()
    made = []

    def sweep():
        try:
            made.append(send_due_reminders())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(made) == [0, 30]  # two beats at once: one fan-out
    assert Delivery.objects.count() == 30
    # Every batch delivered twice more (a redelivery, a duplicate publish), and an id twice
    # in one batch.
    ids = list(Delivery.objects.values_list("pk", flat=True))
    services.queue(ids)
    services.queue(ids)
    services.queue([ids[0], ids[0]])
    workers.start()
    wait_for(lambda: Delivery.objects.filter(status="sent").count() == 30, 30, workers.logs)
    time.sleep(1)  # let the duplicate tasks run: they must send nothing
    assert sink.count() == 30
    assert sorted(sink.by_address()) == sorted(person.email for person in people)


def test_settings_are_those_of_the_real_services():
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert celery_app.conf.broker_url.startswith("redis://")
