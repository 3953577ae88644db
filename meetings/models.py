"""Meetings, the theme roadmap, sessions, outcomes and liaison notes."""

import datetime
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from copportal.accounts.models import Organization
from copportal.content import TranslatedContent
from copportal.languages import Language
from copportal.time_zones import time_zone_label
from copportal.uploads import StoredFile

from .registration.models import MeetingRegistration, Registration  # noqa: F401


def default_time_zone():
    return settings.MEETING_TIME_ZONE


def validate_time_zone(value):
    try:
        ZoneInfo(value)
    except (ValueError, ZoneInfoNotFoundError):
        raise ValidationError(
            _("%(value)s is not a known time zone."), params={"value": value}
        ) from None


class Audience(TranslatedContent):
    """An audience of the ITU 2020 Guidelines on Child Online Protection (children, parents
    and educators, industry, policy-makers): one vocabulary for contributions and resources."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name


QUARTER = re.compile(r"\bQ([1-4])\s+(\d{4})\b")


class ThemeQuerySet(models.QuerySet):
    def roadmap(self):
        """The themes of the roadmap 2024–2026, in their order."""
        return self.filter(kind=Theme.Kind.ROADMAP)

    def risks(self):
        return self.filter(kind=Theme.Kind.RISK)


class Theme(TranslatedContent):
    """A theme: of the roadmap 2024–2026 (20th meeting, after the ITU 2020 COP Guidelines), or
    a risk that contributions and resources address (cyberbullying, grooming, ...).

    One vocabulary for contributions and resources; the roadmap page shows the roadmap's.
    """

    class Kind(models.TextChoices):
        ROADMAP = "roadmap", _("Roadmap theme")
        RISK = "risk", _("Risk")

    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ROADMAP)
    title = models.CharField(_("title"), max_length=200)
    period = models.CharField(
        _("period"),
        max_length=50,
        blank=True,
        help_text=_("For a roadmap theme. For example: Q1 2024; later meetings."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    source = models.CharField(_("source"), max_length=300, blank=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "order", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:theme", args=[self.slug])

    @property
    def period_dates(self) -> tuple[datetime.date, datetime.date] | None:
        """The first and last day of the theme's quarter ("Q1 2024": 1 January to 31 March
        2024), read from the English period; None for an open one ("later meetings")."""
        match = QUARTER.search(getattr(self, "period_en", None) or self.period or "")
        if not match:
            return None
        quarter, year = int(match[1]), int(match[2])
        first = datetime.date(year, quarter * 3 - 2, 1)
        after = datetime.date(year + quarter // 4, quarter * 3 % 12 + 1, 1)
        return first, after - datetime.timedelta(days=1)

    @property
    def is_past(self) -> bool:
        """Its quarter has ended."""
        dates = self.period_dates
        return dates is not None and dates[1] < timezone.localdate()


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
        recommendations, draft resolutions, a chair's report, public liaison notes, documents
        of the library that record it (`has_sessions`, ...), so that the page reads only the
        lists that are there."""
        meeting = models.OuterRef("pk")
        latest = AgendaRelease.objects.filter(meeting=meeting).order_by("-version")
        exists = {
            "has_sessions": Session.objects.filter(meeting=meeting),
            "has_recommendations": Recommendation.objects.filter(meeting=meeting),
            "has_draft_resolutions": DraftResolution.objects.filter(meeting=meeting),
            "has_chair_reports": ChairReport.objects.filter(meeting=meeting),
            "has_liaison_notes": LiaisonNote.objects.published().filter(meeting=meeting),
            # The library's documents that record it (resources.Resource.records), through
            # the relation's table: meetings import nothing from resources.
            "has_records": Meeting.records.through.objects.filter(meeting=meeting),
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


class PartOfMeeting:
    """A row edited with its meeting (a session, an outcome, an agenda item)."""

    def get_additional_data(self) -> dict:
        """Kept with each audit log entry of this row (django-auditlog's hook): its meeting,
        whose history lists it (copportal/audit/registry.py)."""
        return {"meeting": self.meeting_id}


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


class Recommendation(PartOfMeeting, TranslatedContent):
    """A recommendation the group agreed at a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return self.text[:80]


class DraftResolution(PartOfMeeting, TranslatedContent):
    """A draft resolution proposed to the group and, once adopted, forwarded to Council."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ADOPTED = "adopted", _("Adopted and forwarded to Council")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="draft_resolutions")
    title = models.CharField(_("title"), max_length=500)
    proposers = models.ManyToManyField(
        Organization, related_name="draft_resolutions", verbose_name=_("proposed by")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    summary = models.TextField(_("summary"), blank=True)
    text = models.TextField(_("text"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("draft resolution")
        verbose_name_plural = _("draft resolutions")

    def __str__(self):
        return self.title


class LiaisonNoteQuerySet(models.QuerySet):
    def public(self):
        """Sent notes (outgoing by nature): drafts and approved notes stay with the chair and
        the secretariat. The meeting page, the home page, the archive and the chair's report
        list these; published() adds the incoming notes the public may read."""
        return self.filter(status=LiaisonNote.Status.SENT)

    def published(self):
        """What the public may read, in either direction: sent outgoing notes and published
        incoming ones."""
        return self.filter(status__in=LiaisonNote.Status.public())

    def outgoing(self):
        return self.filter(direction=LiaisonNote.Direction.OUTGOING)

    def incoming(self):
        return self.filter(direction=LiaisonNote.Direction.INCOMING)

    def bodies(self) -> list[str]:
        """The bodies these notes are addressed to or come from ("ITU-D SG2", "ITU-T SG17"):
        one vocabulary, offered as suggestions by both forms (two queries)."""
        names = set(LiaisonRecipient.objects.filter(note__in=self).values_list("body", flat=True))
        names |= set(self.exclude(source="").values_list("source", flat=True))
        return sorted(names, key=str.casefold)


class LiaisonNote(TranslatedContent):
    """A liaison note from CWG-COP to another body (ITU-D SG2, ITU-T SG17, ...), or one the
    group received from such a body.

    Outgoing: draft -> approved -> sent, to its recipients (LiaisonRecipient), approved at a
    meeting. Incoming: recorded as a draft by the secretariat, then published; it names the
    body it comes from (`source`, the same kind of name as a recipient's `body`), the day it
    was received and, if any, the meeting it is for. `reply_to` links a note to the one it
    answers, in either direction (our reply to an incoming note, or a body's reply to ours).
    """

    class Direction(models.TextChoices):
        OUTGOING = "outgoing", pgettext_lazy("liaison note direction", "Outgoing")
        INCOMING = "incoming", pgettext_lazy("liaison note direction", "Incoming")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        # A note (feminine in French) is approved; an affiliation (masculine) too: two entries.
        APPROVED = "approved", pgettext_lazy("liaison note status", "Approved")
        SENT = "sent", _("Sent")
        PUBLISHED = "published", pgettext_lazy("liaison note status", "Published")

        @classmethod
        def public(cls) -> tuple:
            """The states the public may read: an outgoing note once sent, an incoming one
            once published."""
            return (cls.SENT, cls.PUBLISHED)

    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.OUTGOING
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        related_name="liaison_notes",
        null=True,
        blank=True,
        verbose_name=_("meeting"),
    )
    source = models.CharField(
        _("from"), max_length=200, blank=True, help_text=_("For example: ITU-D SG2")
    )
    source_detail = models.CharField(
        _("group"), max_length=200, blank=True, help_text=_("For example: Question 3/2")
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    contacts = models.TextField(_("contacts"), blank=True)

    objects = LiaisonNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting__number", "pk"]
        verbose_name = _("liaison note")
        verbose_name_plural = _("liaison notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(direction="incoming") | Q(meeting__isnull=False),
                name="outgoing_liaison_note_has_a_meeting",
                violation_error_message=_(
                    "An outgoing liaison note needs the meeting that approved it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(direction="outgoing") | (~Q(source="") & Q(received_on__isnull=False)),
                name="incoming_liaison_note_has_its_source_and_date",
                violation_error_message=_(
                    "An incoming liaison note needs the body it comes from and the date it "
                    "was received."
                ),
            ),
            models.CheckConstraint(
                condition=Q(direction="outgoing", status__in=["draft", "approved", "sent"])
                | Q(direction="incoming", status__in=["draft", "published"]),
                name="liaison_note_status_fits_its_direction",
                violation_error_message=_(
                    "An outgoing liaison note is sent, not published; an incoming one is "
                    "published, never approved or sent."
                ),
            ),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("meetings:liaison_note", args=[self.pk])

    @property
    def is_incoming(self) -> bool:
        return self.direction == self.Direction.INCOMING

    @property
    def is_public(self) -> bool:
        """Sent (outgoing) or published (incoming): the public may read it."""
        return self.status in self.Status.public()

    @property
    def source_name(self) -> str:
        """The body an incoming note comes from, with its group: "ITU-D SG2 Question 3/2"."""
        return f"{self.source} {self.source_detail}".strip()


def validate_email_list(value):
    """A list of e-mail addresses (a recipient's contacts or cc), each one valid."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("Give a list of e-mail addresses."))
    for address in value:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                _("“%(address)s” is not a valid e-mail address."), params={"address": address}
            ) from None


class LiaisonRecipient(models.Model):
    """A body a liaison note is addressed to, and what it is asked to do.

    When the note is sent, its `contacts` receive the note by mail, and its `cc` a copy, in
    the recipient's `language` where the note is written in it (meetings.services)."""

    class Purpose(models.TextChoices):
        ACTION = "action", _("For action")
        COMMENT = "comment", _("For comment")
        INFORMATION = "information", _("For information")

    note = models.ForeignKey(LiaisonNote, on_delete=models.CASCADE, related_name="recipients")
    body = models.CharField(_("body"), max_length=200, help_text=_("For example: ITU-D SG2"))
    detail = models.CharField(
        _("group"), max_length=200, blank=True, help_text=_("For example: Question 3/2")
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices)
    deadline = models.DateField(_("reply by"), null=True, blank=True)
    is_cc = models.BooleanField(_("in copy"), default=False)
    contacts = models.JSONField(
        _("contacts' e-mail addresses"),
        default=list,
        blank=True,
        validators=[validate_email_list],
        help_text=_("They receive the note when it is sent. One address per line."),
    )
    cc = models.JSONField(
        _("cc e-mail addresses"),
        default=list,
        blank=True,
        validators=[validate_email_list],
        help_text=_("They receive a copy. One address per line."),
    )
    language = models.CharField(
        _("language of the mail"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text=_("The note goes out in this language where it is written in it."),
    )

    class Meta:
        ordering = ["note", "is_cc", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")

    def __str__(self):
        return f"{self.body} {self.detail}".strip()

    def get_additional_data(self) -> dict:
        """Kept with each audit log entry of this row (django-auditlog's hook): its note,
        whose history lists it (copportal/audit/registry.py)."""
        return {"liaison_note": self.note_id}


# --- The agenda: a working draft the chair edits, and frozen releases the public reads -------
class Agenda(TranslatedContent):
    """A meeting's agenda as a whole: the version every structural change raises.

    Two tabs of the chair editing at once: each change carries the version its page showed,
    and a stale one is refused (meetings/services.py), so the order is never scrambled.
    """

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="agenda")
    version = models.PositiveIntegerField(_("version"), default=0)
    reported = models.TextField(
        _("what the records say"),
        blank=True,
        help_text=_(
            "For a meeting that predates the portal: what the chair's report says of its agenda."
        ),
    )

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")

    def __str__(self):
        return str(self.meeting)


class AgendaItemQuerySet(models.QuerySet):
    def for_meeting(self, meeting):
        return self.filter(meeting=meeting)


class AgendaItem(PartOfMeeting, TranslatedContent):
    """An item of a meeting's draft agenda; a sub-item has a parent (one level: 2.1)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("sub-item of"),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("In the meeting's time zone.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"), null=True, blank=True
    )
    presenter = models.CharField(_("presenter"), max_length=300, blank=True)
    documents = models.TextField(
        _("other documents"),
        blank=True,
        help_text=_("One a line: a title, or an address starting with https://."),
    )

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError(_("A sub-item cannot have sub-items of its own."))
        if self.parent_id and self.parent.meeting_id != self.meeting_id:
            raise ValidationError(_("A sub-item belongs to the same meeting as its item."))

    @property
    def document_lines(self) -> list[str]:
        return [line.strip() for line in self.documents.splitlines() if line.strip()]


class AgendaReleaseQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-version")


class AgendaRelease(models.Model):
    """A released, frozen version of a meeting's agenda: what the public reads.

    The row is also the event the notifications turn into mail ("the agenda was released").
    `snapshot` holds the numbered items and their contributions as they were
    (meetings/agenda.py makes and compares snapshots).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_releases")
    version = models.PositiveIntegerField(_("version"))
    released_at = models.DateTimeField(_("released at"), default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("released by"),
    )
    note = models.TextField(_("note from the chair"), blank=True)
    snapshot = models.JSONField(_("snapshot"), default=dict)
    # For the chair only, never in the snapshot the public reads: titles of unpublished ones.
    left_out = models.JSONField(
        _("contributions left out"),
        default=list,
        blank=True,
        help_text=_("The allocated contributions this release did not include, and their status."),
    )

    objects = AgendaReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "-version"]
        verbose_name = _("agenda release")
        verbose_name_plural = _("agenda releases")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "version"], name="unique_agenda_release_version"
            )
        ]

    def __str__(self):
        return f"{self.meeting} · {self.version}"

    def get_absolute_url(self):
        return reverse("meetings:agenda", args=[self.meeting.number]) + f"?version={self.version}"


# --- Liaison notes: their history and attachments --------------------------------------------
class LiaisonNoteEvent(models.Model):
    """A change of a liaison note's status (draft -> approved -> sent): who, when, from, to.

    A "sent" event is the one the notifications turn into mail to the recipients.
    """

    note = models.ForeignKey(LiaisonNote, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=10, choices=LiaisonNote.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=LiaisonNote.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["note", "at", "pk"]
        verbose_name = _("liaison note event")
        verbose_name_plural = _("liaison note events")

    def __str__(self):
        return f"{self.note_id}: {self.from_status} -> {self.to_status}"


def liaison_attachment_upload_to(attachment, filename):
    """A name of our own, in a folder no URL serves: files go out through a view that checks."""
    return f"liaison-notes/{attachment.note_id}/{attachment.stored_name}"


class LiaisonAttachment(StoredFile):
    """A file sent with a liaison note (checked like contributions' files: copportal/uploads)."""

    note = models.ForeignKey(LiaisonNote, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=liaison_attachment_upload_to, max_length=200)

    class Meta:
        ordering = ["note", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("meetings:liaison_attachment", args=[self.pk])


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


# --- The chair's report: one document per language -----------------------------------------
def chair_report_upload_to(report, filename):
    """A name of our own, in a folder no URL serves: files go out through a view."""
    return f"chair-reports/{report.meeting_id}/{report.stored_name}"


class ChairReport(StoredFile):
    """The chair's report of a meeting in one language: a PDF or Word file, checked like a
    contribution's (copportal/uploads), public once uploaded. Uploading again replaces it."""

    FILE_TYPES = ("pdf", "docx")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="chair_reports")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    file = models.FileField(_("file"), upload_to=chair_report_upload_to, max_length=200)

    class Meta:
        ordering = ["meeting", "language"]
        verbose_name = _("chair's report")
        verbose_name_plural = _("chair's reports")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "language"], name="one_chair_report_per_language"
            )
        ]

    def __str__(self):
        return f"{self.meeting} · {self.language}"

    def get_absolute_url(self):
        """The download's address (reads self.meeting: select_related it in lists)."""
        return reverse("meetings:chair_report", args=[self.meeting.number, self.language])
