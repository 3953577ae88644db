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


# How a list of names is joined in a sentence, where it is not ", ".
LIST_SEPARATORS = {"zh": "、", "ar": "، "}


def _mail_language() -> str:
    from django.utils.translation import get_language

    from copportal.languages import Language

    try:
        return Language.from_locale(get_language() or "en").value
    except ValueError:
        return "en"


@register.filter
def in_mail_language(names) -> str:
    """A name given in each language ({"en": "Fiji", "fr": "Fidji", ...}, as
    Organization.names_by_language gives it) in the mail's language; a plain string as it is."""
    if isinstance(names, dict):
        return names.get(_mail_language()) or names.get("en") or ""
    return names or ""


@register.filter
def name_list(names: list) -> str:
    """Several names (see in_mail_language) in the mail's language, joined as it writes a list."""
    separator = LIST_SEPARATORS.get(_mail_language(), ", ")
    return separator.join(in_mail_language(name) for name in names)
