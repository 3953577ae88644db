"""A meeting's registration settings (fields of Meeting, through an abstract model) and each
delegate's registration.

This module is imported by meetings/models.py: it refers to Meeting by name only."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from copportal.accounts.models import Organization


class MeetingRegistration(models.Model):
    """What the chair sets of a meeting's registration; Meeting inherits it."""

    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_(
            "In the meeting's time zone. Leave empty to keep registration open until the "
            "meeting opens."
        ),
    )
    registration_closed = models.BooleanField(
        _("registration closed"),
        default=False,
        help_text=_("Closes registration now, whatever the deadline."),
    )
    remote_link = models.URLField(
        _("remote-participation link"),
        max_length=500,
        blank=True,
        help_text=_(
            "Shown only to registered participants, and mailed to them the day before the meeting."
        ),
    )

    class Meta:
        abstract = True

    @property
    def opening(self) -> datetime.datetime:
        """Midnight of the meeting's first day, in its zone."""
        return datetime.datetime.combine(self.start_date, datetime.time(0), tzinfo=self.zone)

    @property
    def closing(self) -> datetime.datetime:
        """Midnight after the meeting's last day, in its zone."""
        day = self.end_date + datetime.timedelta(days=1)
        return datetime.datetime.combine(day, datetime.time(0), tzinfo=self.zone)

    @property
    def registration_ends(self) -> datetime.datetime:
        """The chair's registration deadline, or the meeting's opening."""
        return self.registration_deadline or self.opening

    def is_registration_open(self, at: datetime.datetime | None = None) -> bool:
        return not self.registration_closed and (at or timezone.now()) <= self.registration_ends

    def remote_link_due(self) -> datetime.datetime:
        """When the link is mailed: the day before the meeting opens, at
        NOTIFICATIONS_REMINDER_TIME in the meeting's zone."""
        from copportal.notifications import schedule

        times = schedule.due_times(self.start_date, self.zone, schedule.days(schedule.REMOTE_LINK))
        return times[0][1]


class RegistrationQuerySet(models.QuerySet):
    def for_meeting(self, meeting):
        return self.filter(meeting=meeting)

    def of(self, user):
        return self.filter(user=user) if user.is_authenticated else self.none()

    def member_states(self):
        return self.filter(organization__kind=Organization.Kind.MEMBER_STATE)

    def member_state_count(self) -> int:
        """How many Member States have someone registered (one query): what the public sees."""
        return self.member_states().values("organization").distinct().count()

    def for_list(self):
        """In the participants list's order, with what it shows (one query)."""
        return self.select_related("user", "organization").order_by(
            "organization__region", "organization__name", "user__full_name", "user__email"
        )


class Registration(models.Model):
    """A delegate's registration for a meeting, for one of their approved affiliations."""

    class Attendance(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        REMOTE = "remote", _("Remotely")

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("meeting"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meeting_registrations",
        verbose_name=_("participant"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="meeting_registrations",
        verbose_name=_("organization represented"),
    )
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "registered_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="one_registration_per_person_and_meeting",
                violation_error_message=_("You are already registered for this meeting."),
            )
        ]

    def __str__(self):
        return f"{self.meeting_id} · {self.user_id} · {self.organization_id}"
