"""The statistics through the API: the page's figures, counted from the seeds, in the
reader's language, members-only material counted and never named."""

import datetime

import pytest
from django.core.management import call_command

from resources.statistics import figures
from tests.factories import MeetingFactory, OrganizationFactory, PublishedContributionFactory

SECRET = "A members-only title the API must not name"


@pytest.fixture
def seeded(db):
    call_command("load_seeds", verbosity=0)


def by_meeting(figure: dict) -> dict[int, dict]:
    return {row["meeting"]: row for row in figure["rows"]}


def test_every_figure_in_the_pages_order(api, seeded):
    response = api("get", "/api/v1/statistics/")
    assert response.status_code == 200
    body = response.json()
    assert [f["key"] for f in body["figures"]] == list(figures.FIGURES)
    meetings = by_meeting(body["figures"][0])
    # The chair's report: 24 contributions at the 19th meeting, more than 30 at the 20th.
    assert meetings[19]["contributions"] == 24 and meetings[19]["count_is_minimum"] is False
    assert meetings[20]["contributions"] == 30 and meetings[20]["count_is_minimum"] is True
    assert meetings[19]["opens_on"] == "2023-10-10"
    assert 99 not in meetings  # the demonstration meeting
    assert response["ETag"].startswith('W/"')


def test_one_figure_and_its_columns(api, seeded):
    response = api("get", "/api/v1/statistics/liaison-notes-by-body/")
    assert response.status_code == 200
    figure = response.json()
    assert [c["key"] for c in figure["columns"]] == ["body", "sent", "received", "notes"]
    assert {row["body"]: row["sent"] for row in figure["rows"]} == {
        "ITU-D SG2": 1,
        "ITU-T SG17": 1,
    }


def test_labels_follow_accept_language(api, seeded):
    english = api("get", "/api/v1/statistics/contributions-by-meeting/").json()
    french = api(
        "get", "/api/v1/statistics/contributions-by-meeting/", HTTP_ACCEPT_LANGUAGE="fr"
    ).json()
    assert french["title"] != english["title"]
    counts = [(row["meeting"], row["contributions"]) for row in english["rows"]]
    assert [(row["meeting"], row["contributions"]) for row in french["rows"]] == counts
    assert french["rows"][0]["counted_from"] == "Rapport du président"


def test_members_only_contributions_are_counted_never_named(api, db):
    meeting = MeetingFactory(number=321, start_date=datetime.date(2026, 3, 2))
    state = OrganizationFactory(name="A State", region="africa")
    PublishedContributionFactory(meeting=meeting, sources=[state])
    PublishedContributionFactory(
        meeting=meeting, sources=[state], visibility="members", title=SECRET
    )
    response = api("get", "/api/v1/statistics/")
    assert SECRET not in response.content.decode()
    regions = next(f for f in response.json()["figures"] if f["key"] == "contributions-by-region")
    assert {row["region"]: row["contributions"] for row in regions["rows"]}["africa"] == 2


def test_an_unknown_figure_is_a_json_404(api, db):
    response = api("get", "/api/v1/statistics/no-such-figure/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_a_malformed_key_is_a_json_422(api, db):
    response = api("get", "/api/v1/statistics/not a key!/")
    assert response.status_code in (404, 422)
    assert response.json()["detail"]
