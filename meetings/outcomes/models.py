"""A meeting's outcomes: its recommendations, draft resolutions and the chair's report.

Imported by meetings/models.py: the models refer to Meeting by name."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from copportal.accounts.models import Organization
from copportal.content import TranslatedContent
from copportal.languages import Language
from copportal.uploads import StoredFile

from ..parts import PartOfMeeting


class Recommendation(PartOfMeeting, TranslatedContent):
    """A recommendation the group agreed at a meeting."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="recommendations"
    )
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

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="draft_resolutions"
    )
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


# --- The chair's report: one document per language -----------------------------------------
def chair_report_upload_to(report, filename):
    """A name of our own, in a folder no URL serves: files go out through a view."""
    return f"chair-reports/{report.meeting_id}/{report.stored_name}"


class ChairReport(StoredFile):
    """The chair's report of a meeting in one language: a PDF or Word file, checked like a
    contribution's (copportal/uploads), public once uploaded. Uploading again replaces it."""

    FILE_TYPES = ("pdf", "docx")

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="chair_reports"
    )
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
