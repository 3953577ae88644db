"""The ITU regions and the UN and ITU classifications of countries, with their names in the
six languages (the rows' own names, data/member_states.json, are English: the source's)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """The six ITU administrative regions."""

    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ARAB_STATES = "arab-states", _("Arab States")
    ASIA_PACIFIC = "asia-pacific", _("Asia-Pacific")
    CIS = "cis", _("CIS")
    EUROPE = "europe", _("Europe")


class Classification(models.Model):
    """A UN or ITU classification of countries (LDC, SIDS, LLDC, economy in transition)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(
        _("source"), max_length=500, help_text=_("Where the list of countries comes from.")
    )
    source_url = models.URLField(_("source address"), blank=True)
    as_of = models.DateField(_("list as of"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("classification")
        verbose_name_plural = _("classifications")

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        """The list's name in the reader's language (TERMS.md), as the statistics name it;
        a code not below shows its row's one name."""
        return str(CLASSIFICATION_LABELS.get(self.code, self.name))

    @property
    def member_label(self) -> str:
        """What a Member State on the list is, in the reader's language, as its country page
        says it ("Least developed country (LDC)")."""
        return str(MEMBER_LABELS.get(self.code, self.name))


CLASSIFICATION_LABELS = {  # those the seeds load (data/member_states.json)
    "ldc": _("Least developed countries (LDCs)"),
    "sids": _("Small island developing States (SIDS)"),
    "lldc": _("Landlocked developing countries (LLDCs)"),
    "eit": _("Economies in transition"),
}

# A Member State on the list (the country pages).
MEMBER_LABELS = {
    "ldc": _("Least developed country (LDC)"),
    "sids": _("Small island developing State (SIDS)"),
    "lldc": _("Landlocked developing country (LLDC)"),
    "eit": _("Economy in transition"),
}
