"""The public data dump: one ZIP a day of every public list (resources/exports/dump.py)."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DUMP_FOLDER = "public-data"
DUMP_PREFIX = "cwg-cop-public-data"


def dump_upload_to(dump, filename):
    return f"{DUMP_FOLDER}/{dump.download_name}"


class PublicDataDump(models.Model):
    """The dump of one day: built by a task (celery beat, daily; or an officer's button),
    rebuilt in place when built again that day. Public material only."""

    class Status(models.TextChoices):
        BUILDING = "building", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    day = models.DateField(_("day"), unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BUILDING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=dump_upload_to, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    # The file's own, which a rebuild that fails leaves in place (`status` says it failed).
    built_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("public data dump")
        verbose_name_plural = _("public data dumps")

    def __str__(self):
        return self.download_name

    def get_absolute_url(self):
        return reverse("resources:data_dump", args=[self.day.isoformat()])

    @property
    def download_name(self) -> str:
        """cwg-cop-public-data-2026-12-03.zip"""
        return f"{DUMP_PREFIX}-{self.day.isoformat()}.zip"

    @property
    def is_building(self) -> bool:
        return self.status == self.Status.BUILDING

    @property
    def has_file(self) -> bool:
        return bool(self.file) and self.built_at is not None
