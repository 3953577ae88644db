"""Reply-by reminders for the secretariat: the sweep that beat runs every few minutes
(meetings.tasks, `send-reply-reminders`).

A sent liaison note that asks a body for action gives a reply-by date. The secretariat is
reminded NOTIFICATIONS_REMINDER_DAYS["reply"] (7 and 1) days before it, at
NOTIFICATIONS_REMINDER_TIME in the meeting's time zone. Nothing is scheduled ahead: each run
finds in the database what is due now. Once per offset (the delivery key names the recipient
row, its date and the offset); a reminder missed while the workers were down goes out when
they are back, only the latest one due, and never once the reply-by date has begun; none
once a note replying to it has been recorded (what still waits is then cancelled).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from copportal.accounts.models import SECRETARIAT_GROUP, User
from copportal.notifications import schedule
from copportal.notifications.models import Delivery
from copportal.notifications.services import deliveries_cancel, notify

from ..services import by_language
from .models import LiaisonNote, LiaisonRecipient

KIND = "liaison-note-reply-due"


def key_prefix(recipient: LiaisonRecipient) -> str:
    """The keys of every reply-by reminder of one recipient body of one note."""
    return f"{KIND}:{recipient.pk}:"


@dataclass(frozen=True)
class DueReplyReminder:
    recipient: LiaisonRecipient
    offset: int
    due: datetime.datetime
    closes: datetime.datetime  # the reply-by day begins: no reminder from then on

    @property
    def key(self) -> str:
        return f"{key_prefix(self.recipient)}{self.recipient.deadline.isoformat()}:{self.offset}"


def reminder_times(recipient: LiaisonRecipient) -> list[tuple[int, datetime.datetime]]:
    """When each reminder is due: `offset` calendar days before the reply-by date, at
    NOTIFICATIONS_REMINDER_TIME in the meeting's time zone (08:00 local across a change of
    summer time). Reads recipient.note.meeting."""
    zone = recipient.note.meeting.zone
    return schedule.due_times(recipient.deadline, zone, schedule.days(schedule.REPLY))


def _open_requests(now: datetime.datetime):
    """Recipients asked for action on a sent note with no reply recorded, whose reply-by
    date is near (within the longest offset, a day's margin for time zones)."""
    longest = max(schedule.days(schedule.REPLY), default=0)
    today = now.date()
    return (
        LiaisonRecipient.objects.filter(
            note__status=LiaisonNote.Status.SENT,
            note__replies__isnull=True,
            purpose=LiaisonRecipient.Purpose.ACTION,
            deadline__gte=today - datetime.timedelta(days=1),
            deadline__lte=today + datetime.timedelta(days=longest + 1),
        )
        .select_related("note__meeting")
        .order_by("pk")
    )


def due_reply_reminders(now: datetime.datetime) -> list[DueReplyReminder]:
    """For each open request whose reply-by date has not begun, the latest reminder now due."""
    due = []
    for recipient in _open_requests(now):
        zone = recipient.note.meeting.zone
        closes = datetime.datetime.combine(recipient.deadline, datetime.time(0), zone)
        if now >= closes:
            continue
        passed = [(offset, at) for offset, at in reminder_times(recipient) if at <= now]
        if passed:
            offset, at = min(passed, key=lambda item: item[0])
            due.append(DueReplyReminder(recipient=recipient, offset=offset, due=at, closes=closes))
    return due


@transaction.atomic
def remind_reply(reminder: DueReplyReminder) -> int:
    """Make the deliveries of one due reminder (none if it, or a closer one, went out)."""
    recipient = reminder.recipient
    done = {
        int(key.rsplit(":", 1)[1])
        for key in Delivery.objects.filter(kind=KIND, key__startswith=key_prefix(recipient))
        .exclude(status=Delivery.Status.CANCELLED)
        .values_list("key", flat=True)
        .distinct()
    }
    if any(offset <= reminder.offset for offset in done):
        return 0
    note = recipient.note
    secretariat = User.objects.filter(is_active=True, groups__name=SECRETARIAT_GROUP).distinct()
    created = []
    for language, group in by_language(secretariat.order_by("pk")).items():
        created += notify(
            kind=KIND,
            key=reminder.key,
            recipients=group,
            context={
                "subject": note.shown("subject", language).text,
                "body": str(recipient),
                "reply_by": recipient.deadline.isoformat(),
                "offset": reminder.offset,
                "path": note.get_absolute_url(),
            },
            expires_at=reminder.closes,
        )
    return len(created)


def cancel_answered() -> int:
    """Cancel the reply-by reminders still waiting for a note that has since had a reply."""
    waiting = Delivery.objects.filter(kind=KIND, status=Delivery.Status.QUEUED)
    ids = {int(key.split(":")[1]) for key in waiting.values_list("key", flat=True)}
    answered = LiaisonRecipient.objects.filter(pk__in=ids, note__replies__isnull=False)
    cancelled = 0
    for recipient in answered.distinct():
        cancelled += deliveries_cancel(
            queryset=waiting.filter(key__startswith=key_prefix(recipient))
        )
    return cancelled


def send_reply_reminders(now: datetime.datetime | None = None) -> int:
    """The sweep: every reply-by reminder due now, each in its own transaction. Returns the
    deliveries made."""
    now = now or timezone.now()
    cancel_answered()
    return sum(remind_reply(reminder) for reminder in due_reply_reminders(now))
