"""Benchmark: 10,000 deadline reminders through 2 Celery worker processes to a local SMTP
sink, against a plain smtplib loop sending the same mails in the same run.

    DATABASE_URL=postgres://... REDIS_URL=redis://.../N python -m bench.notifications [COUNT]

Runs on a throw-away test database and a queue of its own. Reports the time from the sweep
(render and record 10,000 deliveries, queue 10,000 tasks) to the last mail received, the
delivery part alone, and the ratio of its rate to the plain loop's (targets: at most 60 s,
at least 0.5).
"""

import datetime
import email.policy
import os
import signal
import smtplib
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.notifications.sink import Sink

SINK = Sink().start()
os.environ["EMAIL_URL"] = SINK.url
# As in production (cached templates, no query log), here and in the workers started below.
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", f"bench-only-{uuid.uuid4().hex}")
os.environ["SECURE_SSL_REDIRECT"] = "false"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "copportal.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from contributions.reminders import send_due_reminders  # noqa: E402
from copportal.accounts.models import Affiliation, Organization, User  # noqa: E402
from copportal.celery import app as celery_app  # noqa: E402
from copportal.notifications import sending, services  # noqa: E402
from copportal.notifications.models import Delivery  # noqa: E402
from copportal.notifications.tasks import send_deliveries  # noqa: E402
from meetings.models import Meeting  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
WORKERS = 2


def wait_for(condition, timeout):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out after {timeout}s")
        time.sleep(0.02)


def populate():
    organization = Organization.objects.create(
        kind="member-state", name="Benchland", iso_code="ZZB", region="europe"
    )
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"delegate{i}@bench.example", full_name=f"Delegate {i}", password=password)
        for i in range(COUNT)
    )
    Affiliation.objects.bulk_create(
        Affiliation(user=u, organization=organization, status="approved") for u in users
    )
    deadline = timezone.now() + datetime.timedelta(days=1)
    start = deadline.date() + datetime.timedelta(days=12)
    Meeting.objects.create(number=900, start_date=start, end_date=start, deadline_override=deadline)


def start_workers(queue, database_url, log_dir):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "EMAIL_URL": SINK.url,
        "DATABASE_CONN_MAX_AGE": "600",
    }
    processes = []
    for n in range(WORKERS):
        command = [sys.executable, "-m", "celery", "-A", "copportal", "worker", "-Q", queue]
        command += ["--pool", "solo", "-n", f"bench-{n}@%h", "-l", "WARNING"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        log = open(log_dir / f"bench-worker-{n}.log", "w")  # noqa: SIM115
        processes.append(
            subprocess.Popen(command, env=env, stdout=log, stderr=log, start_new_session=True)
        )
    return processes


def plain_loop(deliveries) -> float:
    """The same mails, built the same way, sent one after another on one connection."""
    begin = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", SINK.port) as smtp:
        for delivery in deliveries:
            message = sending.build_message(delivery).message(policy=email.policy.SMTP)
            smtp.sendmail(settings.DEFAULT_FROM_EMAIL, [delivery.address], message.as_bytes())
    return time.perf_counter() - begin


def main():
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL: the workers need Redis.")
    # A name of its own: pytest's test database (test_<name>) may be in use beside it.
    connection.settings_dict["TEST"]["NAME"] = f"{connection.settings_dict['NAME']}_bench_mail"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    queue = f"bench-notifications-{uuid.uuid4().hex[:8]}"
    log_dir = Path("/tmp")
    celery_app.conf.task_always_eager = False

    def to_queue(ids):
        for batch in services.batches(ids):
            send_deliveries.apply_async((batch,), queue=queue)

    services.queue = to_queue
    workers = []
    try:
        populate()
        workers = start_workers(queue, database_url, log_dir)
        # Let the workers boot (a warm-up mail each) before the clock starts.
        services.notify(
            kind="agenda-released",
            key="bench-warm-up",
            recipients=[services.Recipient(email=f"warm{i}@bench.example") for i in range(4)],
            context={"meeting_number": 900, "version": 1, "changes": [], "path": "/"},
        )
        wait_for(lambda: SINK.count() >= 4, 120)
        base = SINK.count()

        begin = time.perf_counter()
        made = send_due_reminders()
        swept = time.perf_counter()
        wait_for(lambda: SINK.count() - base >= made, 900)
        done = time.perf_counter()
        assert made == COUNT, made
        sent = Delivery.objects.filter(kind="deadline-reminder", status="sent").count()
        by_address = SINK.by_address()
        doubled = sum(1 for ids in by_address.values() if len(ids) > 1)

        deliveries = list(Delivery.objects.filter(kind="deadline-reminder").order_by("pk"))
        before_plain = SINK.count()
        plain = plain_loop(deliveries)
        assert SINK.count() - before_plain == COUNT

        total = done - begin
        celery_rate = COUNT / total
        plain_rate = COUNT / plain
        print(f"{COUNT} reminders, {WORKERS} worker processes, PostgreSQL + Redis, aiosmtpd sink")
        print(f"  sweep (render, record, queue): {swept - begin:6.1f} s")
        print(f"  first task queued to last mail: {done - swept:6.1f} s (after the sweep's commit)")
        print(f"  total, sweep to last mail:     {total:6.1f} s  ({celery_rate:6.0f} mails/s)")
        print(f"  plain smtplib loop:            {plain:6.1f} s  ({plain_rate:6.0f} mails/s)")
        print(f"  ratio to the plain loop:       {celery_rate / plain_rate:6.2f}")
        print(f"  marked sent {sent}/{COUNT}; recipients with more than one mail: {doubled}")
    finally:
        for process in workers:
            os.killpg(process.pid, signal.SIGTERM)
        for process in workers:
            process.wait(30)
        import redis

        redis.Redis.from_url(os.environ["REDIS_URL"]).delete(queue)
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        SINK.stop()


if __name__ == "__main__":
    main()
