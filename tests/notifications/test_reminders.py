"""Deadline reminders: due at the exact offsets in the meeting's time zone (summer time
included), once, never after the deadline, following the deadline when it moves."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from contributions.reminders import due_reminders, send_due_reminders
from copportal.notifications import services
from copportal.notifications.models import Delivery
from copportal.notifications.tasks import send_delivery
from meetings import services as meeting_services
from meetings.models import MeetingReminders

from ..factories import ContributionFactory, MeetingFactory

UTC = datetime.UTC


def utc(*args):
    return datetime.datetime(*args, tzinfo=UTC)


# Deadline by rule: 12 days before opening, 23:59 local. Europe's summer time ends on
# 25 October 2026, the United States' on 1 November 2026; Manila has none.
CASES = {
    "Europe/Zurich": (
        datetime.date(2026, 11, 14),
        {
            14: utc(2026, 10, 19, 6),  # 08:00 summer time (UTC+2)
            7: utc(2026, 10, 26, 7),  # 08:00 winter time (UTC+1)
            2: utc(2026, 10, 31, 7),
            0: utc(2026, 11, 2, 7),
        },
        utc(2026, 11, 2, 22, 59),
    ),
    "America/New_York": (
        datetime.date(2026, 11, 17),
        {
            14: utc(2026, 10, 22, 12),  # 08:00 EDT (UTC-4)
            7: utc(2026, 10, 29, 12),
            2: utc(2026, 11, 3, 13),  # 08:00 EST (UTC-5)
            0: utc(2026, 11, 5, 13),
        },
        utc(2026, 11, 6, 4, 59),
    ),
    "Asia/Manila": (
        datetime.date(2026, 11, 14),
        {14: utc(2026, 10, 19, 0), 7: utc(2026, 10, 26, 0), 2: utc(2026, 10, 31, 0)},
        utc(2026, 11, 2, 15, 59),
    ),
}


def reminded(meeting):
    return Delivery.objects.filter(kind="deadline-reminder", key__contains=f":{meeting.pk}:")


@pytest.mark.django_db
@pytest.mark.parametrize("zone", CASES)
def test_reminders_are_due_at_the_exact_offsets(zone, delegate, other_delegate, outsider):
    start, expected, deadline = CASES[zone]
    meeting = MeetingFactory(start_date=start, end_date=start, time_zone=zone)
    if zone == "Asia/Manila":
        MeetingReminders.objects.create(meeting=meeting, offsets=[14, 7, 2])
    assert meeting.deadline == deadline
    sent = 0
    for offset, due in sorted(expected.items(), reverse=True):
        with time_machine.travel(due - datetime.timedelta(seconds=1), tick=False):
            assert send_due_reminders() == 0, f"{offset} days: nothing before its time"
        with time_machine.travel(due, tick=False):
            assert send_due_reminders() == 2, f"{offset} days: due at {due}"
            assert send_due_reminders() == 0, "a second sweep makes nothing"
        sent += 2
        assert reminded(meeting).count() == sent
    with time_machine.travel(deadline + datetime.timedelta(seconds=1), tick=False):
        assert due_reminders(deadline + datetime.timedelta(seconds=1)) == []
        assert send_due_reminders() == 0
    addresses = set(reminded(meeting).values_list("address", flat=True))
    assert addresses == {delegate.email, other_delegate.email}  # not the outsider


@pytest.mark.django_db
def test_a_reminder_missed_while_workers_were_down_goes_out_once(delegate):
    start, expected, _deadline = CASES["Europe/Zurich"]
    meeting = MeetingFactory(start_date=start, end_date=start)
    # Nothing ran at 14 or 7 days; the workers come back two days before: one reminder.
    with time_machine.travel(expected[2] + datetime.timedelta(hours=5), tick=False):
        assert send_due_reminders() == 1
    assert list(reminded(meeting).values_list("key", flat=True)) == [
        f"deadline-reminder:{meeting.pk}:20261102T225900Z:2"
    ]


@pytest.mark.django_db
def test_nothing_goes_out_after_the_deadline(delegate, django_capture_on_commit_callbacks):
    start, expected, deadline = CASES["Europe/Zurich"]
    meeting = MeetingFactory(start_date=start, end_date=start)
    with time_machine.travel(deadline + datetime.timedelta(minutes=1), tick=False):
        assert send_due_reminders() == 0
    # Made before the deadline, still waiting after it (workers down): cancelled, not sent.
    with (
        time_machine.travel(expected[0], tick=False),
        django_capture_on_commit_callbacks(execute=False),
    ):
        assert send_due_reminders() == 1
    delivery = reminded(meeting).get()
    with time_machine.travel(deadline + datetime.timedelta(minutes=1), tick=False):
        assert send_delivery(delivery.pk) == "expired"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.CANCELLED
    assert mail.outbox == []


@pytest.mark.django_db
def test_moving_the_deadline_moves_the_unsent_reminders(
    delegate, chair, django_capture_on_commit_callbacks
):
    start, expected, deadline = CASES["Europe/Zurich"]
    meeting = MeetingFactory(start_date=start, end_date=start + datetime.timedelta(days=30))
    with (
        time_machine.travel(expected[14], tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_due_reminders() == 1
    assert len(mail.outbox) == 1
    # The 7-day reminder is made, but the workers have not sent it yet...
    with (
        time_machine.travel(expected[7], tick=False),
        django_capture_on_commit_callbacks(execute=False),
    ):
        assert send_due_reminders() == 1
    waiting = reminded(meeting).get(status=Delivery.Status.QUEUED)
    # ... when the chair moves the deadline ten days later.
    new_deadline = deadline + datetime.timedelta(days=10)
    with time_machine.travel(expected[7] + datetime.timedelta(minutes=1), tick=False):
        meeting_services.meeting_deadline_set(
            meeting_id=meeting.pk, by=chair, deadline=new_deadline
        )
        meeting.refresh_from_db()
        assert send_due_reminders() == 0
    waiting.refresh_from_db()
    assert waiting.status == Delivery.Status.CANCELLED
    # The old 2-day time passes quietly; the new 7-day time brings one reminder.
    with time_machine.travel(expected[2], tick=False):
        assert send_due_reminders() == 0
    with (
        time_machine.travel(expected[7] + datetime.timedelta(days=10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_due_reminders() == 1
    assert len(mail.outbox) == 2
    assert "12 November 2026, 23:59" in mail.outbox[1].body


@pytest.mark.django_db
def test_opted_out_delegates_get_no_reminder(delegate, other_delegate, client_for):
    start, expected, _deadline = CASES["Europe/Zurich"]
    meeting = MeetingFactory(start_date=start, end_date=start)
    kinds = ["agenda-released", "contribution-accepted"]  # everything but reminders
    client_for(other_delegate).post(reverse("notifications:preferences"), {"kinds": kinds})
    with time_machine.travel(expected[14], tick=False):
        assert send_due_reminders() == 1
    assert list(reminded(meeting).values_list("address", flat=True)) == [delegate.email]


@pytest.mark.django_db
def test_a_delegate_with_a_draft_is_reminded_of_it(
    delegate, other_delegate, organization, django_capture_on_commit_callbacks
):
    start, expected, _deadline = CASES["Europe/Zurich"]
    meeting = MeetingFactory(start_date=start, end_date=start)
    # A draft by someone else of the delegate's organization: the delegate co-sponsors it.
    ContributionFactory(meeting=meeting, title="Age assurance draft", sources=[organization])
    ContributionFactory(meeting=meeting, title="Submitted one", status="submitted")
    with (
        time_machine.travel(expected[2], tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_due_reminders()
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "Age assurance draft" in by_address[delegate.email].body
    assert "not submitted yet" in by_address[delegate.email].subject
    assert "Age assurance draft" not in by_address[other_delegate.email].body
    assert "2 November 2026, 23:59, Geneva time (2 November 2026, 22:59, UTC)" in (
        by_address[other_delegate.email].body
    )


@pytest.mark.django_db
def test_a_reminder_is_in_the_delegates_language(
    delegate, other_delegate, django_capture_on_commit_callbacks
):
    other_delegate.language = "fr"
    other_delegate.save()
    start, expected, _deadline = CASES["Europe/Zurich"]
    MeetingFactory(start_date=start, end_date=start, number=77)
    with (
        time_machine.travel(expected[14], tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        send_due_reminders()
    by_address = {message.to[0]: message for message in mail.outbox}
    french = by_address[other_delegate.email]
    assert "Les contributions à la réunion 77 du GTC-COP" in french.body
    assert "/fr/meetings/77/" in french.body
    assert "novembre" in french.alternatives[0].content
    assert "Contributions to CWG-COP meeting 77" in by_address[delegate.email].body


@pytest.mark.django_db
def test_demonstration_meetings_send_no_reminders(delegate):
    start, expected, _deadline = CASES["Europe/Zurich"]
    MeetingFactory(start_date=start, end_date=start, is_demo=True)
    with time_machine.travel(expected[14], tick=False):
        assert send_due_reminders() == 0


@pytest.mark.django_db
class TestReminderDays:
    def url(self, meeting):
        return reverse("meetings:reminders", args=[meeting.number])

    @pytest.mark.parametrize("who", ["outsider", "delegate"])
    def test_others_may_not_change_them(self, client_for, request, who):
        meeting = MeetingFactory()
        response = client_for(request.getfixturevalue(who)).get(self.url(meeting))
        assert response.status_code == 403

    def test_anonymous_is_sent_to_login(self, client_for):
        response = client_for(None).get(self.url(MeetingFactory()))
        assert response.status_code == 302

    @pytest.mark.parametrize("who", ["chair", "secretariat"])
    def test_the_chair_changes_them(self, client_for, request, who):
        meeting = MeetingFactory()
        client = client_for(request.getfixturevalue(who))
        assert "14, 7, 2, 0" in client.get(self.url(meeting)).content.decode()
        response = client.post(self.url(meeting), {"offsets": "10, 3"})
        assert response.status_code == 302
        assert MeetingReminders.objects.get(meeting=meeting).sorted_offsets == [10, 3]

    def test_nonsense_is_refused(self, client_for, chair):
        meeting = MeetingFactory()
        response = client_for(chair).post(self.url(meeting), {"offsets": "ten"})
        assert "whole numbers" in response.content.decode()
        assert not MeetingReminders.objects.exists()


def test_reminder_days_default(db):
    meeting = MeetingFactory()
    times = dict(
        __import__("contributions.reminders", fromlist=["x"]).reminder_times(meeting, [14, 7, 2, 0])
    )
    assert sorted(times) == [0, 2, 7, 14]
    assert times[0].astimezone(ZoneInfo(meeting.time_zone)).time() == datetime.time(8)
    assert services.site_name() == "CWG-COP Portal"
