"""Deadline reminders: the sweep that beat runs every few minutes (contributions.tasks).

Nothing is scheduled ahead: each run computes, from the database, which reminder of which
meeting is due now, and makes its deliveries (once: the key names the meeting, the deadline
instant and the offset). A reminder missed while the workers were down goes out when they come
back, unless the deadline has passed. When the deadline moves, the key changes: what still
waits for the old deadline is cancelled, and the reminders follow the new one.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from copportal.accounts.models import Affiliation, User
from copportal.notifications import schedule
from copportal.notifications.models import Delivery
from copportal.notifications.services import Recipient, deliveries_cancel, notify
from meetings.models import Meeting, MeetingReminders

from .models import Contribution

KIND = "deadline-reminder"


@dataclass(frozen=True)
class DueReminder:
    meeting: Meeting
    offset: int
    due: datetime.datetime
    deadline: datetime.datetime

    @property
    def prefix(self) -> str:
        """The keys of every reminder of this meeting, whatever its deadline."""
        return f"{KIND}:{self.meeting.pk}:"

    @property
    def deadline_prefix(self) -> str:
        stamp = self.deadline.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
        return f"{self.prefix}{stamp}:"

    @property
    def key(self) -> str:
        return f"{self.deadline_prefix}{self.offset}"


def reminder_times(meeting: Meeting, offsets: list[int]) -> list[tuple[int, datetime.datetime]]:
    """When each reminder is due: at NOTIFICATIONS_REMINDER_TIME in the meeting's time zone,
    `offset` calendar days before the deadline's day (so across a change to or from summer
    time it stays 08:00 local). On the day, a deadline earlier than that time gets its
    reminder at midnight."""
    deadline = meeting.deadline
    day = deadline.astimezone(meeting.zone).date()
    return schedule.due_times(day, meeting.zone, offsets, not_after=deadline)


def due_reminders(now: datetime.datetime) -> list[DueReminder]:
    """For each real meeting whose deadline is still ahead, the latest reminder now due."""
    # Deadlines are computed per meeting; those of meetings ending in the past are past.
    meetings = list(Meeting.objects.real().filter(end_date__gte=now.date()))
    offsets = MeetingReminders.objects.days_by_meeting(meetings)
    due = []
    for meeting in meetings:
        deadline = meeting.deadline
        if deadline <= now:
            continue
        times = reminder_times(meeting, offsets[meeting.pk])
        passed = [(offset, at) for offset, at in times if at <= now]
        if passed:
            offset, at = min(passed, key=lambda item: item[0])
            due.append(DueReminder(meeting=meeting, offset=offset, due=at, deadline=deadline))
    return due


def _drafts_by_user(meeting: Meeting) -> dict[int, list[Contribution]]:
    """Each person's drafts for the meeting: as submitter or delegate of a source."""
    drafts = list(
        Contribution.objects.filter(meeting=meeting, status=Contribution.Status.DRAFT)
        .prefetch_related("source_links")
        .order_by("pk")
    )
    if not drafts:
        return {}
    organizations: dict[int, set[int]] = {}
    for user_id, organization_id in Affiliation.objects.approved().values_list(
        "user_id", "organization_id"
    ):
        organizations.setdefault(user_id, set()).add(organization_id)
    by_user: dict[int, list[Contribution]] = {}
    for draft in drafts:
        sources = {link.organization_id for link in draft.source_links.all()}
        people = {draft.submitter_id} | {
            user_id for user_id, orgs in organizations.items() if orgs & sources
        }
        for user_id in people:
            by_user.setdefault(user_id, []).append(draft)
    return by_user


@transaction.atomic
def remind(reminder: DueReminder) -> int:
    """Make the deliveries of one due reminder (none if it, or a later one, went out already)."""
    reminders = Delivery.objects.filter(kind=KIND, key__startswith=reminder.prefix)
    done = {
        int(key.rsplit(":", 1)[1])
        for key in reminders.exclude(status=Delivery.Status.CANCELLED)
        .values_list("key", flat=True)
        .distinct()
    }
    # Sent (or on its way) already, or a closer one went out before the deadline moved.
    if any(offset <= reminder.offset for offset in done):
        return 0
    meeting = reminder.meeting
    delegates = (
        User.objects.filter(is_active=True, affiliations__status=Affiliation.Status.APPROVED)
        .distinct()
        .order_by("pk")
    )
    drafts = _drafts_by_user(meeting)
    context = {
        "meeting_number": meeting.number,
        "meeting_path": meeting.get_absolute_url(),
        "submit_path": reverse("contributions:submit"),
        "deadline": reminder.deadline.isoformat(),
        "time_zone": meeting.time_zone,
        "offset": reminder.offset,
    }
    plain, with_drafts = [], []
    for user in delegates:
        (with_drafts if user.pk in drafts else plain).append(user)
    options = {"kind": KIND, "key": reminder.key, "expires_at": reminder.deadline}
    created = notify(recipients=[Recipient(user=u) for u in plain], context=context, **options)
    for user in with_drafts:
        listed = [{"title": d.title, "path": d.get_absolute_url()} for d in drafts[user.pk]]
        created += notify(
            recipients=[Recipient(user=user)], context={**context, "drafts": listed}, **options
        )
    return len(created)


def cancel_moved(now: datetime.datetime) -> int:
    """Cancel the reminders still waiting for a deadline that has since moved."""
    cancelled = 0
    for meeting in Meeting.objects.real().filter(end_date__gte=now.date()):
        current = DueReminder(meeting=meeting, offset=0, due=now, deadline=meeting.deadline)
        waiting = Delivery.objects.filter(kind=KIND, key__startswith=current.prefix)
        cancelled += deliveries_cancel(
            queryset=waiting.exclude(key__startswith=current.deadline_prefix)
        )
    return cancelled


def send_due_reminders(now: datetime.datetime | None = None) -> int:
    """The sweep: every reminder due now, each in its own transaction. Returns deliveries made."""
    now = now or timezone.now()
    cancel_moved(now)
    return sum(remind(reminder) for reminder in due_reminders(now))
