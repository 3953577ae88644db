"""The library and the helplines as CSV and JSON: every page's rows for the same search and
facets (published resources only), the finder's entries for the same country, constant
queries."""

import datetime

import pytest

from meetings.models import Audience
from resources import search
from resources.models import HelplineEntry, Resource

from ..exports_helpers import both, csv_rows, queries
from ..factories import OrganizationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _page_slugs(client, query: str) -> list[str]:
    """The slugs of every page of the library's results, in order."""
    slugs, number = [], 1
    while True:
        page = client.get(f"/resources/?{query}&page={number}").context["page"]
        slugs += [r.slug for r in page]
        if not page.has_next():
            return slugs
        number += 1


@pytest.fixture
def library(make_resource, audiences, monkeypatch):
    # Ranked matches are the 20 latest (one page), so that a search's second page is the
    # unranked rest, as from page 11 with the real 200.
    monkeypatch.setattr(search, "RANKED", 20)
    theme = ThemeFactory(slug="legal", title="Legal frameworks")
    children = Audience.objects.get(slug="children")
    for n in range(26):
        make_resource(
            f"Grooming guide {n}" if n % 2 else f"Privacy report {n}",
            summary="grooming online" if n % 3 else "privacy and grooming, grooming again",
            type=Resource.Type.REPORT if n % 4 else Resource.Type.VIDEO,
            year=2020 + n % 3,
            published_on=datetime.date(2020 + n % 3, 1, 1 + n),
            audiences=[children] if n % 2 else [],
            themes=[theme] if n % 5 == 0 else [],
        )
    make_resource("Grooming draft", summary="grooming", publish=False)
    return theme


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=grooming",
        "q=grooming&type=report",
        "type=video&year=2021",
        "audience=children",
        "theme=legal&q=privacy",
        "q=grooming+nonexistentword",  # no resource holds both: widened to any of them
        "type=unknown",  # a bad facet is dropped
    ],
)
def test_the_export_holds_every_pages_rows_in_order(client, library, query):
    expected = _page_slugs(client, query)
    from_csv, from_json = both(client, f"/resources/export?{query}")
    assert [r["slug"] for r in from_csv] == expected
    assert [r["slug"] for r in from_json] == expected
    assert "Grooming draft" not in {r["title_en"] for r in from_json}


def test_a_resource_row_has_each_language_and_its_vocabularies(client, make_resource, audiences):
    make_resource(
        "Protéger",
        language="fr",
        summary="Un guide",
        published_on=datetime.date(2024, 2, 1),
        region="africa",
    )
    (row,) = csv_rows(client.get("/resources/export.csv"))
    assert (row["title_fr"], row["title_en"], row["original_language"]) == ("Protéger", "", "fr")
    assert row["summary_fr"] == "Un guide"
    assert (row["type"], row["region"], row["year"]) == ("guideline", "africa", "2024")


def test_library_export_queries_stay_constant(client, make_resource, audiences):
    children = Audience.objects.get(slug="children")
    for n in range(3):
        make_resource(f"Guide {n}", summary="grooming", audiences=[children])
    queries(client, "/resources/export.csv?q=grooming")  # vocabularies cached
    few = queries(client, "/resources/export.csv?q=grooming")
    for n in range(30):
        make_resource(f"More {n}", summary="grooming", audiences=[children])
    assert queries(client, "/resources/export.csv?q=grooming") == few


@pytest.fixture
def helplines(organization, other_organization):
    for country, name in [(organization, "Bantay Bata 163"), (other_organization, "Tithandizane")]:
        HelplineEntry.objects.create(
            country=country,
            name=name,
            number="116 111",
            is_116111=True,
            source_url="https://example.org/source",
            source_date=datetime.date(2026, 1, 5),
        )


@pytest.mark.parametrize("query", ["", "country=malawi", "country=Philippines", "country=xyz"])
def test_the_helplines_export_is_the_finders_entries(client, helplines, query):
    expected = [e.name for e in client.get(f"/helplines/?{query}").context["entries"]]
    from_csv, from_json = both(client, f"/helplines/export?{query}")
    assert [r["name"] for r in from_csv] == expected
    assert [r["name"] for r in from_json] == expected


def test_a_helpline_row_keeps_its_source(client, helplines):
    rows = csv_rows(client.get("/helplines/export.csv?country=malawi"))
    assert rows == [
        {
            **rows[0],
            "country": "MWI",
            "name": "Tithandizane",
            "is_116111": "true",
            "source_url": "https://example.org/source",
            "source_date": "2026-01-05",
        }
    ]


def test_helplines_export_queries_stay_constant(client, helplines):
    few = queries(client, "/helplines/export.json")
    for n in range(20):
        HelplineEntry.objects.create(
            country=OrganizationFactory(),
            name=f"Line {n}",
            link="https://example.org/",
            source_url="https://example.org/source",
            source_date=datetime.date(2026, 1, 5),
        )
    assert queries(client, "/helplines/export.json") == few


def test_the_library_and_the_finder_link_their_exports(client, helplines, make_resource):
    make_resource("Guide", summary="grooming")
    html = client.get("/resources/?q=grooming&type=guideline&page=1").content.decode()
    assert 'href="/resources/export.csv?q=grooming&amp;type=guideline"' in html
    html = client.get("/helplines/?country=malawi").content.decode()
    assert 'href="/helplines/export.json?country=malawi"' in html


def test_a_search_is_read_in_the_readers_language_as_on_the_page(client, make_resource):
    make_resource("Protéger les enfants", language="fr", summary="Les enfants en ligne")
    make_resource("Other", summary="Nothing of the kind")
    french = [r.slug for r in client.get("/fr/resources/?q=enfant").context["page"]]
    from_csv, from_json = both(client, "/fr/resources/export?q=enfant")
    assert [r["slug"] for r in from_json] == french != []
    assert [r["slug"] for r in from_csv] == french
