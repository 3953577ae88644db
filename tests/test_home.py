"""The home page: the next meeting with its theme, deadline and countdown; the library's
search box; and, when nothing is scheduled, a page that still says where to go."""

import datetime

import pytest
from django.utils import timezone

from .factories import MeetingFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_the_next_meeting_with_its_theme_deadline_and_countdown(client):
    theme = ThemeFactory(slug="legal", title_en="Legal frameworks")
    MeetingFactory(number=30, theme=theme)
    later = MeetingFactory(number=31)
    later.start_date = later.start_date + datetime.timedelta(days=90)
    later.end_date = later.start_date
    later.save()
    page = client.get("/").content.decode()
    assert "CWG-COP meeting 30" in page and "CWG-COP meeting 31" not in page
    assert 'href="/roadmap/legal/"' in page and "Legal frameworks" in page
    assert "Contribution deadline:" in page
    assert 'class="mb-0 countdown" role="timer"' in page and " left</p>" in page
    assert "No meeting is scheduled yet." not in page


def test_the_library_search_box_is_a_labelled_get_form(client):
    page = client.get("/").content.decode()
    assert '<form method="get" action="/resources/" role="search">' in page
    assert '<label class="form-label" for="home-q">Search the library</label>' in page
    assert 'name="q" id="home-q"' in page
    assert client.get("/resources/", {"q": "toolkit"}).status_code == 200


def test_nothing_scheduled_points_to_the_last_meeting_and_the_roadmap(client):
    today = timezone.localdate()
    MeetingFactory(number=20, start_date=today - datetime.timedelta(days=400))
    MeetingFactory(number=21, start_date=today - datetime.timedelta(days=200))
    MeetingFactory(
        number=99, start_date=today - datetime.timedelta(days=100), is_demo=True
    )  # a demo meeting is never "the last meeting"
    ThemeFactory(slug="past", title_en="A past theme", period="Q1 2020", order=1)
    ThemeFactory(slug="next", title_en="Research and tools", period="Later meetings", order=2)
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "No meeting is scheduled yet." in page
    assert "The last meeting:" in page and 'href="/meetings/21/"' in page
    assert 'href="/meetings/21/agenda/"' in page and 'href="/meetings/21/#outcomes-heading"' in page
    assert 'href="/meetings/99/"' not in page
    assert "Next on the roadmap:" in page and 'href="/roadmap/next/"' in page
    assert "A past theme" not in page
    assert 'href="/feeds/meetings/"' in page and 'href="/meetings/calendar.ics"' in page
    assert 'action="/resources/"' in page


def test_an_empty_portal_still_answers_with_a_useful_page(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "No meeting is scheduled yet." in page
    assert "The last meeting:" not in page and "Next on the roadmap:" not in page
    assert 'href="/meetings/calendar.ics"' in page and 'action="/resources/"' in page


def test_nothing_scheduled_in_french(client):
    page = client.get("/fr/").content.decode()
    assert '<label class="form-label" for="home-q">Rechercher dans la bibliothèque</label>' in page
    assert "Pour savoir quand une réunion est annoncée" in page
