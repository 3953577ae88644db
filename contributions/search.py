"""Searching contributions (the list's `?q=`, and the library's "Contributions" section).

PostgreSQL: each contribution stores one `search_vector` (GIN index, migration 0007): its
title (weight A) and abstract (B) stemmed in its original language's configuration, and the
extracted text of the latest extracted revision of each language version (C), each stemmed in
that version's language (copportal/search.py's CONFIGS); Chinese text is cut into words first
(rjieba: a Chinese title and abstract, the Chinese version's text). A query is read as
web-search syntax (quotes, OR, -word) in the reader's language, as the library reads it
(copportal/search.py).

The services (and the admin) call `refresh` after every write that changes the title, the
abstract or the files' text; nothing else writes the vector. bulk_create bypasses them: call
`refresh` on what it created (bench/, the library generator).
"""

import operator
from functools import reduce

from django.contrib.postgres.search import SearchRank
from django.db.models import F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Substr

from copportal.languages import Language
from copportal.search import (
    FILE_TEXT_IN_VECTOR,
    Headline,
    chinese_vector,
    clean_query,
    has_words,
    headline_config,
    reader_language,
    ts_query,
    vectors_by,
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


def document(revisions=None, chinese: dict | None = None):
    """The expression of a contribution's stored vector (for UPDATE ... SET search_vector =).

    `revisions` is the Revision model (a migration passes its historical one). `chinese`:
    one contribution's Chinese texts (`title`, `abstract` if its original is Chinese,
    `text`: its Chinese version's), cut into words here; without it they are left out.
    """
    if revisions is None:
        from .models import Revision as revisions
    parts = []
    if chinese and chinese["original_language"] == Language.CHINESE:
        parts += [chinese_vector(chinese["title"], "A"), chinese_vector(chinese["abstract"], "B")]
    else:
        parts += vectors_by(F("title"), "original_language", "A")
        parts += vectors_by(F("abstract"), "original_language", "B")
    for language in Language:
        if language == Language.CHINESE:
            if chinese:
                parts.append(chinese_vector(chinese["text"] or "", "C"))
            continue
        text = Substr(_latest_text(revisions, language), 1, FILE_TEXT_IN_VECTOR)
        parts += vectors_in(text, language, "C")
    return reduce(operator.add, parts)


def refresh(queryset, revisions=None) -> None:
    """Recompute the stored vector of these contributions.

    One UPDATE for those without Chinese text; one each for the others (their Chinese is
    cut into words in Python, rjieba: PostgreSQL has no Chinese parser).
    """
    if revisions is None:
        from .models import Revision as revisions
    text = Substr(_latest_text(revisions, Language.CHINESE), 1, FILE_TEXT_IN_VECTOR)
    rows = queryset.annotate(chinese_text=Coalesce(text, Value(""), output_field=TextField()))
    chinese = Q(original_language=Language.CHINESE) | Q(chinese_text__gt="")
    rows.exclude(chinese).update(search_vector=document(revisions))
    for row in rows.filter(chinese).values(
        "pk", "original_language", "title", "abstract", text=F("chinese_text")
    ):
        queryset.model.objects.filter(pk=row["pk"]).update(
            search_vector=document(revisions, chinese=row)
        )


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
