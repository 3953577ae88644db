"""The numbering of a meeting's contributions: CWG-COP-<meeting>/<n>, given on acceptance."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting


class SymbolCounter(models.Model):
    """The last number given in a meeting: locked while numbering, never goes back."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("symbol counter")
        verbose_name_plural = _("symbol counters")

    def __str__(self):
        return f"{self.meeting}: {self.last_number}"
