"""Searching the library.

PostgreSQL: each resource stores one `search_vector` (GIN index): its title, summary and body
in each of the six languages, each stemmed with its own language's configuration (`english`,
`french`, `spanish`, `russian`, `arabic`, French and Spanish also without accents; Chinese cut
into words by rjieba, in `simple`), weighted A, B, C, and the file's extracted text stemmed in
the material's language (D). A query is read as web-search syntax (quotes, OR, -word) and
stemmed in the reader's language, OR'ed with the `simple` reading for names and numbers;
Chinese queries are cut into words too, and also match the Chinese title and summary by
substring (pg_trgm GIN indexes). Zero matches: "did you mean" from SearchTerm (pg_trgm).

The vector is a generated column (`document`): PostgreSQL computes it from the row whenever
the row is written, whoever writes it, so nothing refreshes it. Only the Chinese text is cut
into words in Python, into two columns the vector reads (`cut_chinese`, which Resource.save()
calls). What this shares with the contributions' search (contributions/search.py) is in
copportal/search.py.
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
from django.db.models.functions import Substr

from copportal import pagecache
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
    Vectors,
    any_word,
    by_language,
    chinese_vector,
    clean_query,
    has_words,
    headline_config,
    highlighted,
    reader_language,
    stored,
    ts_query,
    vectors_in,
)

WEIGHTS = (("title", "A"), ("summary", "B"), ("body", "C"))
CHINESE_COLUMNS = [column(field, Language.CHINESE) for field, _weight in WEIGHTS]
# What `cut_chinese` reads: when one of these is written, its columns are cut again.
CHINESE_SOURCES = frozenset({*CHINESE_COLUMNS, "language", "file_text"})
FILE_TEXT = Substr("file_text", 1, FILE_TEXT_IN_VECTOR)


def document() -> Vectors:
    """The expression of a resource's `search_vector` (a generated column: PostgreSQL
    computes it from the row on every write).

    Each language's title, summary and body in its configurations, the publisher, the file's
    text in the material's language. What SQL cannot cut into words, it reads from the
    columns `cut_chinese` fills: the Chinese title, summary and body (`chinese_vector`) and a
    Chinese file's text (`chinese_file_vector`).
    """
    parts = []
    for language in Language:
        if language == Language.CHINESE:
            parts.append(stored("chinese_vector"))
            continue
        for field, weight in WEIGHTS:
            parts += vectors_in(F(column(field, language)), language, weight)
    parts.append(SearchVector("publisher", config="simple", weight="B"))
    parts.append(
        by_language(
            "language",
            lambda language: Vectors(*vectors_in(FILE_TEXT, language, "D")),
            chinese=stored("chinese_file_vector"),
        )
    )
    return Vectors(*parts)


def cut_chinese(values) -> dict:
    """The columns of a resource's vector that SQL cannot compute, from its Chinese text
    cut into words (rjieba): {"chinese_vector": ..., "chinese_file_vector": ...}, each an
    expression to save or None. `values`: a resource, or a row (dict) of its columns.

    The one place these are computed: Resource.save() sets them, and writers that bypass
    save() (bulk creation, QuerySet.update of Chinese text or of a Chinese file's text)
    call `fill_stored`."""
    get = values.get if isinstance(values, dict) else values.__dict__.get
    texts = [(get(column(field, Language.CHINESE)) or "", weight) for field, weight in WEIGHTS]
    file_text = (get("file_text") or "")[:FILE_TEXT_IN_VECTOR]
    is_chinese = get("language") == Language.CHINESE
    return {
        "chinese_vector": chinese_vector(texts),
        "chinese_file_vector": chinese_vector([(file_text, "D")]) if is_chinese else None,
    }


def _has_chinese() -> Q:
    in_columns = [Q(**{f"{name}__gt": ""}) for name in CHINESE_COLUMNS]
    return reduce(operator.or_, in_columns, Q(language=Language.CHINESE, file_text__gt=""))


def fill_stored(queryset) -> None:
    """`cut_chinese` for these resources, written (one UPDATE per resource with Chinese
    text, one for the others): for the writers that bypass Resource.save()."""
    queryset.exclude(_has_chinese()).exclude(
        chinese_vector__isnull=True, chinese_file_vector__isnull=True
    ).update(chinese_vector=None, chinese_file_vector=None)
    pagecache.bump()  # the search finds other resources: update() sends no signal
    rows = queryset.filter(_has_chinese()).values("pk", "language", "file_text", *CHINESE_COLUMNS)
    for row in rows:
        queryset.model.objects.filter(pk=row["pk"]).update(**cut_chinese(row))


def refresh(queryset) -> None:
    """Nothing: migration 0005 calls it, whose vectors migration search_vector_generated
    replaced by a generated column (kept so that the migrations still run)."""


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
