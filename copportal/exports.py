"""Public lists as files: each list as CSV and as JSON, with the rows its page shows.

An app describes a list once, as a `Table` (its columns, and a function of the page's query
string that returns the rows an anonymous visitor sees there), and registers it from its
AppConfig.ready; `export_view` serves it at `<list>/export.csv` and `<list>/export.json`, and
the public data dump (resources/exports/) writes every registered table.

The files are the same for every reader and in every interface language: what an anonymous
visitor sees, never more (nothing members-only and no draft, whoever asks), and
values as codes (`kind`: `good-practice`, `original_language`: `fr`), not as translated labels.
A translated field is one column per language, `<field>_<code>` in ITU's order of languages
(`title_ar`, `title_zh`, `title_en`, `title_fr`, `title_ru`, `title_es`; the document codes of
copportal.languages), empty where there is no text in that language; the row's
`original_language` says which one was written first. A JSON row has the same keys as the
CSV's columns; a list of values (sources, themes) is a JSON array, and in CSV its values are
joined with "; ". Dates and times are ISO 8601 (times in UTC). CSV is UTF-8 with a byte order
mark (so that spreadsheets read Arabic and Chinese right), comma-separated, quoted as needed.

Rows stream: a response writes them as the database returns them (`stream`: chunks of
CHUNK_SIZE rows, each chunk's related rows prefetched in one query per relation), so the
number of queries does not grow with the list up to a chunk, and memory never does.
"""

import csv
import datetime
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import Http404, QueryDict, StreamingHttpResponse
from django.urls import re_path
from django.utils import timezone
from django.views.decorators.http import require_safe

from .content import column
from .languages import Language

CHUNK_SIZE = 1000
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
FILE_PREFIX = "cwg-cop"


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[Any], Any]


@dataclass(frozen=True)
class Table:
    """A public list as a table. `rows(params)` gives the objects an anonymous visitor sees
    on the list's page with these query parameters, in the page's order."""

    name: str  # the file's name: "meetings"
    title: Any  # (lazy) translated: "Contributions"
    description: Any  # (lazy) translated: what a row is
    columns: tuple[Column, ...]
    rows: Callable[[QueryDict], Iterable]
    url_name: str  # the export's URL name, reversed with `fmt`

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]

    def values(self, row) -> list:
        return [c.value(row) for c in self.columns]


TABLES: dict[str, Table] = {}


def register(table: Table) -> Table:
    TABLES[table.name] = table
    return table


def translated(field: str, attribute: str | None = None) -> list[Column]:
    """One column per language for a translated field (`title_ar` ... `title_es`); with
    `attribute`, the field of a related object (`theme.title` as `theme_title_fr`)."""
    columns = []
    for language in Language:
        name = column(field, language)
        if attribute:
            columns.append(
                Column(
                    f"{attribute}_{field}_{language.value}",
                    lambda row, n=name, a=attribute: (
                        getattr(getattr(row, a), n, "") if getattr(row, a) else ""
                    ),
                )
            )
        else:
            columns.append(
                Column(f"{field}_{language.value}", lambda row, n=name: getattr(row, n) or "")
            )
    return columns


def absolute(path: str) -> str:
    """A page's address on the site (SITE_URL), as a file read elsewhere needs it."""
    return f"{settings.SITE_URL}{path}" if path else ""


def stream(queryset) -> Iterator:
    """The queryset's rows as the database returns them, CHUNK_SIZE at a time (its
    prefetch_related lookups run once per chunk)."""
    return queryset.iterator(chunk_size=CHUNK_SIZE)


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def _cell(value) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join("" if v is None else str(v) for v in value)
    return str(value)


class _Line:
    """A file-like object that gives back what csv.writer writes."""

    def write(self, text):
        return text


def csv_lines(table: Table, rows: Iterable) -> Iterator[str]:
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(table.headers)
    for row in rows:
        yield writer.writerow([_cell(v) for v in table.values(row)])


def json_chunks(table: Table, rows: Iterable, *, query: dict | None = None) -> Iterator[str]:
    head = {
        "list": table.name,
        "generated_at": _plain(timezone.now()),
        "query": query or {},
        "columns": table.headers,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": ['
    separator = "\n"
    for row in rows:
        record = dict(zip(table.headers, (_plain(v) for v in table.values(row)), strict=True))
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"


def chunks(table: Table, fmt: str, params: QueryDict) -> Iterator[str]:
    """The file's text, piece by piece, for the list with these query parameters."""
    rows = table.rows(params)
    if fmt == "csv":
        return csv_lines(table, rows)
    query = {key: params.getlist(key) for key in params if key != "page"}
    return json_chunks(table, rows, query=query)


def file_name(name: str, fmt: str, day: datetime.date | None = None) -> str:
    """cwg-cop-meetings-2026-12-03.csv"""
    day = day or timezone.localdate()
    return f"{FILE_PREFIX}-{name}-{day.isoformat()}.{fmt}"


def export_view(table_name: str):
    """The view serving a registered table as `.csv` or `.json` (the URL's `fmt`)."""

    @require_safe
    def view(request, fmt):
        table = TABLES.get(table_name)
        if table is None or fmt not in FORMATS:
            raise Http404
        body = (piece.encode() for piece in chunks(table, fmt, request.GET))
        response = StreamingHttpResponse(body, content_type=FORMATS[fmt])
        name = file_name(table.name, fmt)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response

    view.__name__ = f"export_{table_name}"
    return view


def export_urls(prefix: str, table_name: str, url_name: str = "export"):
    """The URL pattern `<prefix>export.csv|json` for a table: reverse it with `fmt`."""
    return re_path(rf"^{prefix}export\.(?P<fmt>csv|json)$", export_view(table_name), name=url_name)
