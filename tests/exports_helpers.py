"""Reading the exports (copportal/exports.py) in tests: a CSV or JSON response as rows."""

import csv
import io
import json

from django.db import connection
from django.test.utils import CaptureQueriesContext


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = body(response)
    assert text.startswith("\ufeff")  # a byte order mark, for spreadsheets
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def json_rows(response) -> list[dict]:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(body(response))
    assert list(document) == ["list", "generated_at", "query", "columns", "rows"]
    for row in document["rows"]:
        assert list(row) == document["columns"]
    return document["rows"]


def both(client, url: str) -> tuple[list[dict], list[dict]]:
    """The CSV's and the JSON's rows of one export address (`/x/export` + query)."""
    path, _, query = url.partition("?")
    tail = f"?{query}" if query else ""
    return csv_rows(client.get(f"{path}.csv{tail}")), json_rows(client.get(f"{path}.json{tail}"))


def queries(client, url: str) -> int:
    """The number of queries serving (and streaming) the export at `url`."""
    with CaptureQueriesContext(connection) as captured:
        body(client.get(url))
    return len(captured)
