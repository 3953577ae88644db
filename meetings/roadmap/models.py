"""The roadmap's themes and the shared vocabularies (audiences, risks)."""

import datetime
import re

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from copportal.content import TranslatedContent


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
