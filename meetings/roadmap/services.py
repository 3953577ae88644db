"""Writes of the roadmap: the chair creates, edits and deletes its themes."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from copportal import pagecache
from copportal.accounts.models import User
from copportal.audit.services import audited_bulk_update

from ..models import Meeting
from ..providers import theme_uses
from ..services import require
from .models import Theme

# Addresses under /roadmap/ that are not themes.
RESERVED_THEME_SLUGS = {"new"}


def _theme_slug(theme: Theme) -> str:
    """An address for a new theme from its English title (or its original one), unique."""
    title = getattr(theme, "title_en", "") or theme.text_in("title", theme.original_language)
    base = slugify(title)[:40].strip("-") or "theme"
    slug, n = base, 1
    while slug in RESERVED_THEME_SLUGS or Theme.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _theme_meetings_set(theme: Theme, meetings) -> None:
    """The meetings held on the theme: these, and no others (a meeting has one theme)."""
    ids = {m.pk for m in meetings}
    changed = []
    for meeting in Meeting.objects.filter(models.Q(theme=theme) | models.Q(pk__in=ids)):
        wanted = theme.pk if meeting.pk in ids else None
        if meeting.theme_id != wanted:
            meeting.theme_id = wanted
            changed.append(meeting)
    # Each meeting that gains or loses the theme gets its audit log entry.
    audited_bulk_update(changed, ["theme"])
    pagecache.bump()  # bulk_update sends no signal


@transaction.atomic
def theme_create(*, by: User, meetings=(), **fields) -> Theme:
    """A new theme of the roadmap, with an address made from its title."""
    require(by, "meetings.add_theme")
    theme = Theme(kind=Theme.Kind.ROADMAP, **fields)
    theme.slug = _theme_slug(theme)
    theme.full_clean()
    theme.save()
    _theme_meetings_set(theme, meetings)
    return theme


@transaction.atomic
def theme_update(*, by: User, theme: Theme, meetings=None, **fields) -> Theme:
    """Change a roadmap theme's texts, period or order (and its meetings, when given)."""
    require(by, "meetings.change_theme", theme)
    for name, value in fields.items():
        setattr(theme, name, value)
    theme.full_clean()
    theme.save()
    if meetings is not None:
        _theme_meetings_set(theme, meetings)
    return theme


@transaction.atomic
def theme_delete(*, by: User, theme: Theme) -> None:
    """Delete a theme nothing refers to. One that a meeting, a contribution or a resource
    carries is refused (deleting it would untag them): the chair edits it instead."""
    require(by, "meetings.delete_theme", theme)
    # The higher apps know themes, not the other way round: each counts its own rows
    # (meetings/providers.py); an app that is not there carries none.
    used = defaultdict(int, meetings=theme.meetings.count(), **theme_uses(theme))
    if any(used.values()):
        raise ValidationError(
            _(
                "This theme is still in use (meetings: %(meetings)s, contributions: "
                "%(contributions)s, resources: %(resources)s): it cannot be deleted. Take it "
                "from them first, or edit the theme instead."
            )
            % used,
            code="in-use",
        )
    theme.delete()
