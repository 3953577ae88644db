"""Every reminder's days, in one place, and when each falls due.

The days come from one setting, NOTIFICATIONS_REMINDER_DAYS (settings.py, from the
environment): "deadline" (delegates, before a meeting's contribution deadline; the chair may
choose other days for one meeting: meetings/reminders/, which starts from deadline_days and
checks with validate_days), "reply" (the secretariat, before a
liaison note's reply-by date) and "remote-link" (participants, before a meeting opens). Each
reminder goes out at NOTIFICATIONS_REMINDER_TIME in the meeting's time zone, so 08:00 local
stays 08:00 across a change to or from summer time.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEADLINE = "deadline"
REPLY = "reply"
REMOTE_LINK = "remote-link"


def days(kind: str) -> list[int]:
    """The days before its date a reminder of this kind goes out, the earliest first."""
    return sorted(set(settings.NOTIFICATIONS_REMINDER_DAYS[kind]), reverse=True)


def deadline_days() -> list[int]:
    """The deadline reminders' days a meeting starts with."""
    return days(DEADLINE)


def validate_days(value) -> None:
    """Days chosen for a reminder: whole numbers from 0 (the day itself) to 365."""
    if not isinstance(value, list) or not all(isinstance(d, int) for d in value):
        raise ValidationError(_("Give whole numbers of days, for example 14, 7, 2, 0."))
    if any(d < 0 or d > 365 for d in value):
        raise ValidationError(_("Each offset is between 0 and 365 days before the deadline."))


def due_times(
    day: datetime.date,
    zone: datetime.tzinfo,
    offsets: list[int],
    *,
    not_after: datetime.datetime | None = None,
) -> list[tuple[int, datetime.datetime]]:
    """(offset, when) for each offset: `offset` calendar days before `day`, at the reminder
    time in `zone`; one that would fall at or after `not_after` (a deadline earlier in the
    day than the reminder time) falls at that day's midnight instead."""
    at = datetime.time.fromisoformat(settings.NOTIFICATIONS_REMINDER_TIME)
    times = []
    for offset in sorted(set(offsets), reverse=True):
        on = day - datetime.timedelta(days=offset)
        due = datetime.datetime.combine(on, at, tzinfo=zone)
        if not_after is not None and due >= not_after:
            due = datetime.datetime.combine(on, datetime.time(0), tzinfo=zone)
        times.append((offset, due))
    return times
