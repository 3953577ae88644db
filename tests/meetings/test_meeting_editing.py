"""The chair creates and edits meetings in the portal: dates, number, sessions, summary."""

import datetime

import pytest

from meetings.models import Meeting, Session

from ..factories import MeetingFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def data(**extra):
    values = {
        "number": "30",
        "start_date": "2026-03-02",
        "end_date": "2026-03-03",
        "duration_days": "1.5",
        "time_zone": "Europe/Zurich",
        "mode": "hybrid",
        "venue": "Geneva",
        "theme": "",
        "original_language": "en",
        "summary_en": "The group meets on its roadmap theme.",
        "summary_fr": "Le Groupe se réunit sur le thème de sa feuille de route.",
        "sessions-TOTAL_FORMS": "1",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
        "sessions-0-kind": "special",
        "sessions-0-original_language": "en",
        "sessions-0-title_en": "From theory to practice",
        "sessions-0-order": "1",
    }
    values.update(extra)
    return values


@pytest.mark.parametrize(
    "who,status", [(None, 302), ("delegate", 403), ("secretariat", 403), ("chair", 200)]
)
def test_who_may_plan_a_meeting(client_for, request, who, status):
    user = request.getfixturevalue(who) if who else None
    assert client_for(user).get("/meetings/new/").status_code == status


@pytest.mark.parametrize(
    "who,status", [(None, 302), ("delegate", 403), ("secretariat", 403), ("chair", 200)]
)
def test_who_may_edit_a_meeting(client_for, request, who, status):
    MeetingFactory(number=31)
    user = request.getfixturevalue(who) if who else None
    assert client_for(user).get("/meetings/31/edit/").status_code == status


def test_the_chair_creates_a_meeting_with_a_session(client_for, chair):
    malawi = OrganizationFactory(name="Malawi", iso_code="MWI")
    response = client_for(chair).post(
        "/meetings/new/", data(**{"sessions-0-presenters": [malawi.pk]})
    )
    meeting = Meeting.objects.get(number=30)
    assert response.status_code == 302 and response["Location"] == "/meetings/30/"
    assert meeting.end_date == datetime.date(2026, 3, 3)
    assert meeting.summary_fr.startswith("Le Groupe")
    session = Session.objects.get(meeting=meeting)
    assert session.title_en == "From theory to practice"
    assert list(session.presenters.all()) == [malawi]


def test_inverted_dates_are_refused(client_for, chair):
    response = client_for(chair).post("/meetings/new/", data(end_date="2026-03-01"))
    assert response.status_code == 400
    assert "The meeting cannot close before it opens." in response.content.decode()
    assert not Meeting.objects.exists()


def test_overlapping_dates_are_refused(client_for, chair):
    MeetingFactory(
        number=29, start_date=datetime.date(2026, 3, 3), end_date=datetime.date(2026, 3, 4)
    )
    response = client_for(chair).post("/meetings/new/", data())
    assert response.status_code == 400
    assert "These dates overlap CWG-COP meeting 29" in response.content.decode()


def test_a_demonstration_meeting_does_not_block_real_dates(client_for, chair):
    MeetingFactory(
        number=99,
        is_demo=True,
        start_date=datetime.date(2026, 3, 2),
        end_date=datetime.date(2026, 3, 3),
    )
    assert client_for(chair).post("/meetings/new/", data()).status_code == 302


def test_a_number_already_taken_is_refused(client_for, chair):
    MeetingFactory(
        number=30, start_date=datetime.date(2027, 1, 1), end_date=datetime.date(2027, 1, 1)
    )
    response = client_for(chair).post("/meetings/new/", data())
    assert response.status_code == 400
    assert "There is already a meeting number 30" in response.content.decode()


def test_editing_keeps_its_own_dates_and_number(client_for, chair):
    meeting = MeetingFactory(
        number=30, start_date=datetime.date(2026, 3, 2), end_date=datetime.date(2026, 3, 3)
    )
    response = client_for(chair).post(
        "/meetings/30/edit/",
        data(
            venue="Online",
            **{"sessions-0-kind": "", "sessions-0-title_en": "", "sessions-0-order": "0"},
        ),
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.venue == "Online"


def test_the_chair_sets_the_grace_period_in_the_portal(client_for, chair):
    """It was set in the admin, which only superusers may use."""
    meeting = MeetingFactory(
        number=30, start_date=datetime.date(2026, 3, 2), end_date=datetime.date(2026, 3, 3)
    )
    page = client_for(chair).get("/meetings/30/edit/")
    assert 'name="grace_minutes"' in page.text
    empty = {"sessions-0-kind": "", "sessions-0-title_en": "", "sessions-0-order": "0"}
    response = client_for(chair).post("/meetings/30/edit/", data(grace_minutes="15", **empty))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.grace_minutes == 15
    client_for(chair).post("/meetings/30/edit/", data(grace_minutes="", **empty))
    meeting.refresh_from_db()
    assert meeting.grace_minutes == 0


def test_meeting_page_links_the_chairs_pages(client_for, chair):
    MeetingFactory(number=32)
    page = client_for(chair).get("/meetings/32/").content.decode()
    assert 'href="/meetings/32/edit/"' in page and 'href="/meetings/32/agenda/edit/"' in page
    assert 'href="/meetings/new/"' in client_for(chair).get("/meetings/").content.decode()


def test_the_public_sees_no_chairs_links(client):
    MeetingFactory(number=33)
    page = client.get("/meetings/33/").content.decode()
    assert "/meetings/33/edit/" not in page and "/agenda/edit/" not in page


def test_a_past_meeting_says_submissions_are_closed(client):
    MeetingFactory(
        number=34, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 1, 2)
    )
    page = client.get("/meetings/34/").content.decode()
    assert "Submissions are closed: the meeting is over." in page
    assert "left</p>" not in page


def test_an_upcoming_meeting_shows_its_countdown(client):
    MeetingFactory(number=35)
    page = client.get("/meetings/35/").content.decode()
    assert 'role="timer"' in page and "left" in page
