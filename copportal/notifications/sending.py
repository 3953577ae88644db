"""Sending: the send task (tasks.py) claims a batch of deliveries, sends each over the
worker's one SMTP connection, and marks it sent, retried with back-off, or failed.

A delivery is claimed with a compare-and-set (queued -> sending) before it is sent, so a task
delivered twice sends once; mail goes out outside any transaction or lock; every attempt at one
delivery carries the same Message-ID (services.py's docstring tells the one window left).
"""

import datetime
import hashlib
import hmac
import logging
import smtplib
import time
from contextlib import contextmanager
from dataclasses import dataclass
from email.headerregistry import HeaderRegistry, UnstructuredHeader

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import DatabaseError, connection, models
from django.utils import timezone

from . import services, workflow
from .models import Delivery

logger = logging.getLogger(__name__)


def message_id(delivery: Delivery) -> str:
    """The same Message-ID for every attempt at one delivery."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"delivery-{delivery.pk}".encode(), hashlib.sha256
    ).hexdigest()[:16]
    return f"<delivery-{delivery.pk}-{digest}@{services.site_domain()}>"


class _OneLineHeader(UnstructuredHeader):
    """A header written on one line, however long (RFC 5322 allows 998 characters).

    Python's email package folds a header at 78 characters, and cuts a long word such as a
    URL into RFC 2047 encoded words (=?utf-8?q?...?=): mail clients then find no usable
    List-Unsubscribe URL, and show no unsubscribe button."""

    def fold(self, *, policy):
        return super().fold(policy=policy.clone(max_line_length=998))


_one_line = HeaderRegistry(default_class=_OneLineHeader, use_default_map=False)


def build_message(delivery: Delivery) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=delivery.subject,
        body=delivery.text,
        to=[delivery.address],
        headers={
            "Message-ID": message_id(delivery),
            "List-Unsubscribe": _one_line("List-Unsubscribe", f"<{delivery.unsubscribe_url}>"),
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(delivery.html, "text/html")
    return message


# One SMTP connection per worker process, reused between tasks (closed on error, and
# opened again when the mail settings change, as they do in tests).
_mailer = None
_mailer_config = None


def _send(message) -> None:
    global _mailer, _mailer_config
    from django.core.mail import mailers

    config = repr(settings.MAILERS)
    reused = _mailer is not None and config == _mailer_config
    if not reused:
        if _mailer is not None:
            _mailer.close()
        _mailer, _mailer_config = mailers.default, config
        _mailer.open()
    try:
        try:
            _mailer.send_messages([message])
        except smtplib.SMTPServerDisconnected:
            if not reused:
                raise
            # The server closed the idle connection: once more on a new one.
            _mailer.close()
            _mailer.open()
            _mailer.send_messages([message])
    except BaseException:
        try:
            _mailer.close()
        finally:
            _mailer = None
        raise


# Temporary or permanent, an SMTP error delays the mail: it is retried with back-off.
SEND_ERRORS = (smtplib.SMTPException, OSError)
# The server answered "no" to one mail: the connection still serves the batch's next mails.
# Any other error (the server is down, went away, refused the connection) stops the batch.
MAIL_REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


class Outcome:
    SENT = "sent"
    SKIPPED = "skipped"  # not ours to send: sent, being sent, cancelled, failed or missing
    RETRY = "retry"
    FAILED = "failed"
    EXPIRED = "expired"


@dataclass
class Batch:
    """What became of a batch: each id's outcome, and what to try again after `delay` s."""

    outcomes: dict[int, str]
    retry_ids: list[int]
    delay: int = 0


def backoff_seconds(attempts: int) -> int:
    base = settings.NOTIFICATIONS_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), settings.NOTIFICATIONS_RETRY_MAX_SECONDS)


def _claim(delivery_ids: list[int], now) -> list[Delivery]:
    """queued -> sending, in one statement that returns the rows: a compare-and-set, so of
    two workers given the same ids, each row goes to one of them."""
    if not delivery_ids:
        return []
    claimed = workflow.WORKFLOW.guarded_update_returning(
        delivery_ids, "claim", "claimed_at = %s, attempts = attempts + 1", [now]
    )
    return sorted(claimed, key=lambda delivery: delivery.pk)


def _refused(delivery: Delivery, reason: str) -> tuple[str, int]:
    """A send failed: back to waiting with back-off, or failed for good after the last try."""
    if delivery.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
        workflow.WORKFLOW.guarded_update(
            Delivery.objects.filter(pk=delivery.pk), "fail", last_error=reason
        )
        logger.error("Delivery %s failed for good: %s", delivery.pk, reason)
        return Outcome.FAILED, 0
    delay = backoff_seconds(delivery.attempts)
    workflow.WORKFLOW.guarded_update(
        Delivery.objects.filter(pk=delivery.pk),
        "retry",
        last_error=reason,
        queued_at=timezone.now() + datetime.timedelta(seconds=delay),
    )
    logger.warning("Delivery %s delayed %ss: %s", delivery.pk, delay, reason)
    return Outcome.RETRY, delay


def _put_back(deliveries: list[Delivery], delay: int) -> None:
    """Claimed but not tried (the batch stopped before them): waiting again, the attempt
    not counted, due when the batch's retry runs."""
    workflow.WORKFLOW.guarded_update(
        Delivery.objects.filter(pk__in=[d.pk for d in deliveries]),
        "put-back",
        attempts=models.F("attempts") - 1,
        queued_at=timezone.now() + datetime.timedelta(seconds=delay),
    )


def deliveries_send(*, delivery_ids: list[int]) -> Batch:
    """Claim a batch of deliveries, send them over the worker's one SMTP connection and mark
    each sent as soon as the server accepted it.

    Called from the task, in autocommit: the claim and each mark commit on their own, and
    mail goes out between them, with no transaction open and no lock held (the marks without
    waiting for the disk: _commits_without_waiting_for_disk). A mail the server
    refuses goes back with back-off and the batch goes on; when the server is down or goes
    away, the batch stops and what was not sent is retried (only that). A batch stops, and
    queues its rest at once, after NOTIFICATIONS_BATCH_SECONDS, well inside the task's time
    limit and the stale-claim delay.
    """
    now = timezone.now()
    begin = time.monotonic()
    batch = Batch(outcomes=dict.fromkeys(delivery_ids, Outcome.SKIPPED), retry_ids=[])
    claimed = _claim(list(dict.fromkeys(delivery_ids)), now)
    with _commits_without_waiting_for_disk():
        _send_claimed(claimed, batch, now=now, begin=begin)
    return batch


def _send_claimed(claimed: list[Delivery], batch: Batch, *, now, begin: float) -> None:
    """deliveries_send's loop: each claimed delivery sent and marked in turn, its outcome
    recorded in `batch`."""
    for index, delivery in enumerate(claimed):
        if delivery.expires_at and now > delivery.expires_at:
            workflow.WORKFLOW.guarded_update(
                Delivery.objects.filter(pk=delivery.pk),
                "expire",
                last_error="expired before it could be sent",
            )
            batch.outcomes[delivery.pk] = Outcome.EXPIRED
            continue
        if time.monotonic() - begin > settings.NOTIFICATIONS_BATCH_SECONDS:
            rest = [other.pk for other in claimed[index:]]
            _put_back(claimed[index:], 0)
            services.queue(rest)  # a new task, at once
            batch.outcomes.update(dict.fromkeys(rest, Outcome.RETRY))
            return
        try:
            _send(build_message(delivery))
        except SEND_ERRORS as error:
            reason = f"{type(error).__name__}: {error}"[:1000]
            batch.outcomes[delivery.pk], wait = _refused(delivery, reason)
            if batch.outcomes[delivery.pk] == Outcome.RETRY:
                batch.retry_ids.append(delivery.pk)
                batch.delay = max(batch.delay, wait)
            if isinstance(error, MAIL_REFUSED):
                continue
            rest = claimed[index + 1 :]
            _put_back(rest, batch.delay)
            for other in rest:
                batch.outcomes[other.pk] = Outcome.RETRY
                batch.retry_ids.append(other.pk)
            return
        _mark_sent(delivery.pk)
        batch.outcomes[delivery.pk] = Outcome.SENT


def delivery_send(*, delivery_id: int) -> tuple[str, int]:
    """Claim, send and mark one delivery. Returns the outcome and, to retry, the delay."""
    batch = deliveries_send(delivery_ids=[delivery_id])
    outcome = batch.outcomes[delivery_id]
    return outcome, batch.delay if outcome == Outcome.RETRY else 0


def _mark_sent(delivery_id: int) -> None:
    workflow.WORKFLOW.guarded_update(
        Delivery.objects.filter(pk=delivery_id), "mark-sent", sent_at=timezone.now(), last_error=""
    )


@contextmanager
def _commits_without_waiting_for_disk():
    """What a batch writes after its claim (marks sent, refusals, put-backs) is committed
    without waiting for the disk (PostgreSQL's asynchronous commit): one round trip per mark
    instead of a transaction of three, and no disk flush. The claim before it was committed
    durably: it is what stops a second send. Only a crash of the database server itself could
    lose a mark; the row, still claimed, would then be sent again by the sweep with the same
    Message-ID, as in the crash window described at the top."""
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        except DatabaseError:
            pass  # the connection is gone, and its setting with it
