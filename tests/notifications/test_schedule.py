"""Every reminder's days come from one setting (copportal/notifications/schedule.py)."""

import datetime
from zoneinfo import ZoneInfo

from copportal.notifications import schedule


def test_each_kind_reads_its_days_from_the_one_setting(settings):
    settings.NOTIFICATIONS_REMINDER_DAYS = {"deadline": [3, 0], "reply": [5], "remote-link": [2]}
    assert schedule.deadline_days() == [3, 0]
    assert schedule.days(schedule.REPLY) == [5]
    assert schedule.days(schedule.REMOTE_LINK) == [2]


def test_due_times_are_local_and_fall_back_to_midnight_before_an_early_deadline(settings):
    settings.NOTIFICATIONS_REMINDER_TIME = "08:00"
    zone = ZoneInfo("Europe/Zurich")
    deadline = datetime.datetime(2026, 3, 30, 7, 0, tzinfo=zone)
    times = schedule.due_times(deadline.date(), zone, [0, 7], not_after=deadline)
    assert times == [
        (7, datetime.datetime(2026, 3, 23, 8, 0, tzinfo=zone)),  # before summer time
        (0, datetime.datetime(2026, 3, 30, 0, 0, tzinfo=zone)),  # the deadline is at 07:00
    ]
