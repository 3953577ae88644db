"""The contributions list as CSV and JSON: the page's rows for the same filters and search,
public ones only (never members-only or drafts, whoever asks), constant queries."""

import pytest
from django.utils import timezone

from contributions.models import Contribution

from ..exports_helpers import both, csv_rows, queries
from ..factories import ThemeFactory, bulk_published
from .conftest import make_draft, make_published

EXPORT = "/contributions/export"


@pytest.fixture
def listed(delegate, other_delegate, secretariat, meeting, next_meeting):
    theme = ThemeFactory(slug="education", title="Education")
    alpha = make_published(
        user=delegate, meeting=meeting, secretariat=secretariat, title="Alpha strategy"
    )
    alpha.themes.add(theme)
    beta = make_published(
        user=other_delegate,
        meeting=meeting,
        secretariat=secretariat,
        title="Beta",
        kind=Contribution.Kind.GOOD_PRACTICE,
    )
    gamma = make_published(
        user=delegate, meeting=next_meeting, secretariat=secretariat, title="Gamma strategy"
    )
    hidden = make_published(
        user=delegate,
        meeting=meeting,
        secretariat=secretariat,
        title="Members strategy",
        visibility=Contribution.Visibility.MEMBERS,
    )
    draft = make_draft(user=delegate, meeting=meeting, title="Draft strategy")
    return {"alpha": alpha, "beta": beta, "gamma": gamma, "hidden": hidden, "draft": draft}


def _page_symbols(client, query):
    response = client.get(f"/contributions/?{query}")
    assert response.status_code == 200
    return [c.symbol for c in response.context["page"]]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        "meeting=30",
        "region=africa",
        "theme=education",
        "kind=good-practice",
        "meeting=30&region=asia-pacific",
        "q=strategy",
        "q=strategy&meeting=31",
        "meeting=nonsense&kind=good-practice",  # a bad value drops its own filter only
        "language=fr",
    ],
)
def test_the_export_holds_the_pages_rows_in_its_order(client, listed, query):
    expected = _page_symbols(client, query)
    from_csv, from_json = both(client, f"{EXPORT}?{query}")
    assert [row["symbol"] for row in from_csv] == expected
    assert [row["symbol"] for row in from_json] == expected


@pytest.mark.django_db
@pytest.mark.parametrize("who", [None, "delegate", "secretariat"])
def test_members_only_and_drafts_never_leak_whoever_asks(
    request, client_for, listed, who, delegate
):
    client = client_for(request.getfixturevalue(who) if who else None)
    page_titles = [c.title for c in client.get("/contributions/").context["page"]]
    if who:  # the page shows members their members-only contribution...
        assert "Members strategy" in page_titles
    for query in ("", "?q=strategy"):
        from_csv, from_json = both(client, f"{EXPORT}{query}")
        for rows in (from_csv, from_json):
            titles = {row["title"] for row in rows}
            assert "Members strategy" not in titles  # ...its export never does
            assert "Draft strategy" not in titles
            assert {"Alpha strategy", "Gamma strategy"} <= titles


@pytest.mark.django_db
def test_a_row_says_what_the_contribution_is(client, listed):
    from_csv, from_json = both(client, f"{EXPORT}?theme=education")
    (row,) = from_csv
    assert row["symbol"] == "CWG-COP-30/1"
    assert row["meeting"] == "30"
    assert row["kind"] == "contribution"
    assert row["themes"] == "education"
    assert row["source_codes"] == "PHL"
    assert row["source_names_en"] == "Philippines"
    assert row["url"].endswith("/contributions/30-1/")
    assert row["published_at"].endswith("Z")
    (record,) = from_json
    assert record["themes"] == ["education"]
    assert record["meeting"] == 30
    assert record["languages"] == ["en"]


@pytest.mark.django_db
def test_files_are_attachments_named_with_the_date(client, listed):
    day = timezone.localdate().isoformat()
    for fmt in ("csv", "json"):
        response = client.get(f"{EXPORT}.{fmt}?meeting=30")
        assert response.streaming
        assert (
            response["Content-Disposition"]
            == f'attachment; filename="cwg-cop-contributions-{day}.{fmt}"'
        )
    assert client.get(f"{EXPORT}.xml").status_code == 404
    assert client.post(f"{EXPORT}.csv").status_code == 405


@pytest.mark.django_db
def test_queries_stay_constant_as_the_list_grows(client, delegate, organization, meeting):
    bulk_published(meeting, delegate, organization, 3)
    queries(client, f"{EXPORT}.csv")  # the filters' choices, cached from then on
    few = queries(client, f"{EXPORT}.csv")
    bulk_published(meeting, delegate, organization, 60, start=10)
    assert queries(client, f"{EXPORT}.csv") == few
    assert len(csv_rows(client.get(f"{EXPORT}.csv"))) == 63
    assert queries(client, f"{EXPORT}.json?q=strategy") == queries(
        client, f"{EXPORT}.json?q=strategy&meeting=30"
    )


@pytest.mark.django_db
def test_the_list_page_links_its_exports_with_its_filters(client, listed):
    html = client.get("/contributions/?meeting=30&page=1").content.decode()
    assert 'href="/contributions/export.csv?meeting=30"' in html
    assert 'href="/contributions/export.json?meeting=30"' in html
    assert "Download this list:" in html
