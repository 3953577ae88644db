from django.db import models
from django.utils.translation import gettext_lazy as _

from copportal.notifications import schedule


class MeetingRemindersQuerySet(models.QuerySet):
    def days_by_meeting(self, meetings) -> dict[int, list[int]]:
        """Each meeting's reminder days by its pk: the chair's, or the defaults (one query)."""
        chosen = dict(self.filter(meeting__in=meetings).values_list("meeting_id", "offsets"))
        return {
            meeting.pk: chosen[meeting.pk] if meeting.pk in chosen else schedule.deadline_days()
            for meeting in meetings
        }


class MeetingReminders(models.Model):
    """The days before a meeting's deadline on which delegates are reminded (0: on the day)."""

    meeting = models.OneToOneField(
        "meetings.Meeting",
        on_delete=models.CASCADE,
        related_name="reminder_settings",
        verbose_name=_("meeting"),
    )
    offsets = models.JSONField(
        _("days before the deadline"),
        default=schedule.deadline_days,
        validators=[schedule.validate_days],
        help_text=_("For example 14, 7, 2, 0 (0: on the day of the deadline)."),
    )

    objects = MeetingRemindersQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting reminders")
        verbose_name_plural = _("meeting reminders")

    def __str__(self):
        return f"{self.meeting}: {', '.join(map(str, self.sorted_offsets))}"

    @property
    def sorted_offsets(self) -> list[int]:
        return sorted(set(self.offsets), reverse=True)
