"""The agenda: a working draft the chair edits, and frozen releases the public reads.

Imported by meetings/models.py: the models refer to Meeting by name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from copportal.content import TranslatedContent

from ..parts import PartOfMeeting


class Agenda(TranslatedContent):
    """A meeting's agenda as a whole: the version every structural change raises.

    Two tabs of the chair editing at once: each change carries the version its page showed,
    and a stale one is refused (meetings/agenda/services.py), so the order is never scrambled.
    """

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="agenda"
    )
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

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="agenda_items"
    )
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
    `snapshot` holds the numbered items and their contributions (`allocated`) as they were
    (meetings/agenda/snapshots.py makes and compares snapshots).
    """

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="agenda_releases"
    )
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
