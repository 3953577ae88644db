"""Beat's housekeeping: expired sessions, upload files no row references, old deliveries."""

import datetime
import os

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from copportal import housekeeping
from copportal.tasks import housekeeping as housekeeping_task

from ..factories import RevisionFactory


def age(path, hours):
    past = (timezone.now() - datetime.timedelta(hours=hours)).timestamp()
    os.utime(path, (past, past))


@pytest.mark.django_db
def test_unreferenced_uploads_are_removed_after_the_grace_period(settings):
    revision = RevisionFactory()
    root = settings.MEDIA_ROOT
    kept = root / revision.file.name
    orphan = root / "contributions" / "999" / "lost.pdf"
    young = root / "contributions" / "999" / "being-uploaded.pdf"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"%PDF")
    young.write_bytes(b"%PDF")
    age(orphan, 48)
    age(kept, 48)
    assert revision.file.name in housekeeping.referenced_upload_names()
    assert housekeeping.remove_unreferenced_uploads() == ["contributions/999/lost.pdf"]
    assert kept.exists()
    assert young.exists()
    assert not orphan.exists()


@pytest.mark.django_db
def test_the_task_clears_expired_sessions_and_old_deliveries():
    Session.objects.create(
        session_key="old", session_data="x", expire_date=timezone.now() - datetime.timedelta(1)
    )
    Session.objects.create(
        session_key="live", session_data="x", expire_date=timezone.now() + datetime.timedelta(1)
    )
    result = housekeeping_task()
    assert result == {"uploads_removed": 0, "deliveries_deleted": 0}
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]


def test_beat_declares_each_periodic_task_once(settings):
    from copportal.celery import app

    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert set(schedule) == {
        "send-due-reminders",
        "send-reply-reminders",
        "send-remote-links",
        "requeue-stalled-deliveries",
        "housekeeping",
        "build-public-data",
    }
    for entry in schedule.values():
        assert entry["task"] in app.tasks
    assert schedule["send-due-reminders"]["schedule"] <= 600
    assert schedule["send-reply-reminders"]["schedule"] <= 600
    assert schedule["send-remote-links"]["schedule"] <= 600


def test_the_visibility_timeout_fits_the_longest_wait(settings):
    """A retry waits at most RETRY_MAX seconds and runs at most the time limit: Redis must not
    hand it to another worker before (it would be harmless, but it must not be routine)."""
    longest = settings.NOTIFICATIONS_RETRY_MAX_SECONDS + settings.NOTIFICATIONS_TASK_TIME_LIMIT
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > longest
    assert settings.NOTIFICATIONS_STALE_AFTER.total_seconds() > (
        settings.NOTIFICATIONS_TASK_TIME_LIMIT
    )
