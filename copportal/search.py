"""What the library's and the contributions' searches share: reading a query, the text search
configuration of each language, and the highlighted snippets.

PostgreSQL stems each document in its own language (`CONFIGS`) into a stored, GIN-indexed
vector; a query is read as web-search syntax (quotes, OR, -word), stemmed in the reader's
language and OR'ed with its `simple` reading (names and numbers). SQLite has no text search:
each app falls back to every word of the query appearing somewhere (icontains).
resources/search.py and contributions/search.py build their own vectors from these parts.
"""

import re

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, Value, When
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from copportal.languages import Language

# PostgreSQL's text search configuration for each language (SELECT cfgname FROM pg_ts_config).
CONFIGS = {
    Language.ARABIC: "arabic",
    Language.CHINESE: "simple",
    Language.ENGLISH: "english",
    Language.FRENCH: "french",
    Language.RUSSIAN: "russian",
    Language.SPANISH: "spanish",
}
MAX_QUERY = 200  # characters; longer queries are cut (the page says so)
FILE_TEXT_IN_VECTOR = 100_000  # characters of a file's text that go into a vector
# ts_headline marks: control characters nobody types, replaced by <mark> after escaping.
START, STOP = "\x02", "\x03"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"\w+")


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def clean_query(raw: str) -> str:
    """The query without control characters (PostgreSQL refuses NUL), squeezed and cut."""
    text = "".join(ch if ch.isprintable() else " " for ch in raw or "")
    return " ".join(text.split())[:MAX_QUERY]


def has_words(query: str) -> bool:
    return bool(WORD.search(query))


def read_query(raw: str) -> tuple[str, list[str]]:
    """The query to search for ("" for none) and what the page should say about it."""
    query, notes = clean_query(raw), []
    if len(" ".join((raw or "").split())) > MAX_QUERY:
        notes.append(
            _("Your search was long: only its first %(n)s characters were used.") % {"n": MAX_QUERY}
        )
    if query and not has_words(query):
        notes.append(_("Type at least one word or number to search."))
        query = ""
    return query, notes


def words(query: str, limit: int = 10) -> list[str]:
    """The first words of a query (SQLite's reading: punctuation and operators ignored)."""
    return WORD.findall(query)[:limit]


def reader_language(language: str | None = None) -> Language:
    try:
        return Language.from_locale(language or translation.get_language() or "en")
    except ValueError:
        return Language.ENGLISH


def config_of(field: str) -> Case:
    """The configuration named by a row's language column (`simple` for anything else)."""
    return Case(
        *[When(**{field: code}, then=Value(config)) for code, config in CONFIGS.items()],
        default=Value("simple"),
    )


def ts_query(query: str, language: str | None = None):
    config = CONFIGS[reader_language(language)]
    stemmed = SearchQuery(query, config=config, search_type="websearch")
    if config == "simple":
        return stemmed
    return stemmed | SearchQuery(query, config="simple", search_type="websearch")


def highlighted(snippet: str) -> str:
    """A ts_headline snippet as safe HTML: the text escaped, the matches in <mark>."""
    text = escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(text)  # escaped above: only our own marks are HTML
