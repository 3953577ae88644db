"""What the library's and the contributions' searches share: reading a query, the text search
configuration of each language, and the highlighted snippets.

PostgreSQL stems each document in its own language (`CONFIGS`) into a stored, GIN-indexed
vector; a query is read as web-search syntax (quotes, OR, -word), stemmed in the reader's
language, in Russian or Arabic too when it is written in their script, and OR'ed with its
`simple` reading (names and numbers). French and Spanish are read twice, with their accents
and without (`UNACCENTED`, copportal/migrations/0001): their stemmers need the accents
(explotación and explotar share `explot`, explotacion stems to itself), a reader may not type
them.

Chinese has no spaces, and PostgreSQL has no Chinese parser: `simple` would make a whole
sentence one token. Chinese text is cut into words by rjieba (jieba's dictionary) before it
goes into a vector (`chinese_words`, search mode: 工作组 also gives 工作), and a query's
Chinese runs are cut the same way (`for_tsquery`, precise mode), so 保护儿童 reads as 保护 AND
儿童, as two words would in any other language. A snippet cannot be cut in SQL: for a
Chinese query, ts_headline reads the text and the query character by character (each
Chinese character followed by U+200B, which the parser splits on; each query word a phrase of
its characters), so the words typed are marked wherever they occur, however rjieba cut the
text; `highlighted` drops the U+200B again.

resources/search.py and contributions/search.py build their own vectors from these parts, as
the expressions of generated columns: every part is immutable (each configuration named, not
chosen by a cast), and what SQL cannot compute (Chinese cut into words, text in another
table) is read from a stored tsvector column (`stored`).
"""

import re

import rjieba
from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryField,
    SearchVector,
    SearchVectorField,
)
from django.db.models import Case, F, Func, TextField, Value, When
from django.db.models.functions import Coalesce
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
# The same language without accents (unaccent, then the stemmer): a second reading of each
# French and Spanish text and query, which finds "proteccion" in "protección" (not `spanish`
# alone, which stems protección but keeps its accent, nor this alone, whose stemmer no longer
# knows -ación from -ar).
UNACCENTED = {Language.FRENCH: "french_unaccent", Language.SPANISH: "spanish_unaccent"}
# A query in these scripts is also read in their language, whatever the reader's (a Russian
# word typed on the English page is stemmed in Russian). Latin scripts are not told apart.
SCRIPTS = {
    "russian": re.compile(r"[\u0400-\u04ff]"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f]"),
}
MAX_QUERY = 200  # characters; longer queries are cut (the page says so)
FILE_TEXT_IN_VECTOR = 100_000  # characters of a file's text that go into a vector
# ts_headline marks: control characters nobody types, replaced by <mark> after escaping.
START, STOP = "\x02", "\x03"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"\w+")
# A query's Chinese runs (with the minus that negates one) and its quoted phrases (websearch:
# an unclosed quote runs to the end).
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
CHINESE_RUN = re.compile(r"-?[\u3400-\u9fff\uf900-\ufaff]+")
PHRASE = re.compile(r'"[^"]*"?')
SPLIT = "\u200b"  # zero-width space: splits Chinese characters for ts_headline, unseen


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


def any_word(query: str) -> str:
    """The query with its words OR'ed (web-search syntax), for when no text holds them all;
    "" if it has operators (quotes, OR, -word: the reader meant them) or fewer than two words.

    A word's stem may differ from its relative's (protéger `proteg`, protection `protect`):
    "protéger enfants en ligne" finds nothing with every word required."""
    if '"' in query or re.search(r"(^|\s)-\w|\bOR\b", query):
        return ""
    found = [
        w
        for word in WORD.findall(query)
        for w in (rjieba.cut(word) if CJK.search(word) else [word])
    ]
    return " OR ".join(found) if len(found) > 1 else ""


def reader_language(language: str | None = None) -> Language:
    try:
        return Language.from_locale(language or translation.get_language() or "en")
    except ValueError:
        return Language.ENGLISH


class Vectors(Func):
    """Tsvectors concatenated, left to right: `(a || b || c)`, the positions of each after
    those of the ones before it (what SearchVector's `+` gives, for any tsvector expression,
    a column's included)."""

    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = SearchVectorField()


def stored(name: str) -> Coalesce:
    """A tsvector column that may be empty (NULL), as a part of a vector."""
    return Coalesce(F(name), Value("", output_field=SearchVectorField()))


def vectors_in(text, language: Language | None, weight: str) -> list[SearchVector]:
    """A text's readings in `language` (two for French and Spanish: `UNACCENTED`; `simple`
    for None)."""
    if language is None:
        return [SearchVector(text, config="simple", weight=weight)]
    configs = [CONFIGS[language], *filter(None, [UNACCENTED.get(language)])]
    return [SearchVector(text, config=config, weight=weight) for config in configs]


def by_language(field: str, readings, *, chinese=None) -> Case:
    """The vector `readings(language)` gives for the language a row's `field` names
    (`readings(None)` for any other; `chinese` for Chinese, if given).

    One branch per language, each naming its configurations: a generated column's
    expression must be immutable, and a configuration chosen by a CASE and cast to regconfig
    is not (the cast reads the catalogue)."""
    whens = [
        When(**{field: code}, then=chinese if code == Language.CHINESE else readings(code))
        for code in Language
        if code != Language.CHINESE or chinese is not None
    ]
    return Case(*whens, default=readings(None), output_field=SearchVectorField())


def chinese_words(text: str) -> str:
    """Text with its Chinese cut into words, space-separated (rjieba's search mode, which
    also gives the shorter words inside a long one), for a vector in `simple`."""
    if not text or not CJK.search(text):
        return text or ""
    return " ".join(rjieba.cut_for_search(text))


def chinese_vector(texts: list[tuple[str, str]]) -> Vectors | None:
    """The vector of Chinese texts, each (text, weight) cut into words in Python (rjieba:
    PostgreSQL has no Chinese parser): the value of a stored column the generated vector
    reads. None when there is no text."""
    parts = [
        SearchVector(Value(chinese_words(text)), config="simple", weight=weight)
        for text, weight in texts
    ]
    return Vectors(*parts) if any(text for text, _weight in texts) else None


def _rewrite_chinese(query: str, outside, inside) -> str:
    """The query with each run of Chinese characters rewritten: `inside(run)` within a
    quoted phrase, `outside(run, negated)` elsewhere."""

    def out(match):
        run = match.group()
        return f" {outside(run.lstrip('-'), run.startswith('-'))} "

    def within(match):
        return CHINESE.sub(lambda m: f" {inside(m.group())} ", match.group())

    parts, last = [], 0
    for phrase in PHRASE.finditer(query):
        parts += [CHINESE_RUN.sub(out, query[last : phrase.start()]), within(phrase)]
        last = phrase.end()
    parts.append(CHINESE_RUN.sub(out, query[last:]))
    return "".join(parts)


def for_tsquery(query: str) -> str:
    """The query with its Chinese cut into words: each word required (AND), as spaces
    between words are; a phrase stays a phrase; a negated run is negated whole."""
    if not CJK.search(query):
        return query

    def outside(run, negated):
        words = " ".join(rjieba.cut(run))
        return f'-"{words}"' if negated else words

    return _rewrite_chinese(query, outside, lambda run: " ".join(rjieba.cut(run)))


def for_headline(query: str) -> str:
    """The query with each Chinese word a phrase of its characters (the text is split
    character by character for ts_headline); negated words are not marked."""
    if not CJK.search(query):
        return query

    def outside(run, negated):
        if negated:
            return ""
        return " ".join(f'"{" ".join(word)}"' for word in rjieba.cut(run))

    return _rewrite_chinese(query, outside, lambda run: " ".join(run))


class WebSearchQuery(SearchQuery):
    """The query read as web-search syntax, stemmed in `config` (and in `also`), OR'ed with
    its `simple` reading (names and numbers):

        (websearch_to_tsquery('english'::regconfig, q) || websearch_to_tsquery('simple', q))

    The SQL of SearchQuery(q, config=c, search_type="websearch") | SearchQuery(q, "simple",
    ...), written as one expression with nothing to resolve: a search uses it three or four
    times (match, rank, snippet, the ranked matches), and Django builds and compiles the
    five-node tree each time, which counted on every search."""

    def __init__(self, value: str, config: str, *, also: tuple[str, ...] = (), typed: str = ""):
        Func.__init__(self, output_field=SearchQueryField())
        self.value, self.config_name, self.also = value, config, also
        self.typed = typed or value  # the query as typed (Headline reads it again)

    def get_source_expressions(self):
        return []

    def set_source_expressions(self, exprs):
        pass

    def resolve_expression(self, *args, **kwargs):
        return self  # no column, no reference: nothing to resolve

    def as_sql(self, compiler, connection, **extra):
        one = "websearch_to_tsquery(%s::regconfig, %s)"
        configs = list(dict.fromkeys([self.config_name, *self.also, "simple"]))
        if len(configs) == 1:
            return one, [self.config_name, self.value]
        params = [p for config in configs for p in (config, self.value)]
        return f"({' || '.join([one] * len(configs))})", params

    def __str__(self):
        return f"WebSearchQuery({self.value!r}, {self.config_name!r}, also={self.also!r})"


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
        if CJK.search(query.typed):
            # Character by character (the module's docstring says why).
            query = WebSearchQuery(for_headline(query.typed), query.config_name, also=query.also)
            text_sql = f"regexp_replace({text_sql}, %s, %s, 'g')"
            text_params = [*text_params, f"({CJK.pattern})", rf"\1{SPLIT}"]
        query_sql, query_params = compiler.compile(query)
        sql = f"ts_headline(%s::regconfig, {text_sql}, {query_sql}, %s)"
        return sql, [self.config_name, *text_params, *query_params, self.OPTIONS]


def ts_query(query: str, language: str | None = None) -> WebSearchQuery:
    """The query in the reader's configuration (and without accents for French and Spanish
    readers), in Russian or Arabic too if written in their script, its Chinese cut into
    words."""
    reader = reader_language(language)
    also = tuple(filter(None, [UNACCENTED.get(reader)]))
    also += tuple(name for name, script in SCRIPTS.items() if script.search(query))
    return WebSearchQuery(for_tsquery(query), CONFIGS[reader], also=also, typed=query)


def headline_config(language: str | None = None) -> str:
    """The configuration a snippet is read in: without accents where there is one, so that
    an accentless query marks the accented words (and the accented ones still match)."""
    reader = reader_language(language)
    return UNACCENTED.get(reader, CONFIGS[reader])


def highlighted(snippet: str) -> str:
    """A ts_headline snippet as safe HTML: the text escaped, the matches in <mark> (marked
    Chinese characters side by side in one)."""
    text = snippet.replace(STOP + SPLIT + START, "").replace(SPLIT, "")
    text = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(text)  # escaped above: only our own marks are HTML
