"""The roadmap: a theme's meetings; for a quarter already past, the meeting held then or that
the period is past, never "no meeting scheduled"."""

import datetime

import pytest
import time_machine

from ..factories import MeetingFactory, ThemeFactory


def _section(page: str, slug: str) -> str:
    return page.split(f'id="{slug}"')[1].split("</li>")[0]


@pytest.mark.django_db
def test_a_past_quarter_shows_the_meeting_held_then(client):
    ThemeFactory(slug="legal", title="Legal frameworks", period="Q1 2024")
    MeetingFactory(number=20, start_date=datetime.date(2024, 1, 22))
    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC), tick=False):
        page = client.get("/roadmap/").content.decode()
    legal = _section(page, "legal")
    assert "CWG-COP meeting 20" in legal and "Held in this period" in legal
    assert "No meeting is scheduled" not in legal


@pytest.mark.django_db
def test_a_past_quarter_without_a_meeting_says_it_is_past(client):
    ThemeFactory(slug="research", title="Research", period="Q4 2025")
    with time_machine.travel(datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC), tick=False):
        page = client.get("/roadmap/").content.decode()
    research = _section(page, "research")
    assert "This period is past" in research
    assert "No meeting is scheduled" not in research


@pytest.mark.django_db
def test_a_future_quarter_without_a_meeting_is_not_scheduled_yet(client):
    ThemeFactory(slug="later", title="Later", period="Q4 2099")
    page = client.get("/roadmap/").content.decode()
    assert "No meeting is scheduled on this theme yet" in _section(page, "later")


@pytest.mark.django_db
def test_a_meeting_on_the_theme_is_shown_first(client):
    theme = ThemeFactory(slug="education", title="Education", period="Q1 2025")
    MeetingFactory(number=22, start_date=datetime.date(2025, 2, 10), theme=theme)
    page = client.get("/roadmap/").content.decode()
    section = _section(page, "education")
    assert "Meetings:" in section and "CWG-COP meeting 22" in section


@pytest.mark.parametrize(
    ("period", "dates"),
    [
        ("Q1 2024", (datetime.date(2024, 1, 1), datetime.date(2024, 3, 31))),
        ("Q4 2025", (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))),
        ("later meetings", None),
    ],
)
def test_period_dates(period, dates):
    from meetings.models import Theme

    assert Theme(period=period).period_dates == dates
