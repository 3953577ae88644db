"""Deliveries go out in batches: a task per NOTIFICATIONS_BATCH_SIZE ids, claimed in one
statement, sent over one SMTP connection, each marked sent as it goes; a refused mail is
retried alone, a server that goes away leaves only the unsent ones to retry."""

import smtplib
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from copportal.notifications import sending, services
from copportal.notifications.models import Delivery
from copportal.notifications.services import Recipient, notify
from copportal.notifications.tasks import send_deliveries

pytestmark = pytest.mark.django_db
CONTEXT = {"meeting_number": 99, "version": 1, "changes": [], "path": "/"}


def make(count, key="batch-event:1"):
    """`count` deliveries still waiting (the eager after-commit send is not run here)."""
    return notify(
        kind="agenda-released",
        key=key,
        recipients=[Recipient(email=f"person{i}@example.org") for i in range(count)],
        context=CONTEXT,
    )


def statuses():
    return dict(Delivery.objects.values_list("address", "status"))


def test_queue_makes_one_task_per_batch(settings, monkeypatch):
    settings.NOTIFICATIONS_BATCH_SIZE = 3
    queued = []
    monkeypatch.setattr(send_deliveries, "delay", queued.append)
    services.queue([1, 2, 3, 4, 5, 6, 7])
    assert queued == [[1, 2, 3], [4, 5, 6], [7]]


def test_a_batch_is_sent_once_even_when_its_task_runs_twice():
    ids = make(5)
    batch = sending.deliveries_send(delivery_ids=ids)
    assert set(batch.outcomes.values()) == {"sent"} and batch.retry_ids == []
    assert len(mail.outbox) == 5
    assert sending.deliveries_send(delivery_ids=ids + ids).outcomes == dict.fromkeys(ids, "skipped")
    assert len(mail.outbox) == 5
    assert set(statuses().values()) == {"sent"}
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}


def test_a_batch_claims_in_one_statement_and_marks_each_mail():
    ids = make(20)

    with CaptureQueriesContext(connection) as queries:
        sending.deliveries_send(delivery_ids=ids)
    claims = [q for q in queries if q["sql"].startswith("UPDATE") and "RETURNING" in q["sql"]]
    assert len(claims) == 1
    assert sum("'sent'" in q["sql"] or "sent_at" in q["sql"] for q in queries) == 20


def test_a_refused_mail_is_retried_alone_and_the_batch_goes_on(monkeypatch, settings):
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
    ids = make(4)
    real_send = sending._send

    def refuse_person1(message):
        if message.to == ["person1@example.org"]:
            raise smtplib.SMTPRecipientsRefused({"person1@example.org": (550, b"no")})
        real_send(message)

    monkeypatch.setattr(sending, "_send", refuse_person1)
    batch = sending.deliveries_send(delivery_ids=ids)
    assert batch.retry_ids == [ids[1]] and batch.delay == 60
    assert statuses() == {
        "person0@example.org": "sent",
        "person1@example.org": "queued",
        "person2@example.org": "sent",
        "person3@example.org": "sent",
    }
    monkeypatch.setattr(sending, "_send", real_send)
    sending.deliveries_send(delivery_ids=batch.retry_ids)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(statuses())  # each once


def test_a_server_going_away_leaves_only_the_unsent_to_retry(monkeypatch, settings):
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
    ids = make(5)
    real_send = sending._send
    sent = []

    def away_after_two(message):
        if len(sent) == 2:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        real_send(message)
        sent.append(message.to[0])

    monkeypatch.setattr(sending, "_send", away_after_two)
    batch = sending.deliveries_send(delivery_ids=ids)
    assert batch.retry_ids == ids[2:] and batch.delay == 60
    rows = {d.pk: d for d in Delivery.objects.all()}
    assert [rows[i].status for i in ids] == ["sent", "sent", "queued", "queued", "queued"]
    # The one that failed used an attempt; those never tried did not.
    assert [rows[i].attempts for i in ids] == [1, 1, 1, 0, 0]
    assert "SMTPServerDisconnected" in rows[ids[2]].last_error
    monkeypatch.setattr(sending, "_send", real_send)
    again = sending.deliveries_send(delivery_ids=ids)  # a retry with every id: only the rest
    assert [again.outcomes[i] for i in ids] == ["skipped", "skipped", "sent", "sent", "sent"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(statuses())  # each once


def test_a_long_batch_hands_its_rest_to_a_new_task(monkeypatch, settings):
    settings.NOTIFICATIONS_BATCH_SECONDS = 0  # the budget is spent after the first mail
    ids = make(3)
    handed = []
    monkeypatch.setattr(services, "queue", handed.append)
    clock = iter([0.0, 0.0, 5.0, 5.0, 5.0])
    monkeypatch.setattr(sending, "time", SimpleNamespace(monotonic=lambda: next(clock)))
    batch = sending.deliveries_send(delivery_ids=ids)
    assert batch.outcomes[ids[0]] == "sent"
    assert handed == [ids[1:]]
    rows = {d.pk: d for d in Delivery.objects.all()}
    assert [rows[i].status for i in ids[1:]] == ["queued", "queued"]
    assert [rows[i].attempts for i in ids[1:]] == [0, 0]
