"""What the library's and the contributions' searches share: reading a query, the text search
configuration of each language, and the highlighted snippets.

PostgreSQL stems each document in its own language (`CONFIGS`) into a stored, GIN-indexed
vector; a query is read as web-search syntax (quotes, OR, -word), stemmed in the reader's
language and OR'ed with its `simple` reading (names and numbers). SQLite has no text search:
each app falls back to every word of the query appearing somewhere (icontains).
resources/search.py and contributions/search.py build their own vectors from these parts.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchQueryField
from django.db import connection
from django.db.models import Case, Func, TextField, Value, When
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


class WebSearchQuery(SearchQuery):
    """The query read as web-search syntax, stemmed in `config`, OR'ed with its `simple`
    reading (names and numbers):

        (websearch_to_tsquery('english'::regconfig, q) || websearch_to_tsquery('simple', q))

    The SQL of SearchQuery(q, config=c, search_type="websearch") | SearchQuery(q, "simple",
    ...), written as one expression with nothing to resolve: a search uses it three or four
    times (match, rank, snippet, the ranked matches), and Django builds and compiles the
    five-node tree each time, which counted on every search."""

    def __init__(self, value: str, config: str):
        Func.__init__(self, output_field=SearchQueryField())
        self.value, self.config_name = value, config

    def get_source_expressions(self):
        return []

    def set_source_expressions(self, exprs):
        pass

    def resolve_expression(self, *args, **kwargs):
        return self  # no column, no reference: nothing to resolve

    def as_sql(self, compiler, connection, **extra):
        one = "websearch_to_tsquery(%s::regconfig, %s)"
        if self.config_name == "simple":
            return one, [self.config_name, self.value]
        return f"({one} || {one})", [self.config_name, self.value, "simple", self.value]

    def __str__(self):
        return f"WebSearchQuery({self.value!r}, {self.config_name!r})"


class Headline(Func):
    """ts_headline in the reader's configuration, the matches between the START and STOP
    marks: the SQL of SearchHeadline(text, query, config=..., start_sel=START, ...), with its
    options written once rather than built on every search."""

    output_field = TextField()
    OPTIONS = f"StartSel='{START}', StopSel='{STOP}', MaxWords=35, MinWords=15"

    def __init__(self, text, query: WebSearchQuery, *, config: str):
        super().__init__(text, query)
        self.config_name = config

    def as_sql(self, compiler, connection, **extra):
        text, query = self.get_source_expressions()
        text_sql, text_params = compiler.compile(text)
        query_sql, query_params = compiler.compile(query)
        sql = f"ts_headline(%s::regconfig, {text_sql}, {query_sql}, %s)"
        return sql, [self.config_name, *text_params, *query_params, self.OPTIONS]


def ts_query(query: str, language: str | None = None) -> WebSearchQuery:
    return WebSearchQuery(query, CONFIGS[reader_language(language)])


def highlighted(snippet: str) -> str:
    """A ts_headline snippet as safe HTML: the text escaped, the matches in <mark>."""
    text = escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(text)  # escaped above: only our own marks are HTML
