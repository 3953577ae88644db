"""Public pages cached for anonymous visitors (copportal/pagecache.py): served again from the
cache, per language, never to a signed-in visitor, and changed at once by a write."""

import datetime
import gzip

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions import services as contribution_services
from contributions.models import Contribution
from meetings import services as meeting_services
from meetings.agenda import services as agenda_services
from meetings.models import Agenda, Meeting

from .factories import MeetingFactory, PublishedContributionFactory, bulk_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(number=41, venue="Geneva")


def quietly_rename(meeting, venue):
    """A change the cache is not told of (update() sends no signal): only a cached page
    still shows the old venue."""
    Meeting.objects.filter(pk=meeting.pk).update(venue=venue)


def test_a_second_anonymous_visit_is_served_from_the_cache(client, meeting):
    assert "Geneva" in client.get("/meetings/41/").content.decode()
    quietly_rename(meeting, "Kigali")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/meetings/41/").content.decode()
    assert "Geneva" in page and "Kigali" not in page
    assert len(queries) == 0


def test_a_cached_page_comes_compressed_to_who_accepts_gzip(client, meeting):
    fresh = client.get("/meetings/41/").content
    cached = client.get("/meetings/41/", headers={"Accept-Encoding": "gzip, br"})
    assert cached["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in cached["Vary"]
    assert gzip.decompress(cached.content) == fresh
    assert client.get("/meetings/41/").content == fresh


def test_each_language_has_its_own_page(client, meeting):
    assert client.get("/meetings/41/")["Content-Language"] == "en"
    quietly_rename(meeting, "Kigali")
    french = client.get("/fr/meetings/41/")
    assert french["Content-Language"] == "fr"
    assert '<html lang="fr"' in french.content.decode()
    assert "Kigali" in french.content.decode()


def test_a_signed_in_visitor_never_gets_the_anonymous_page(client_for, meeting, delegate):
    anonymous = client_for(None).get("/meetings/41/").content.decode()
    assert "Sign in" in anonymous
    quietly_rename(meeting, "Kigali")
    page = client_for(delegate).get("/meetings/41/").content.decode()
    assert "Kigali" in page and "Sign out" in page and "csrfmiddlewaretoken" in page


def test_a_signed_in_visitors_page_is_never_stored(client_for, meeting, chair):
    chairs = client_for(chair).get("/meetings/41/").content.decode()
    assert "Sign out" in chairs
    quietly_rename(meeting, "Kigali")
    page = client_for(None).get("/meetings/41/").content.decode()
    assert "Kigali" in page and "Sign out" not in page and "csrfmiddlewaretoken" not in page


def test_a_visitor_with_a_message_gets_it_on_a_fresh_page(client, meeting, rf):
    client.get("/meetings/41/")
    quietly_rename(meeting, "Kigali")
    message = Message(constants.INFO, "You have signed out.")
    client.cookies["messages"] = CookieStorage(rf.get("/"))._encode([message])
    page = client.get("/meetings/41/").content.decode()
    assert "You have signed out." in page and "Kigali" in page


def test_a_meeting_changed_through_its_service_shows_at_once(client, meeting, secretariat):
    client.get("/meetings/41/")
    day = meeting.start_date - datetime.timedelta(days=3)
    deadline = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    assert meeting_services.meeting_deadline_set(
        meeting_id=meeting.pk, by=secretariat, deadline=deadline, reason="Moved"
    )
    page = client.get("/meetings/41/").content.decode()
    assert f'datetime="{deadline.isoformat()}"' in page


def test_a_released_agenda_shows_at_once(client, meeting, chair):
    assert "No agenda has been released yet." in client.get("/meetings/41/").content.decode()
    version = Agenda.objects.get_or_create(meeting=meeting)[0].version
    agenda_services.agenda_item_create(
        meeting=meeting, by=chair, version=version, parent=None, title_en="Opening"
    )
    version = Agenda.objects.get(meeting=meeting).version
    agenda_services.agenda_release(meeting=meeting, by=chair, version=version)
    page = client.get("/meetings/41/").content.decode()
    assert "No agenda has been released yet." not in page
    assert "The agenda: version 1" in page


def test_a_withdrawn_contribution_leaves_the_cached_pages_at_once(client, meeting, secretariat):
    contribution = PublishedContributionFactory(meeting=meeting, title="Safer gaming for all")
    for url in ("/contributions/", "/meetings/41/"):
        assert "Safer gaming for all" in client.get(url).content.decode()
    contribution_services.contribution_withdraw(
        contribution_id=contribution.pk, by=secretariat, reason="Sent twice"
    )
    assert Contribution.objects.get(pk=contribution.pk).status == "withdrawn"
    for url in ("/contributions/", "/meetings/41/"):
        assert "Safer gaming for all" not in client.get(url).content.decode(), url


def test_a_page_stored_while_a_write_was_open_is_not_served_after_it(client, meeting):
    """The version is read before the view renders: a page rendered before a write commits
    (bumped again on commit) is stored under a version that is already outdated."""
    from copportal import pagecache

    client.get("/meetings/41/")
    old = pagecache.cache.get(pagecache.VERSION_KEY)
    pagecache._new_version()  # what the write's on_commit bump does
    quietly_rename(meeting, "Kigali")
    assert pagecache.cache.get(pagecache.VERSION_KEY) != old
    assert "Kigali" in client.get("/meetings/41/").content.decode()


def test_an_htmx_fragment_and_the_whole_page_are_kept_apart(client):
    whole = client.get("/resources/?q=safety")
    fragment = client.get("/resources/?q=safety", headers={"HX-Request": "true"})
    again = client.get("/resources/?q=safety")
    assert whole.content == again.content
    assert "<html" in again.content.decode()
    assert "<html" not in fragment.content.decode()


def test_home_queries_stay_constant_as_lists_grow(client, organization, delegate):
    meeting = MeetingFactory(number=42)
    bulk_published(meeting, delegate, organization, 3)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/").status_code == 200
    bulk_published(meeting, delegate, organization, 40, start=4)
    MeetingFactory(number=43)  # a save: the cached page is dropped
    with CaptureQueriesContext(connection) as many:
        assert client.get("/").status_code == 200
    assert len(few) > 0
    assert len(many) == len(few)


def test_meeting_page_queries_stay_constant_as_lists_grow(client, organization, delegate):
    meeting = MeetingFactory(number=44)
    bulk_published(meeting, delegate, organization, 3)
    with CaptureQueriesContext(connection) as few:
        assert "3 contributions" in client.get("/meetings/44/").content.decode()
    bulk_published(meeting, delegate, organization, 60, start=4)
    MeetingFactory(number=45)  # a save: the cached page is dropped
    with CaptureQueriesContext(connection) as many:
        assert "63 contributions" in client.get("/meetings/44/").content.decode()
    assert len(many) == len(few)
