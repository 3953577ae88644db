"""Writes of registration: a delegate registers, changes or cancels; the chair or the
secretariat closes and reopens registration; the remote-participation link is mailed to the
participants the day before the meeting (the sweep beat runs, meetings.registration.tasks).

The link's mail: one event per meeting (the key names the meeting), one delivery per
participant ((key, address) is unique), so each participant gets it once however often the
sweep runs; who registers later, while the mail is due, gets it on the next run.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from copportal import pagecache
from copportal.accounts.models import Organization, User
from copportal.date_text import datetime_text
from copportal.notifications.services import Recipient, notify

from ..models import Meeting
from .models import Registration

LINK_KIND = "registration-remote-link"


def _require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(permission)


def _check_open(meeting: Meeting) -> None:
    if meeting.registration_closed:
        raise ValidationError(
            _("Registration for this meeting is closed."), code="registration-closed"
        )
    if not meeting.is_registration_open():
        raise ValidationError(
            _("Registration for this meeting ended on %(date)s.")
            % {"date": datetime_text(meeting.registration_ends, meeting.time_zone)},
            code="registration-deadline",
        )


@transaction.atomic
def registration_save(
    *, meeting: Meeting, by: User, organization: Organization, attendance: str
) -> Registration:
    """Register `by` for `meeting`, or change their registration, while registration is open,
    for one of their approved organizations."""
    if not by.has_perm("meetings.register", meeting):
        raise ValidationError(
            _(
                "Only delegates can register: ask the secretariat to approve your affiliation "
                "to a Member State or an organization first."
            ),
            code="not-a-delegate",
        )
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_open(meeting)
    if organization.pk not in {o.pk for o in by.approved_organizations}:
        raise ValidationError(
            _("You can register only for an organization you are an approved delegate of."),
            code="wrong-organization",
        )
    now = timezone.now()
    registration = Registration.objects.filter(meeting=meeting, user=by).first()
    if registration is None:
        registration = Registration(meeting=meeting, user=by, registered_at=now)
    registration.organization = organization
    registration.attendance = attendance
    registration.changed_at = now
    registration.full_clean()
    registration.save()
    return registration


@transaction.atomic
def registration_cancel(*, meeting: Meeting, by: User) -> bool:
    """Cancel `by`'s registration (until the meeting ends, even once registration has
    closed: the list should say who comes). Returns whether there was one."""
    if timezone.now() >= meeting.closing:
        raise ValidationError(_("This meeting is over: registrations can no longer change."))
    deleted, _rows = Registration.objects.filter(meeting=meeting, user=by).delete()
    return bool(deleted)


@transaction.atomic
def registration_close(*, meeting: Meeting, by: User, closed: bool) -> bool:
    """Close (or reopen) registration. Returns whether anything changed."""
    _require(by, "meetings.close_registration", meeting)
    changed = Meeting.objects.filter(pk=meeting.pk).exclude(registration_closed=closed)
    pagecache.bump()  # update() sends no signal
    return bool(changed.update(registration_closed=closed))


# --- The remote-participation link, mailed the day before ------------------------------------
def link_key(meeting: Meeting) -> str:
    return f"{LINK_KIND}:{meeting.pk}"


def meetings_with_link_due(now: datetime.datetime) -> list[Meeting]:
    """Meetings with a remote link whose mail is due now: from the day before they open
    (NOTIFICATIONS_REMINDER_TIME, their zone) until they close (a mail missed while the
    workers were down still goes, while the link is of use)."""
    today = now.date()
    near = Meeting.objects.exclude(remote_link="").filter(
        start_date__lte=today + datetime.timedelta(days=2),
        end_date__gte=today - datetime.timedelta(days=1),
        registrations__isnull=False,
    )
    return [m for m in near.distinct().order_by("pk") if m.remote_link_due() <= now < m.closing]


@transaction.atomic
def remote_link_send(*, meeting_id: int) -> int:
    """Make the link's deliveries for the meeting's participants who have none yet."""
    meeting = Meeting.objects.get(pk=meeting_id)
    participants = [
        Recipient(user=registration.user)
        for registration in Registration.objects.for_meeting(meeting)
        .select_related("user")
        .filter(user__is_active=True)
        .order_by("pk")
    ]
    created = notify(
        kind=LINK_KIND,
        key=link_key(meeting),
        recipients=participants,
        context={
            "meeting_number": meeting.number,
            "start_date": meeting.start_date.isoformat(),
            "time_zone": meeting.time_zone,
            "link": meeting.remote_link,
            "path": meeting.get_absolute_url(),
            "registration_path": reverse("meetings:registration", args=[meeting.number]),
        },
        expires_at=meeting.closing,
    )
    return len(created)


def remote_links_send(now: datetime.datetime | None = None) -> int:
    """The sweep: each meeting's link mail due now, each in its own transaction. Returns the
    deliveries made."""
    now = now or timezone.now()
    return sum(remote_link_send(meeting_id=m.pk) for m in meetings_with_link_due(now))
