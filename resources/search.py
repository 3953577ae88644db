"""Searching the library.

PostgreSQL: each resource stores one `search_vector` (GIN index): its title, summary and body
in each of the six languages, each stemmed with its own language's configuration (`english`,
`french`, `spanish`, `russian`, `arabic`, French and Spanish also without accents; Chinese cut
into words by rjieba, in `simple`), weighted A, B, C, and the file's extracted text stemmed in
the material's language (D). A query is read as web-search syntax (quotes, OR, -word) and
stemmed in the reader's language, OR'ed with the `simple` reading for names and numbers;
Chinese queries are cut into words too, and also match the Chinese title and summary by
substring (pg_trgm GIN indexes). Zero matches: "did you mean" from SearchTerm (pg_trgm).

The services call `refresh` after every write; nothing else writes the vector. What this
shares with the contributions' search (contributions/search.py) is in copportal/search.py.
"""

import operator
import re
from functools import reduce

from django.contrib.postgres.search import (
    SearchRank,
    SearchVector,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db.models import F, FloatField, Func, Q, TextField, Value
from django.db.models.functions import Coalesce, Substr

from copportal.content import column
from copportal.languages import Language

# The parts both searches share (copportal/search.py); their names stay importable from here.
from copportal.search import (  # noqa: F401
    CJK,
    CONFIGS,
    FILE_TEXT_IN_VECTOR,
    MAX_QUERY,
    START,
    STOP,
    WORD,
    Headline,
    any_word,
    chinese_vector,
    clean_query,
    config_of,
    has_words,
    headline_config,
    highlighted,
    reader_language,
    ts_query,
    vectors_by,
    vectors_in,
)

WEIGHTS = (("title", "A"), ("summary", "B"), ("body", "C"))
CHINESE_COLUMNS = [column(field, Language.CHINESE) for field, _weight in WEIGHTS]
FILE_TEXT = Substr("file_text", 1, FILE_TEXT_IN_VECTOR)


def document(chinese: dict | None = None):
    """The expression of a resource's stored vector (for UPDATE ... SET search_vector = ...).

    `chinese`: one resource's Chinese columns (and `language`, `file_words`: the file's text), cut
    into words here; without it the Chinese columns and a Chinese file are left out (the
    resources without Chinese text, updated together by `refresh`).
    """
    parts = []
    for language in Language:
        for field, weight in WEIGHTS:
            name = column(field, language)
            if language == Language.CHINESE:
                if chinese:
                    parts.append(chinese_vector(chinese[name] or "", weight))
                continue
            text = Coalesce(name, Value(""), output_field=TextField())
            parts += vectors_in(text, language, weight)
    parts.append(SearchVector("publisher", config="simple", weight="B"))
    if chinese and chinese["language"] == Language.CHINESE:
        parts.append(chinese_vector(chinese["file_words"] or "", "D"))
    else:
        parts += vectors_by(FILE_TEXT, "language", "D")
    return reduce(operator.add, parts)


def _has_chinese() -> Q:
    in_columns = [Q(**{f"{name}__gt": ""}) for name in CHINESE_COLUMNS]
    return reduce(operator.or_, in_columns, Q(language=Language.CHINESE, file_text__gt=""))


def refresh(queryset) -> None:
    """Recompute the stored vector of these resources.

    One UPDATE for those without Chinese text; one each for the others (their Chinese is
    cut into words in Python, rjieba: PostgreSQL has no Chinese parser).
    """
    queryset.exclude(_has_chinese()).update(search_vector=document())
    chinese = queryset.filter(_has_chinese()).values(
        "pk", "language", *CHINESE_COLUMNS, file_words=FILE_TEXT
    )
    for row in chinese:
        queryset.model.objects.filter(pk=row["pk"]).update(search_vector=document(row))


def match(query: str, language: str | None = None) -> Q:
    """A filter for the resources matching `query` (an empty query matches everything)."""
    query = clean_query(query)
    if not has_words(query):
        return Q()
    found = Q(search_vector=ts_query(query, language))
    if CJK.search(query):
        # LIKE, not ILIKE/UPPER (Chinese has no case): the trigram indexes serve it.
        found |= Q(title_zh_hans__contains=query) | Q(summary_zh_hans__contains=query)
    return found


class SummaryIn(Func):
    """The summary as the page shows it (TranslatedContent.shown): in the reader's language,
    else in English, else in the resource's original language:

        COALESCE(NULLIF(summary_<reader>, ''), NULLIF(summary_en, ''), CASE original_language
        WHEN 'ar' THEN summary_ar WHEN ... END, '')

    The same SQL as Coalesce(NullIf(...), Case(When(original_language=..., then=...), ...)),
    written as one simple CASE: Django builds and compiles it several times faster (six When
    conditions are six lookups to resolve), which counts on every search."""

    output_field = TextField()

    def __init__(self, reader: Language):
        codes = list(Language)
        super().__init__(
            F(column("summary", reader)),
            F("original_language"),
            *[F(column("summary", code)) for code in codes],
        )
        self.codes = [str(code) for code in codes]

    def as_sql(self, compiler, connection, **extra):
        columns = []
        for expression in self.get_source_expressions():
            sql, params = compiler.compile(expression)
            if params:  # columns only
                raise ValueError("SummaryIn takes columns")
            columns.append(sql)
        reader, original, *summaries = columns
        english = summaries[self.codes.index(Language.ENGLISH.value)]
        whens = " ".join(f"WHEN %s THEN {summary}" for summary in summaries)
        return (
            f"COALESCE(NULLIF({reader}, ''), NULLIF({english}, ''), "
            f"CASE {original} {whens} END, '')",
            self.codes,
        )


# Ranking reads the whole stored vector of each row it ranks: a query is ranked among its
# RANKED latest matches (ten pages), the others follow (see `ranked`). "Latest" is the order
# the resources were published in the library, which no index serves on purpose: PostgreSQL
# then takes the matches from the GIN index (a bitmap over the narrow heap, migration 0004)
# instead of walking the listing index and reading each row's vector, which its costs
# underestimate (ten times slower for a query matching 2% of the library).
RANKED = 200
LATEST = ("-published_at", "-pk")


def _snippet(queryset, search, reader: Language):
    # PostgreSQL computes ts_headline after the sort and the LIMIT: for the page's rows only.
    config = headline_config(reader)
    return queryset.annotate(snippet=Headline(SummaryIn(reader), search, config=config))


def ranked(queryset, query: str, language: str | None = None, *, start: int = 0):
    """Best matches first, with `rank` and `snippet` (the summary with the words marked).

    The RANKED latest matches (by publication in the library) come first, best first
    (`rank`); the other matches follow, latest first. `start` is the position of the first
    row the caller will read (a page's offset): below RANKED this is the ranked matches only
    (at most RANKED rows); from RANKED on, the matches latest first, ranked none (a match's
    position is the same in both orders, so pages chain). Either way the work is bounded:
    RANKED ranks, one snippet per row read.
    """
    query = clean_query(query)
    if not has_words(query):
        return queryset
    reader = reader_language(language)
    search = ts_query(query, reader)
    if start >= RANKED:
        listing = queryset.annotate(rank=Value(0.0, output_field=FloatField()))
        return _snippet(listing, search, reader).order_by(*LATEST)
    latest = queryset.order_by(*LATEST).values("pk")[:RANKED]
    listing = queryset.model.objects.filter(pk__in=latest).annotate(
        rank=SearchRank(F("search_vector"), search)
    )
    return _snippet(listing, search, reader).order_by("-rank", "-year", "-published_on", "-pk")


def remember_words(resource) -> None:
    """Add the words of a published resource's titles and summaries to the suggestions."""
    from .models import SearchTerm

    words = set()
    for language in Language:
        for field in ("title", "summary"):
            text = getattr(resource, column(field, language), "") or ""
            words.update(w for w in WORD.findall(text.lower()) if 4 <= len(w) <= 60)
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=w) for w in sorted(words)], ignore_conflicts=True, batch_size=500
    )


def suggestion(query: str, language: str | None = None) -> str:
    """ "Did you mean": the query with each unknown word replaced by the nearest known one,
    offered only if it finds a published resource ("" otherwise).

    Known words are SearchTerm's (the published titles' and summaries' words as written, not
    stems: a suggestion is read). Candidates come from its trigram GIN index (pg_trgm's `%`,
    similarity 0.3: "enfnats" reaches "enfants"), nearest first by word_similarity. A word
    stays known after its resource is unpublished: checking that the suggestion finds
    something keeps a stale word from sending the reader to another empty page.
    """
    from .models import Resource, SearchTerm

    query = clean_query(query)
    changed, out = False, query
    for word in WORD.findall(query)[:6]:
        if len(word) < 4 or CJK.search(word):
            continue
        lower = word.lower()
        if SearchTerm.objects.filter(word=lower).exists():
            continue
        nearest = (
            SearchTerm.objects.filter(word__trigram_similar=lower)
            .annotate(
                near=TrigramWordSimilarity(lower, "word"),
                similarity=TrigramSimilarity("word", lower),
            )
            .order_by("-near", "-similarity", "word")
            .values_list("word", flat=True)
            .first()
        )
        if nearest:
            out = re.sub(rf"\b{re.escape(word)}\b", nearest, out, count=1)
            changed = True
    if not changed or not Resource.objects.published().matching(out, language).exists():
        return ""
    return out
