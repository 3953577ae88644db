"""The long choice lists of the contribution forms, cached per language (contributions/apps.py
clears them when an organization, a meeting or a theme changes)."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

from copportal.accounts.models import Organization
from meetings.models import Meeting, Theme

ORGANIZATION_CHOICES_KEY = "organization-choices:{language}"


def organization_choices() -> list[tuple[int, str]]:
    """Every organization as (pk, name), by name: cached per language, since the 205 options
    cost more to build than the rest of the page. contributions/apps.py clears the cache
    when an organization changes."""
    key = ORGANIZATION_CHOICES_KEY.format(language=get_language())
    choices = cache.get(key)
    if choices is None:
        choices = Organization.objects.choices()
        cache.set(key, choices, 24 * 3600)
    return choices


def _forget(pattern: str) -> None:
    """Clear a cached list in every language, now and again after the commit (a page served
    before the commit may have cached the list as it was)."""
    keys = [pattern.format(language=code) for code, _name in settings.LANGUAGES]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def forget_organization_choices(**kwargs) -> None:
    _forget(ORGANIZATION_CHOICES_KEY)


FILTER_CHOICES_KEY = "contribution-filter-choices:v2:{language}"


def filter_choices() -> dict:
    """The list filters' meetings ((number, is_demo), newest first) and themes (slug, title):
    cached per language, two queries a page otherwise. contributions/apps.py clears the cache when a
    meeting or a theme changes."""
    key = FILTER_CHOICES_KEY.format(language=get_language())
    choices = cache.get(key)
    if choices is None:
        choices = {
            "meetings": list(Meeting.objects.order_by("-number").values_list("number", "is_demo")),
            "themes": [(theme.slug, str(theme)) for theme in Theme.objects.all()],
        }
        cache.set(key, choices, 24 * 3600)
    return choices


def forget_filter_choices(**kwargs) -> None:
    _forget(FILTER_CHOICES_KEY)
