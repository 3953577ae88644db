"""Searching contributions (the list's `?q=`, and the library's "Contributions" section).

PostgreSQL: each contribution stores one `search_vector` (GIN index): its
title (weight A) and abstract (B) stemmed in its original language's configuration, and the
extracted text of the latest extracted revision of each language version (C), each stemmed in
that version's language (copportal/search.py's CONFIGS); Chinese text is cut into words first
(rjieba: a Chinese title and abstract, the Chinese version's text). A query is read as
web-search syntax (quotes, OR, -word) in the reader's language, as the library reads it
(copportal/search.py).

The vector is a generated column (`document`): PostgreSQL computes it from the row whenever
the row is written, whoever writes it. What it cannot compute from the row is kept in two
columns it reads: the files' text, in another table, which `fill_stored` writes when a file
is added or its text extracted (bulk writers call it too: bench/, the library generator),
and a Chinese original's title and abstract cut into words, which save() writes
(`cut_chinese`).
"""

from django.contrib.postgres.search import SearchRank
from django.db.models import F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Substr

from copportal import pagecache
from copportal.languages import Language
from copportal.search import (
    FILE_TEXT_IN_VECTOR,
    Headline,
    Vectors,
    by_language,
    chinese_vector,
    clean_query,
    has_words,
    headline_config,
    reader_language,
    stored,
    ts_query,
    vectors_in,
)


def _latest_text(revisions, language: str) -> Subquery:
    """The extracted text of the newest revision in `language` whose text was extracted (a
    new upload's text counts once extracted: until then the previous file's text stays)."""
    latest = revisions.objects.filter(
        document__contribution=OuterRef("pk"),
        document__language=language,
        text_extracted_at__isnull=False,
    ).order_by("-number")
    return Subquery(latest.values("text")[:1], output_field=TextField())


def document() -> Vectors:
    """The expression of a contribution's `search_vector` (a generated column: PostgreSQL
    computes it from the row on every write).

    The title (A) and abstract (B) in the original language's configurations, then the
    files' text; what SQL cannot compute from the row, it reads from the columns
    `fill_stored` and save() fill: a Chinese title and abstract cut into words
    (`chinese_vector`) and the files' text, in another table (`files_vector`).
    """
    title_and_abstract = by_language(
        "original_language",
        lambda language: Vectors(
            *vectors_in(F("title"), language, "A"), *vectors_in(F("abstract"), language, "B")
        ),
        chinese=stored("chinese_vector"),
    )
    return Vectors(title_and_abstract, stored("files_vector"))


def cut_chinese(values) -> dict:
    """{"chinese_vector": ...}: a Chinese original's title and abstract cut into words
    (rjieba), an expression to save, or None. `values`: a contribution or a row (dict)."""
    get = values.get if isinstance(values, dict) else values.__dict__.get
    if get("original_language") != Language.CHINESE:
        return {"chinese_vector": None}
    return {"chinese_vector": chinese_vector([(get("title"), "A"), (get("abstract"), "B")])}


def files_document(revisions, chinese_text: str = ""):
    """The expression of `files_vector`: the text of each language version's latest
    extracted revision (C), in that language's configurations; the Chinese version's text
    (`chinese_text`) cut into words in Python."""
    parts = []
    for language in Language:
        if language == Language.CHINESE:
            if chinese_text:
                parts.append(chinese_vector([(chinese_text, "C")]))
            continue
        text = Substr(_latest_text(revisions, language), 1, FILE_TEXT_IN_VECTOR)
        parts += vectors_in(text, language, "C")
    return Vectors(*parts)


def fill_stored(queryset, revisions=None) -> None:
    """Write the columns these contributions' vectors read and SQL cannot compute from the
    row: `files_vector` (the files' text, in another table) and `chinese_vector`.

    The one place the files' text enters the vector: the services call it when a file is
    added and when its text is extracted; writers that bypass save() call it too. One
    UPDATE for the contributions without Chinese; one each for the others.
    """
    if revisions is None:
        from .models import Revision as revisions
    text = Substr(_latest_text(revisions, Language.CHINESE), 1, FILE_TEXT_IN_VECTOR)
    rows = queryset.annotate(chinese_text=Coalesce(text, Value(""), output_field=TextField()))
    chinese = Q(original_language=Language.CHINESE) | Q(chinese_text__gt="")
    pagecache.bump()  # the search finds other contributions: update() sends no signal
    rows.exclude(chinese).update(files_vector=files_document(revisions), chinese_vector=None)
    for row in rows.filter(chinese).values(
        "pk", "original_language", "title", "abstract", "chinese_text"
    ):
        queryset.model.objects.filter(pk=row["pk"]).update(
            files_vector=files_document(revisions, row["chinese_text"]), **cut_chinese(row)
        )


def refresh(queryset, revisions=None) -> None:
    """Nothing: migration 0009 calls it, whose vectors migration search_vector_generated
    replaced by a generated column (kept so that the migrations still run)."""


def match(query: str, language: str | None = None) -> Q:
    """A filter for the contributions matching `query` (an empty query matches everything)."""
    query = clean_query(query)
    if not has_words(query):
        return Q()
    return Q(search_vector=ts_query(query, language))


def ranked(queryset, query: str, language: str | None = None):
    """Best matches first (newest meeting first among equals), with `rank` and `snippet`
    (the abstract with the words marked)."""
    query = clean_query(query)
    if not has_words(query):
        return queryset
    reader = reader_language(language)
    search = ts_query(query, reader)
    return queryset.annotate(
        rank=SearchRank(F("search_vector"), search),
        snippet=Headline(F("abstract"), search, config=headline_config(reader)),
    ).order_by("-rank", "-meeting__number", "number", "pk")
