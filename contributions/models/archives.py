"""All documents of a meeting as one ZIP per language (built by contributions/archives.py)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from copportal.languages import Language
from meetings.models import Meeting


def archive_upload_to(archive, filename):
    """The fingerprint is in the name: a changed document makes a new archive, never a stale
    one under an old address."""
    return (
        f"meeting-archives/{archive.meeting_id}/"
        f"CWG-COP-{archive.meeting.number}-{archive.language}-{archive.fingerprint}.zip"
    )


class MeetingArchive(models.Model):
    """A meeting's public documents in one language, as one ZIP: built once per fingerprint
    (the included files' ids, revisions and times) by a task, then served until a document
    changes. Public material only: the same archive for every reader."""

    class Status(models.TextChoices):
        BUILDING = "building", _("Being prepared")
        READY = "ready", _("Ready")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="archives")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BUILDING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=archive_upload_to, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "language", "-created_at"]
        verbose_name = _("meeting's documents as a ZIP")
        verbose_name_plural = _("meetings' documents as ZIPs")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "language", "fingerprint"], name="one_archive_per_fingerprint"
            )
        ]

    def __str__(self):
        return f"{self.meeting} · {self.language} · {self.fingerprint[:12]}"

    def get_absolute_url(self):
        return reverse("contributions:meeting_archive", args=[self.meeting.number, self.language])

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.file)

    @property
    def download_name(self) -> str:
        return f"CWG-COP-{self.meeting.number}-documents-{self.language}.zip"
