"""Time zones as people name them: "Geneva time", "heure de Genève", not "Europe/Zurich".

Meetings, receipts and mail say a zone with time_zone_label(), in the active language.
"""

from babel import Locale, UnknownLocaleError
from babel.dates import get_timezone_location
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _

# Cities to name a time zone by, where the zone's own city would mislead (Geneva keeps
# Zurich's time: the IANA zone is Europe/Zurich).
TIME_ZONE_CITIES = {"Europe/Zurich": _("Geneva")}


def zone_city(zone: str) -> str:
    """The city a zone is named by, in the active language: ours, else CLDR's (babel), else
    the last part of the zone's name."""
    if zone in TIME_ZONE_CITIES:
        return str(TIME_ZONE_CITIES[zone])
    try:
        locale = Locale.parse(get_language() or "en", sep="-")
        return get_timezone_location(zone, locale=locale, return_city=True)
    except (LookupError, UnknownLocaleError, ValueError):
        return zone.rsplit("/", 1)[-1].replace("_", " ")


def time_zone_label(zone: str) -> str:
    """The zone as people say it, in the active language: "Geneva time"; UTC is "UTC"."""
    if zone in ("UTC", "Etc/UTC"):
        return "UTC"
    city = zone_city(zone)
    # Two messages, so that languages that elide before a vowel can ("heure d'Amsterdam").
    if city[:1].lower() in "aeiouyàâéèêîôûœ":
        return pgettext("time zone, the city begins with a vowel", "%(city)s time") % {"city": city}
    return gettext("%(city)s time") % {"city": city}
