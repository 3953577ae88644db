"""Text in the reader's language and direction (DESIGN: "Direction is isolated, not guessed").

- `{{ value|isolated }}`: a value whose script may differ from the page's (a symbol, a
  person's or an organization's name, a time, a count) in <bdi>, so that "CWG-COP-20/5"
  or "09:30 · 15 minutes" keep their order inside an Arabic sentence.
- `{% in_language text language %}`: text written in one language (a contribution's title),
  isolated and, where it is not the page's language, carrying its own `lang` (WCAG 3.1.2).
- `{% timing start minutes %}`: an agenda item's "09:30 · 15 minutes", isolated.
- `{{ zone|zone_label }}`: a time zone as people say it ("Geneva time"), in the reader's
  language (copportal/time_zones.py).
- Dates and times, one way per kind (copportal/date_text.py), `zone` an IANA name (the
  meeting's for its deadlines and events; none: the group's, Geneva):
  `{{ day|date_text }}` or `{{ moment|date_text:zone }}` "3 December 2026";
  `{{ moment|datetime_text:zone }}` "3 December 2026, 23:59, Geneva time";
  `{{ moment|datetime_seconds_text:zone }}` the same to the second (a receipt).
"""

import datetime

from django import template
from django.utils.formats import time_format
from django.utils.html import format_html
from django.utils.translation import get_language, ngettext

from copportal import date_text as dates
from copportal.languages import Language
from copportal.time_zones import time_zone_label

register = template.Library()


@register.filter
def isolated(value):
    """The value, escaped, in <bdi> (nothing for an empty value)."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)


@register.simple_tag
def in_language(text, language):
    """The text in <bdi>, with `lang` when its language is not the page's."""
    if text is None or text == "":
        return ""
    locale = Language.from_locale(str(language)).locale if language else ""
    if not locale or locale == (get_language() or "en").lower():
        return format_html("<bdi>{}</bdi>", text)
    return format_html('<bdi lang="{}">{}</bdi>', locale, text)


@register.filter
def zone_label(zone: str) -> str:
    """The time zone's label in the active language: "Geneva time" for Europe/Zurich."""
    return time_zone_label(zone) if zone else ""


@register.filter
def date_text(value, zone=None) -> str:
    """A day in the locale's pattern: "3 December 2026" (a moment: its day in `zone`)."""
    return dates.date_text(value, zone)


@register.filter
def datetime_text(value, zone=None) -> str:
    """A moment in `zone`, said with the zone: "3 December 2026, 23:59, Geneva time"."""
    return dates.datetime_text(value, zone)


@register.filter
def datetime_seconds_text(value, zone=None) -> str:
    """A moment to the second, with its zone: "3 December 2026, 23:59:07, Geneva time"."""
    return dates.datetime_seconds_text(value, zone)


@register.simple_tag
def timing(start=None, minutes=None, zone=""):
    """An agenda item's time and length, "09:30 · 15 minutes", as one isolated run: the
    locale's time pattern; `start` a time or "HH:MM" (a release's snapshot); `zone` a label
    said after the time ("09:30 (Geneva time)")."""
    if isinstance(start, str) and start:
        try:
            start = datetime.time.fromisoformat(start)
        except ValueError:  # a snapshot's time that does not read: the length alone
            start = None
    parts = []
    if start:
        parts.append(time_format(start, "TIME_FORMAT") + (f" ({zone})" if zone else ""))
    if minutes:
        parts.append(
            ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes) % {"minutes": minutes}
        )
    if not parts:
        return ""
    return format_html("<bdi>{}</bdi>", " · ".join(parts))
