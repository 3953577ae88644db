"""Reply-by reminders: the secretariat is reminded 7 and 1 days before a liaison note's
reply-by date (08:00 in the meeting's zone), once per offset, found by the sweep; not for
information, not for drafts, not once the date has begun, not once a reply is recorded."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from copportal.notifications.models import Delivery
from copportal.notifications.services import preference_set
from meetings.liaison import reminders, services

from ..factories import MeetingFactory

pytestmark = pytest.mark.django_db
GENEVA = ZoneInfo("Europe/Zurich")
# 29 March 2026 Geneva moves to summer time: 24 March is CET (UTC+1), 30 March CEST (UTC+2).
REPLY_BY = datetime.date(2026, 3, 31)


def geneva(*args):
    return datetime.datetime(*args, tzinfo=GENEVA)


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=20, time_zone="Europe/Zurich")


def _note(meeting, secretariat, chair, *, purpose="action", send=True, subject="Results"):
    note = services.liaison_note_save(
        by=secretariat,
        fields={"meeting": meeting, "subject": subject, "body": "Text."},
        recipients=[
            {
                "body": "ITU-D SG2",
                "purpose": purpose,
                "deadline": REPLY_BY,
                "contacts": ["sg2@itu.example"],
            },
            {"body": "ITU-T SG17", "purpose": "information", "contacts": ["sg17@itu.example"]},
        ],
    )
    if send:
        services.liaison_note_act(note_id=note.pk, action="approve", by=chair)
        services.liaison_note_act(note_id=note.pk, action="send", by=secretariat)
    return note


def sweep(at):
    with time_machine.travel(at, tick=False):
        return reminders.send_reply_reminders()


def reminders_sent():
    return Delivery.objects.filter(kind="liaison-note-reply-due")


@pytest.fixture
def note(meeting, secretariat, chair):
    return _note(meeting, secretariat, chair)


def test_seven_and_one_day_before_at_eight_local_across_summer_time(note, secretariat):
    assert sweep(geneva(2026, 3, 24, 7, 59)) == 0
    assert sweep(geneva(2026, 3, 24, 8, 0)) == 1  # 07:00 UTC (CET)
    mail = reminders_sent().get()
    assert mail.address == secretariat.email
    assert "Reply from ITU-D SG2 due on 31 March 2026" in mail.subject
    assert mail.key.endswith(":2026-03-31:7")
    assert sweep(geneva(2026, 3, 24, 8, 5)) == 0  # once per offset
    assert sweep(geneva(2026, 3, 30, 7, 59)) == 0
    assert sweep(datetime.datetime(2026, 3, 30, 6, 0, tzinfo=datetime.UTC)) == 1  # 08:00 CEST
    assert sweep(geneva(2026, 3, 30, 12, 0)) == 0
    assert sorted(k.rsplit(":", 1)[1] for k in reminders_sent().values_list("key", flat=True)) == [
        "1",
        "7",
    ]


def test_none_on_or_after_the_reply_by_date(note):
    assert sweep(geneva(2026, 3, 31, 0, 0)) == 0  # the date itself: no longer "before"
    assert sweep(geneva(2026, 4, 2, 8, 0)) == 0
    assert not reminders_sent().exists()


def test_a_reminder_missed_while_workers_were_down_goes_once_and_only_the_latest(note):
    assert sweep(geneva(2026, 3, 30, 22, 0)) == 1  # both 7 and 1 have passed
    assert reminders_sent().get().key.endswith(":1")
    assert sweep(geneva(2026, 3, 30, 23, 0)) == 0


def test_a_waiting_reminder_is_not_sent_once_the_date_has_begun(note):
    from copportal.notifications.sending import delivery_send

    sweep(geneva(2026, 3, 30, 8, 0))
    delivery = reminders_sent().get()
    Delivery.objects.filter(pk=delivery.pk).update(status="queued")  # its worker was down
    with time_machine.travel(geneva(2026, 3, 31, 0, 1), tick=False):
        outcome, _delay = delivery_send(delivery_id=delivery.pk)
    assert outcome == "expired"
    delivery.refresh_from_db()
    assert delivery.status == "cancelled"


def test_no_reminder_once_a_reply_is_recorded(meeting, note, secretariat, chair):
    sweep(geneva(2026, 3, 24, 8, 0))
    waiting = reminders_sent().get()
    Delivery.objects.filter(pk=waiting.pk).update(status="queued")  # not sent yet
    services.liaison_note_save(
        by=secretariat,
        fields={"meeting": meeting, "subject": "Reply from SG2", "body": "Text.", "reply_to": note},
        recipients=[{"body": "CWG-COP", "purpose": "information"}],
    )
    assert sweep(geneva(2026, 3, 30, 8, 0)) == 0
    waiting.refresh_from_db()
    assert waiting.status == "cancelled"


def test_no_reminder_once_the_bodys_reply_is_received(note, secretariat):
    sweep(geneva(2026, 3, 24, 8, 0))
    waiting = reminders_sent().get()
    Delivery.objects.filter(pk=waiting.pk).update(status="queued")  # not sent yet
    services.incoming_note_save(
        by=secretariat,
        fields={
            "source": "ITU-D SG2",
            "received_on": datetime.date(2026, 3, 25),
            "subject": "Reply from SG2",
            "reply_to": note,
        },
    )
    assert sweep(geneva(2026, 3, 30, 8, 0)) == 0
    waiting.refresh_from_db()
    assert waiting.status == "cancelled"


@pytest.mark.parametrize("purpose", ["information", "comment"])
def test_no_reminder_when_no_action_is_asked(meeting, secretariat, chair, purpose):
    _note(meeting, secretariat, chair, purpose=purpose)
    assert sweep(geneva(2026, 3, 30, 8, 0)) == 0


def test_no_reminder_for_a_note_not_sent(meeting, secretariat, chair):
    _note(meeting, secretariat, chair, send=False)
    assert sweep(geneva(2026, 3, 30, 8, 0)) == 0


def test_the_secretariat_only_in_its_language_and_its_opt_out_respected(
    note, secretariat, chair, delegate
):
    from ..factories import UserFactory

    french = UserFactory(email="sec-fr@example.org", language="fr", roles=["Secretariat"])
    away = UserFactory(email="sec-off@example.org", roles=["Secretariat"])
    preference_set(kind="liaison-note-reply-due", enabled=False, user=away)
    assert sweep(geneva(2026, 3, 24, 8, 0)) == 2
    addresses = set(reminders_sent().values_list("address", flat=True))
    assert addresses == {secretariat.email, french.email}
    assert "31 mars 2026" in reminders_sent().get(address=french.email).subject


def test_the_sweep_is_in_the_beat_schedule(note):
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["send-reply-reminders"]
    assert entry["task"] == "meetings.tasks.send_reply_reminders"
    from meetings.tasks import send_reply_reminders

    with time_machine.travel(geneva(2026, 3, 24, 8, 0), tick=False):
        assert send_reply_reminders.apply().get() == 1
