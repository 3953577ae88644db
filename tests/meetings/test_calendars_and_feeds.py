"""iCalendar files parsed back with icalendar, and Atom feeds parsed with the stdlib."""

import datetime
from xml.etree import ElementTree

import icalendar
import pytest
from django.utils import timezone

from meetings.models import LiaisonNote, LiaisonRecipient, Session

from ..factories import ContributionFactory, MeetingFactory, PublishedContributionFactory

ATOM = "{http://www.w3.org/2005/Atom}"
UTC = datetime.UTC


def events(response) -> dict[str, icalendar.Event]:
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


@pytest.mark.django_db
class TestICalendar:
    @pytest.mark.parametrize(
        "opens,deadline_utc",
        [
            # Opens 22 January 2024: deadline 10 January 23:59 in Geneva, winter time (UTC+1).
            (datetime.date(2024, 1, 22), datetime.datetime(2024, 1, 10, 22, 59, tzinfo=UTC)),
            # Opens 22 July 2024: deadline 10 July 23:59 in Geneva, summer time (UTC+2).
            (datetime.date(2024, 7, 22), datetime.datetime(2024, 7, 10, 21, 59, tzinfo=UTC)),
        ],
    )
    def test_the_deadline_is_the_right_utc_instant(self, client, opens, deadline_utc):
        meeting = MeetingFactory(number=50, start_date=opens, end_date=opens)
        response = client.get(f"/meetings/{meeting.number}/calendar.ics")
        assert response.status_code == 200
        calendar = icalendar.Calendar.from_ical(response.content)
        assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Zurich"]
        deadline = events(response)["Contribution deadline: CWG-COP meeting 50"]
        start = deadline.decoded("dtstart")
        assert start.astimezone(UTC) == deadline_utc
        assert deadline["dtstart"].params["TZID"] == "Europe/Zurich"
        # The VTIMEZONE sent with it, read on its own, gives the same instant.
        sent_zone = calendar.timezones[0].to_tz(lookup_tzid=False)
        local = start.replace(tzinfo=None).replace(tzinfo=sent_zone)
        assert local.astimezone(UTC) == deadline_utc

    def test_the_meeting_is_an_all_day_event_over_its_dates(self, client):
        meeting = MeetingFactory(
            number=20, start_date=datetime.date(2024, 1, 22), end_date=datetime.date(2024, 1, 23)
        )
        event = events(client.get("/meetings/20/calendar.ics"))[str(meeting.title)]
        assert event.decoded("dtstart") == datetime.date(2024, 1, 22)
        assert event.decoded("dtend") == datetime.date(2024, 1, 24)
        assert event["url"].endswith("/meetings/20/")

    def test_sessions_are_events(self, client):
        meeting = MeetingFactory(number=19)
        Session.objects.create(meeting=meeting, kind="special", title="From theory to practice")
        assert "From theory to practice (CWG-COP meeting 19)" in events(
            client.get("/meetings/19/calendar.ics")
        )

    def test_the_calendar_of_all_meetings(self, client, django_assert_max_num_queries):
        for number in (60, 61, 62):
            MeetingFactory(number=number)
        with django_assert_max_num_queries(3):
            response = client.get("/meetings/calendar.ics")
        names = set(events(response))
        assert {f"CWG-COP meeting {n}" for n in (60, 61, 62)} <= names

    def test_an_unknown_meeting_is_404(self, client, db):
        assert client.get("/meetings/404/calendar.ics").status_code == 404


def entries(response) -> list[dict]:
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own server's output)
    assert root.tag == f"{ATOM}feed"
    return [
        {
            "title": e.findtext(f"{ATOM}title"),
            "link": e.find(f"{ATOM}link").get("href"),
        }
        for e in root.findall(f"{ATOM}entry")
    ]


@pytest.mark.django_db
class TestAtomFeeds:
    def test_meetings_feed(self, client):
        MeetingFactory(number=70, summary="A meeting.")
        titles = [e["title"] for e in entries(client.get("/feeds/meetings/"))]
        assert "CWG-COP meeting 70" in titles

    def test_liaison_notes_feed_has_sent_notes_only(self, client):
        meeting = MeetingFactory(number=71)
        sent = LiaisonNote.objects.create(
            meeting=meeting, subject="Sent one", status="sent", sent_at=timezone.now()
        )
        LiaisonRecipient.objects.create(note=sent, body="ITU-T SG17", purpose="information")
        LiaisonNote.objects.create(meeting=meeting, subject="Approved one", status="approved")
        LiaisonNote.objects.create(meeting=meeting, subject="Draft one", status="draft")
        found = entries(client.get("/feeds/liaison-notes/"))
        assert [e["title"] for e in found] == ["Sent one"]
        assert found[0]["link"].endswith(f"/liaison-notes/{sent.pk}/")

    def test_contributions_feed_has_public_published_ones(self, client):
        public = PublishedContributionFactory(title="Published and public")
        PublishedContributionFactory(title="Members only", visibility="members")
        ContributionFactory(title="A draft")
        found = entries(client.get("/feeds/contributions/"))
        titles = " ".join(e["title"] for e in found)
        assert "Published and public" in titles
        assert "Members only" not in titles and "A draft" not in titles
        assert found[0]["link"].endswith(public.get_absolute_url())

    @pytest.mark.parametrize(
        "url,feed",
        [
            ("/meetings/", "/feeds/meetings/"),
            ("/liaison-notes/", "/feeds/liaison-notes/"),
            ("/contributions/", "/feeds/contributions/"),
            ("/", "/feeds/contributions/"),
        ],
    )
    def test_pages_advertise_their_feeds(self, client, url, feed):
        page = client.get(url).content.decode()
        assert 'rel="alternate" type="application/atom+xml"' in page
        assert f'href="{feed}"' in page

    def test_meeting_page_advertises_its_calendar(self, client):
        MeetingFactory(number=72)
        page = client.get("/meetings/72/").content.decode()
        assert 'type="text/calendar"' in page and 'href="/meetings/72/calendar.ics"' in page
