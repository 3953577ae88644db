"""Personal API tokens: a user's key to the JSON API (resources/api/), made and revoked on
their account page.

The secret is shown once, when it is made; the portal keeps only its SHA-256 digest (a
random 256-bit secret needs no slow hash) and its first characters, so that the owner can
tell tokens apart. A revoked token stops working at once: every request looks it up.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX = "cwgcop_"
SHOWN = 12  # characters of the secret kept to name it ("cwgcop_Ab3dE…")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)

    def authenticate(self, secret: str) -> "ApiToken | None":
        """The active token whose secret this is, with its user (one query), or None."""
        if not secret.startswith(PREFIX) or len(secret) > 100:
            return None
        return self.active().select_related("user").filter(hashed_secret=digest(secret)).first()


class ApiToken(models.Model):
    """A personal token: acts as its user in the API, until revoked."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    hashed_secret = models.CharField(max_length=64, unique=True, editable=False)
    shown_part = models.CharField(max_length=SHOWN, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.shown_part}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
