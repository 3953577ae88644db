"""Dates and times as pages and mails print them: one way per kind (issue 21).

- date_text(value, zone): a day, "3 December 2026", in the locale's DATE_FORMAT; a moment
  is first taken to `zone`, since the day depends on where it is read.
- datetime_text(value, zone): a moment with its zone, "3 December 2026, 23:59, Geneva time":
  the locale's DATETIME_FORMAT (so its clock: Arabic's is 12-hour) in `zone`, then the zone
  as people say it (copportal/time_zones.py).
- datetime_seconds_text(value, zone): the same to the second, where seconds matter (the
  time a submission arrived).

`zone` is an IANA name: the meeting's for its deadlines and events. Without one, the group's
zone (settings.MEETING_TIME_ZONE, Geneva), where the secretariat works; a moment is never
printed without saying its zone. Machine formats (feeds, iCal, CSV, JSON, <time datetime>)
stay ISO 8601 and do not come here. The templates' filters of the same names are in
copportal/templatetags/locale_text.py.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.formats import date_format, get_format
from django.utils.translation import pgettext

from copportal.time_zones import time_zone_label


def _zone_name(zone) -> str:
    return str(zone or settings.MEETING_TIME_ZONE)


def _in_zone(value: datetime.datetime, zone) -> datetime.datetime:
    return value.astimezone(ZoneInfo(_zone_name(zone)))


def date_text(value, zone=None) -> str:
    """A day in the locale's pattern ("3 December 2026"); "" for no value."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = _in_zone(value, zone).date()
    return date_format(value, "DATE_FORMAT")


def _with_seconds(pattern: str) -> str:
    """A Django format with seconds after its minutes ("H:i" -> "H:i:s"); a backslash
    escapes the next character (Spanish "\\a \\l\\a\\s H:i")."""
    out, escaped, done = [], False, False
    for character in pattern:
        out.append(character)
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "i" and not done:
            out.append(":s")
            done = True
    return "".join(out)


def _moment(value, zone, *, seconds: bool) -> str:
    if not value:
        return ""
    pattern = get_format("DATETIME_FORMAT")
    local = _in_zone(value, zone)
    return pgettext("a date and time, then the time zone it is in", "%(datetime)s, %(zone)s") % {
        "datetime": date_format(local, _with_seconds(pattern) if seconds else pattern),
        "zone": time_zone_label(_zone_name(zone)),
    }


def datetime_text(value, zone=None) -> str:
    """A moment in `zone` with the zone's name: "3 December 2026, 23:59, Geneva time"."""
    return _moment(value, zone, seconds=False)


def datetime_seconds_text(value, zone=None) -> str:
    """The same to the second: "3 December 2026, 23:59:07, Geneva time"."""
    return _moment(value, zone, seconds=True)
