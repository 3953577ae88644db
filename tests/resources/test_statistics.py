"""The statistics of Resolution 67 (/statistics/, resources/statistics/): the numbers against
the seeds and against contributions made here, members-only counted but never named, drafts
never counted, the CSV files, who may see them, the six languages, constant queries."""

import collections
import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from copportal.accounts.models import Classification, Organization
from meetings.liaison.models import LiaisonNote
from meetings.models import Audience
from resources.models import Resource
from resources.statistics import charts, figures
from tests.factories import (
    ContributionFactory,
    MeetingFactory,
    OrganizationFactory,
    PublishedContributionFactory,
    ThemeFactory,
)

SECRET = "Members-only title nobody outside may read"
DRAFT = "A draft that is nobody's business"


def rows(figure, key=None):
    """The figure's rows keyed by their first column (or `key`)."""
    index = figure.index(key or figure.columns[0].key)
    return {
        row[index]: dict(zip([c.key for c in figure.columns], row, strict=True))
        for row in figure.rows
    }


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.fixture
def seeded(db):
    call_command("load_seeds", verbosity=0)


@pytest.fixture
def contributions(db, audiences):
    """Three published contributions on a meeting (one members-only, co-sponsored by an LDC
    of Africa and a European State; one from an organization only), and others that must not
    count: a draft, one on the desk, one on a demonstration meeting."""
    ldc = Classification.objects.create(code="ldc", name="Least developed countries", source="test")
    africa = OrganizationFactory(name="State of Africa", region="africa")
    africa.classifications.add(ldc)
    europe = OrganizationFactory(name="State of Europe", region="europe")
    ngo = OrganizationFactory(name="An NGO", kind=Organization.Kind.OTHER, iso_code="", region="")
    theme = ThemeFactory(title="Legal frameworks (test)")
    meeting = MeetingFactory(number=301, start_date=datetime.date(2025, 3, 3))
    first = PublishedContributionFactory(meeting=meeting, sources=[africa])
    first.themes.add(theme)
    first.audiences.add(Audience.objects.get(slug="children"))
    PublishedContributionFactory(
        meeting=meeting, sources=[africa, europe], visibility="members", title=SECRET
    )
    PublishedContributionFactory(meeting=meeting, sources=[ngo])
    ContributionFactory(meeting=meeting, sources=[europe], title=DRAFT)
    ContributionFactory(meeting=meeting, sources=[europe], status="submitted", title=DRAFT)
    demo = MeetingFactory(number=399, is_demo=True)
    PublishedContributionFactory(meeting=demo, sources=[europe])
    return meeting


def test_seeded_meetings_count_as_the_chair_report_gives(seeded):
    by_meeting = rows(figures.contributions_by_meeting())
    # The chair's report: 24 contributions at the 19th meeting, more than 30 at the 20th.
    assert by_meeting[19]["contributions"] == 24
    assert by_meeting[19]["count_is_minimum"] is False
    assert by_meeting[19]["opens_on"] == datetime.date(2023, 10, 10)
    assert by_meeting[20]["contributions"] == 30
    assert by_meeting[20]["count_is_minimum"] is True
    assert 99 not in by_meeting  # the demonstration meeting


def test_seeded_resources_and_liaison_notes_are_counted(seeded):
    library = [r for r in Resource.objects.all() if r.status == "published" and not r.is_demo]
    assert library  # the seeds hold the source documents and what they cite
    languages = collections.Counter(r.language for r in library)
    types = collections.Counter(r.type for r in library)
    for figure, counted in (
        (figures.FIGURES["resources-by-language"](), languages),
        (figures.FIGURES["resources-by-type"](), types),
    ):
        found = {code: row["resources"] for code, row in rows(figure).items()}
        assert {code: n for code, n in found.items() if n} == dict(counted)
        assert figure.total == len(library)
    audiences = rows(figures.FIGURES["resources-by-audience"]())
    for audience in Audience.objects.all():
        expected = sum(1 for r in library if audience in r.audiences.all())
        assert audiences[audience.slug]["resources"] == expected
    assert audiences[""]["resources"] == sum(1 for r in library if not r.audiences.exists())
    # The 20th meeting sent two notes: to ITU-D SG2 and to ITU-T SG17.
    notes = rows(figures.FIGURES["liaison-notes-by-body"]())
    assert notes == {
        "ITU-D SG2": {"body": "ITU-D SG2", "sent": 1, "received": 0, "notes": 1},
        "ITU-T SG17": {"body": "ITU-T SG17", "sent": 1, "received": 0, "notes": 1},
    }


def test_unsent_liaison_notes_are_not_counted(seeded):
    LiaisonNote.objects.update(status=LiaisonNote.Status.APPROVED)
    assert figures.FIGURES["liaison-notes-by-body"]().is_empty


def test_contributions_by_region_classification_and_development(contributions):
    region = rows(figures.contributions_by_region())
    assert region["africa"]["contributions"] == 2
    assert region["europe"]["contributions"] == 1
    assert region["americas"]["contributions"] == 0
    assert region[""]["contributions"] == 1  # the organization's, with no Member State
    assert str(region["africa"]["share"]) == "66.7"

    ldc = rows(figures.contributions_by_classification())["ldc"]
    assert (ldc["contributions"], ldc["contributing_states"], ldc["member_states"]) == (2, 1, 1)

    developing = figures.developing_countries()
    assert developing.total == 3
    shares = rows(developing)
    assert shares["developing"]["contributions"] == 2
    assert shares["other-member-states"]["contributions"] == 0
    assert shares["no-member-state"]["contributions"] == 1
    assert "Least developed countries (LDCs)" in developing.description


def test_meeting_counts_published_contributions_and_members_only_apart(contributions):
    row = rows(figures.contributions_by_meeting())[301]
    assert (row["contributions"], row["public"], row["members_only"]) == (3, 2, 1)
    assert row["count_is_minimum"] is False
    assert 399 not in rows(figures.contributions_by_meeting())


def test_themes_and_audiences(contributions):
    themes = rows(figures.contributions_by_theme(), "name")
    assert themes["Legal frameworks (test)"]["contributions"] == 1
    assert themes["No theme given"]["contributions"] == 2
    audiences = rows(figures.contributions_by_audience())
    assert audiences["children"]["contributions"] == 1
    assert audiences["industry"]["contributions"] == 0
    assert audiences[""]["contributions"] == 2


@pytest.mark.parametrize("who", [None, "delegate", "chair", "outsider"])
def test_everyone_may_read_the_statistics(contributions, client_for, request, who):
    user = request.getfixturevalue(who) if who else None
    response = client_for(user).get("/statistics/")
    assert response.status_code == 200
    page = response.content.decode()
    # Members-only contributions are counted, never named, whoever reads; drafts not at all.
    assert SECRET not in page and DRAFT not in page
    assert 'role="img"' in page and "<caption>" in page and 'scope="row"' in page
    assert client_for(user).get("/statistics/contributions-by-region.csv").status_code == 200


def test_the_statistics_are_read_only(db, client):
    assert client.post("/statistics/").status_code == 405
    assert client.post("/statistics/contributions-by-region.csv").status_code == 405
    assert client.get("/statistics/no-such-figure.csv").status_code == 404


def test_csv_holds_the_table(contributions, client):
    response = client.get("/statistics/contributions-by-region.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="cwg-cop-contributions-by-region-en.csv"'
    )
    table = read_csv(response)
    assert table[0] == ["Code", "ITU region", "Contributions", "Share of all contributions (%)"]
    assert ["africa", "Africa", "2", "66.7"] in table
    assert ["", "No Member State among the sources", "1", "33.3"] in table
    meetings = read_csv(client.get("/statistics/contributions-by-meeting.csv"))
    assert ["301", "2025-03-03", "3", "false", "The portal", "2", "1"] in meetings
    for key in figures.FIGURES:
        text = client.get(f"/statistics/{key}.csv").content.decode()
        assert SECRET not in text and DRAFT not in text


def test_empty_statistics_say_so(db, client):
    page = client.get("/statistics/").content.decode()
    assert "No published contribution to count yet." in page
    assert "No published resource to count yet." in page
    assert "No sent or published liaison note to count yet." in page
    assert "<svg" not in page


@pytest.mark.parametrize("prefix", ["", "/fr", "/es", "/ru", "/ar", "/zh-hans"])
def test_statistics_render_in_six_languages(contributions, client, prefix):
    response = client.get(f"{prefix}/statistics/")
    assert response.status_code == 200
    page = response.content.decode()
    language = prefix.strip("/") or "en"
    assert f'<html lang="{language}"' in page
    rtl = language == "ar"
    assert ('dir="rtl"' in page) == rtl
    assert ('direction="rtl"' in page) == rtl
    assert f'href="{prefix}/statistics/developing-countries.csv"' in page


def test_right_to_left_charts_are_mirrored(contributions):
    with translation.override("en"):
        ltr = charts.chart(figures.contributions_by_region())
    with translation.override("ar"):
        rtl = charts.chart(figures.contributions_by_region())
    # The first label starts at the left edge left to right, at the right edge right to left.
    assert '<text x="0" y="22"' in ltr
    assert f'<text x="{charts.WIDTH}" y="22"' in rtl


def test_numbers_follow_the_locale():
    expected = {
        "en": "12,345",
        "fr": "12\u202f345",
        "es": "12.345",
        "ar": "12,345",
        "zh-hans": "12,345",
    }
    for language, text in expected.items():
        with translation.override(language):
            assert charts.number_text(12345) == text
    with translation.override("fr"):
        assert charts.percent_text(figures.share(1, 8)) == "12,5\u00a0%"
    with translation.override("en"):
        assert charts.percent_text(figures.share(1, 8)) == "12.5%"


def _page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/statistics/").status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_data(contributions, client, audiences):
    few = _page_queries(client)
    for n in range(6):
        state = OrganizationFactory(name=f"Another State {n}", region="americas")
        PublishedContributionFactory(meeting=MeetingFactory(), sources=[state])
        ThemeFactory()
    assert _page_queries(client) == few


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_statistics_pages_have_no_axe_violations(browser_page):
    from axe_playwright_python.sync_playwright import Axe

    call_command("load_seeds", verbosity=0)
    axe = Axe()
    problems = {}
    for url in ("/statistics/", "/ar/statistics/", "/zh-hans/statistics/"):
        browser_page.goto(url)
        results = axe.run(browser_page)
        if results.violations_count:
            problems[url] = results.generate_report()
    assert not problems, "\n\n".join(f"{url}\n{report}" for url, report in problems.items())


def test_the_cached_page_follows_a_new_publication(client, contributions):
    """The page is cached for anonymous visitors; a contribution published, or a Member
    State classified anew, shows on the next request."""
    first = client.get("/statistics/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/statistics/").content.decode() == first
    assert len(queries) == 0  # from the cache
    PublishedContributionFactory(meeting=contributions)
    assert client.get("/statistics/").content.decode() != first
    again = client.get("/statistics/").content.decode()
    Classification.objects.create(code="sids", name="Small island developing States", source="t")
    assert client.get("/statistics/").content.decode() != again
