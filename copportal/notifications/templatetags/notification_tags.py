"""Filters for mail templates, whose context holds plain values (ISO dates, zone names)."""

import datetime
from zoneinfo import ZoneInfo

from django import template

register = template.Library()


@register.filter
def iso_datetime(value: str, zone: str = "UTC") -> datetime.datetime | None:
    """An ISO 8601 instant as an aware datetime in `zone` (an IANA name)."""
    if not value:
        return None
    return datetime.datetime.fromisoformat(value).astimezone(ZoneInfo(zone))


@register.filter
def iso_date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@register.filter
def language_label(code: str) -> str:
    """A document language's name in the active language ("en" -> English, anglais)."""
    from copportal.languages import Language

    return str(Language(code).label)
