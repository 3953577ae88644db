"""The Member States and organizations a contribution comes from, in order."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from copportal.accounts.models import Organization


class ContributionSource(models.Model):
    """A Member State or organization a contribution comes from (co-sponsors), in order."""

    contribution = models.ForeignKey(
        "Contribution", on_delete=models.CASCADE, related_name="source_links"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="contribution_links"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["contribution", "order"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "organization"], name="unique_contribution_source"
            )
        ]

    def __str__(self):
        return str(self.organization)
