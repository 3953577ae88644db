"""Meetings, their sessions and deadline changes; the models of the app's packages (agenda,
liaison, outcomes, registration, reminders, roadmap) are imported here, so that Django finds
them."""

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from copportal.accounts.models import Organization
from copportal.content import TranslatedContent
from copportal.time_zones import time_zone_label

from .agenda.models import Agenda, AgendaItem, AgendaRelease
from .liaison.models import (
    LiaisonAttachment,
    LiaisonNote,
    LiaisonNoteEvent,
    LiaisonRecipient,
    liaison_attachment_upload_to,
    validate_email_list,
)
from .outcomes.models import ChairReport, DraftResolution, Recommendation, chair_report_upload_to
from .parts import PartOfMeeting
from .providers import page_flags
from .registration.models import MeetingRegistration, Registration
from .reminders.models import MeetingReminders
from .roadmap.models import Audience, Theme

# The packages' models, and the functions their migrations name (meetings.models.<name>).
__all__ = [
    "Agenda",
    "AgendaItem",
    "AgendaRelease",
    "Audience",
    "ChairReport",
    "DeadlineChange",
    "DraftResolution",
    "LiaisonAttachment",
    "LiaisonNote",
    "LiaisonNoteEvent",
    "LiaisonRecipient",
    "Meeting",
    "MeetingReminders",
    "PartOfMeeting",
    "Recommendation",
    "Registration",
    "Session",
    "Theme",
    "chair_report_upload_to",
    "default_time_zone",
    "liaison_attachment_upload_to",
    "validate_email_list",
    "validate_time_zone",
]


def default_time_zone():
    return settings.MEETING_TIME_ZONE


def validate_time_zone(value):
    try:
        ZoneInfo(value)
    except (ValueError, ZoneInfoNotFoundError):
        raise ValidationError(
            _("%(value)s is not a known time zone."), params={"value": value}
        ) from None


class MeetingQuerySet(models.QuerySet):
    def upcoming(self):
        """Meetings that have not ended yet (in UTC days; good enough for listing)."""
        return self.filter(end_date__gte=timezone.now().date()).order_by("start_date")

    def past(self):
        return self.filter(end_date__lt=timezone.now().date()).order_by("-start_date")

    def real(self):
        return self.filter(is_demo=False)

    def for_page(self):
        """With what a meeting's page needs to know in the same query: its latest agenda
        release (`latest_release_version`, `latest_release_at`) and whether it has sessions,
        recommendations, draft resolutions, a chair's report, public liaison notes (`has_sessions`,
        ...) and the flags the higher apps register (meetings/providers.py: `has_records`, the
        library's documents that record it), so that the page reads only the lists there are."""
        meeting = models.OuterRef("pk")
        latest = AgendaRelease.objects.filter(meeting=meeting).order_by("-version")
        exists = {
            "has_sessions": Session.objects.filter(meeting=meeting),
            "has_recommendations": Recommendation.objects.filter(meeting=meeting),
            "has_draft_resolutions": DraftResolution.objects.filter(meeting=meeting),
            "has_chair_reports": ChairReport.objects.filter(meeting=meeting),
            "has_liaison_notes": LiaisonNote.objects.published().filter(meeting=meeting),
            # The higher apps' own (e.g. the library's documents that record it, for its
            # section): meetings know neither app (meetings/providers.py).
            **page_flags(meeting),
        }
        return self.select_related("theme").annotate(
            latest_release_version=models.Subquery(latest.values("version")[:1]),
            latest_release_at=models.Subquery(latest.values("released_at")[:1]),
            **{name: models.Exists(rows) for name, rows in exists.items()},
        )


class Meeting(TranslatedContent, MeetingRegistration):
    """A numbered meeting of the group (19th: 10 Oct 2023; 20th: 22–23 Jan 2024)."""

    class Mode(models.TextChoices):
        IN_PERSON = "in-person", _("In person")
        VIRTUAL = "virtual", _("Virtual")
        HYBRID = "hybrid", _("Hybrid")

    number = models.PositiveIntegerField(_("number"), unique=True)
    start_date = models.DateField(_("opens on"))
    end_date = models.DateField(_("closes on"))
    duration_days = models.DecimalField(
        _("length in days"),
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("For example 1.5 for a day and a half."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Deadlines are computed in this time zone."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    mode = models.CharField(_("format"), max_length=10, choices=Mode.choices, default=Mode.HYBRID)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("roadmap theme"),
    )
    summary = models.TextField(_("summary"), blank=True)
    deadline_override = models.DateTimeField(
        _("contribution deadline (override)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the rule: 12 calendar days before opening, 23:59."),
    )
    grace_minutes = models.PositiveSmallIntegerField(
        _("grace period in minutes"),
        default=0,
        help_text=_(
            "Submissions arriving this long after the deadline still count as on time (and are "
            "recorded as in grace). Never shown to delegates as extra time. 0: none."
        ),
    )
    reported_contributions = models.PositiveIntegerField(
        _("contributions reported"),
        null=True,
        blank=True,
        help_text=_("The count the chair's report gives, when contributions predate the portal."),
    )
    reported_contributions_is_minimum = models.BooleanField(
        _("the reported count is a minimum"), default=False
    )
    is_demo = models.BooleanField(
        _("demonstration"),
        default=False,
        help_text=_("A meeting made up to try the portal; never in production."),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="meeting_ends_after_start",
                violation_error_message=_("The meeting cannot close before it opens."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.number])

    @property
    def title(self) -> str:
        return _("CWG-COP meeting %(number)s") % {"number": self.number}

    @property
    def choice_label(self) -> str:
        """The meeting as a list to choose from names it: a demonstration meeting says so
        ("CWG-COP meeting 99 (demonstration)"), as the badge does on its pages."""
        if self.is_demo:
            return _("%(meeting)s (demonstration)") % {"meeting": self.title}
        return self.title

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def time_zone_label(self) -> str:
        """The time zone as people say it: "Geneva time" rather than "Europe/Zurich"."""
        return time_zone_label(self.time_zone)

    @property
    def rule_deadline(self) -> datetime.datetime:
        """The deadline by rule (Council Decision 556): N calendar days before opening, 23:59."""
        day = self.start_date - datetime.timedelta(days=settings.CONTRIBUTION_DEADLINE_DAYS)
        at = datetime.time.fromisoformat(settings.CONTRIBUTION_DEADLINE_TIME)
        return datetime.datetime.combine(day, at, tzinfo=self.zone)

    @property
    def deadline(self) -> datetime.datetime:
        """The contribution deadline: the chair's override, or the rule's."""
        return self.deadline_override or self.rule_deadline

    @property
    def deadline_bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The earliest and latest deadline the chair may set: from a year before the meeting
        opens to its opening (midnight of its first day, in its zone)."""
        opening = datetime.datetime.combine(self.start_date, datetime.time(0, 0), tzinfo=self.zone)
        try:
            earliest = opening.replace(year=opening.year - 1)
        except ValueError:  # 29 February
            earliest = opening.replace(year=opening.year - 1, day=28)
        return earliest, opening

    def is_past_deadline(self, at: datetime.datetime | None = None) -> bool:
        return (at or timezone.now()) > self.deadline

    def is_late(self, at: datetime.datetime | None = None) -> bool:
        """Whether a submission arriving at `at` is late: after the deadline and its grace."""
        grace = datetime.timedelta(minutes=self.grace_minutes)
        return (at or timezone.now()) > self.deadline + grace

    def is_in_grace(self, at: datetime.datetime | None = None) -> bool:
        """After the deadline but within the grace period: on time, recorded as in grace."""
        return self.is_past_deadline(at) and not self.is_late(at)

    @property
    def is_open_for_submission(self) -> bool:
        """Not over yet: contributions (late ones after the deadline) are still possible."""
        return self.end_date >= timezone.localdate(timezone=self.zone)

    @property
    def is_multi_day(self) -> bool:
        return self.end_date != self.start_date


class Session(PartOfMeeting, TranslatedContent):
    """A session held within or alongside a meeting (e.g. a special session)."""

    class Kind(models.TextChoices):
        SPECIAL = "special", _("Special session")
        EXPERT_ORIENTATION = "expert-orientation", _("Expert orientation session")
        PLENARY = "plenary", _("Plenary")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    presenters = models.ManyToManyField(
        Organization, blank=True, related_name="sessions", verbose_name=_("presenters")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        return self.title


class DeadlineChange(models.Model):
    """The chair's (or secretariat's) override of a meeting's deadline, and who made it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="deadline_changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    old_deadline = models.DateTimeField()
    new_deadline = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "-changed_at"]
        verbose_name = _("deadline change")
        verbose_name_plural = _("deadline changes")

    def __str__(self):
        old, new = (f"{value:%Y-%m-%d %H:%M}" for value in (self.old_deadline, self.new_deadline))
        return f"{self.meeting}: {old} → {new}"
