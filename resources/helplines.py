"""Finding a country by its name in any of the six languages (CLDR names, from babel)."""

import functools

from babel import Locale
from babel.core import get_global
from django.utils import translation

from copportal.accounts.models import Organization
from copportal.languages import Language, folded
from copportal.search import clean_query


@functools.cache
def _locale(language: str) -> Locale:
    return Locale.parse({"zh": "zh_Hans"}.get(language, language))


def alpha2(iso3: str) -> str:
    aliases = get_global("territory_aliases").get((iso3 or "").upper()) or []
    return aliases[0] if aliases else ""


def names(organization) -> list[str]:
    """The country's name in the portal and in the six languages (CLDR)."""
    code = alpha2(organization.iso_code)
    found = [organization.name]
    if code:
        for language in Language:
            name = _locale(language).territories.get(code)
            if name:
                found.append(name)
    return found


def local_names(organization) -> str:
    """The country's name in the reader's language (CLDR), else the portal's name."""
    code = alpha2(organization.iso_code)
    language = Language.from_locale(translation.get_language() or "en")
    return _locale(language).territories.get(code) or organization.name


def countries_named(query: str) -> list[Organization]:
    """Member States whose name, in any of the six languages, contains the query."""
    wanted = folded(query.strip())
    if not wanted:
        return []
    return [
        state
        for state in Organization.objects.member_states()
        if any(wanted in folded(name) for name in names(state)) or wanted == folded(state.iso_code)
    ]


def listed(params):
    """The finder's entries for `?country=` (the names of a country in any language): (the
    query read, the entries). The page and its exports (resources/exports/lists.py) ask it."""
    from .models import HelplineEntry

    query = clean_query(params.get("country", ""))[:100]
    entries = HelplineEntry.objects.select_related("country")
    if query:
        entries = entries.for_countries(countries_named(query))
    return query, entries
