"""The audit log (issue 21): every officer's edit of meetings, agendas, the roadmap and the
library is recorded (who, when, each field's old and new value) and shown to officers."""

import datetime

import pytest
from auditlog.context import disable_auditlog, set_actor
from auditlog.models import LogEntry
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.agenda import services as agenda_services
from meetings.models import Agenda, AgendaItem, Audience, LiaisonNote, Meeting, Theme
from meetings.roadmap import services as roadmap_services
from resources import services as resource_services
from resources.models import HelplineEntry, Resource

from ..factories import MeetingFactory, OrganizationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def entries_of(record):
    return LogEntry.objects.get_for_object(record).order_by("timestamp", "pk")


def last_change(record) -> LogEntry:
    return entries_of(record).filter(action=LogEntry.Action.UPDATE).last()


def meeting_data(meeting, **extra):
    values = {
        "number": str(meeting.number),
        "start_date": meeting.start_date.isoformat(),
        "end_date": meeting.end_date.isoformat(),
        "duration_days": "",
        "time_zone": "Europe/Zurich",
        "mode": "hybrid",
        "venue": "Geneva",
        "theme": "",
        "original_language": "en",
        "summary_en": "The group meets.",
        "sessions-TOTAL_FORMS": "0",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    values.update(extra)
    return values


def resource_data(**extra):
    values = {
        "original_language": "en",
        "title_en": "A national toolkit",
        "type": "toolkit",
        "language": "en",
    }
    values.update(extra)
    return values


@pytest.fixture
def meeting(db):
    return MeetingFactory(
        number=30,
        venue="Geneva",
        start_date=datetime.date(2026, 3, 2),
        end_date=datetime.date(2026, 3, 3),
    )


@pytest.fixture
def resource(secretariat):
    return resource_services.resource_create(
        by=secretariat, original_language="en", title_en="A national toolkit", type="toolkit"
    )


# --- Who may see it --------------------------------------------------------------------------
PAGES = ["/audit/", "/audit/meetings.meeting/{pk}/"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "who,status",
    [
        (None, 302),
        ("outsider", 403),
        ("delegate", 403),
        ("chair", 200),
        ("secretariat", 200),
    ],
)
def test_only_officers_see_the_log(client_for, request, meeting, page, who, status):
    user = request.getfixturevalue(who) if who else None
    response = client_for(user).get(page.format(pk=meeting.pk))
    assert response.status_code == status
    if who is None:
        assert "/accounts/login/" in response["Location"]


def test_an_unaudited_kind_has_no_history_page(client_for, chair):
    assert client_for(chair).get(f"/audit/accounts.user/{chair.pk}/").status_code == 404


# --- Edits through the portal's own pages ----------------------------------------------------
def test_a_meeting_edit_records_the_chair_and_the_changes(client_for, chair, meeting):
    response = client_for(chair).post(
        "/meetings/30/edit/",
        meeting_data(meeting, venue="Online", summary_fr="Le Groupe se réunit."),
    )
    assert response.status_code == 302
    entry = last_change(meeting)
    assert entry.actor == chair and entry.actor_email == chair.email
    assert entry.changes["venue"] == ["Geneva", "Online"]
    assert entry.changes["summary_fr"] == [None, "Le Groupe se réunit."]
    # The translated field's own name reads the active language: never recorded.
    assert "summary" not in entry.changes
    page = client_for(chair).get("/audit/").content.decode()
    assert "Venue" in page and "Geneva" in page and "Online" in page
    assert "Summary (French)" in page and "summary_fr" not in page


def test_a_sessions_changes_are_in_its_meetings_history(client_for, chair, meeting):
    malawi = OrganizationFactory(name="Malawi", iso_code="MWI")
    data = meeting_data(
        meeting,
        **{
            "sessions-TOTAL_FORMS": "1",
            "sessions-0-kind": "special",
            "sessions-0-original_language": "en",
            "sessions-0-title_en": "From theory to practice",
            "sessions-0-order": "1",
            "sessions-0-presenters": [malawi.pk],
        },
    )
    assert client_for(chair).post("/meetings/30/edit/", data).status_code == 302
    page = client_for(chair).get(f"/audit/meetings.meeting/{meeting.pk}/").content.decode()
    assert "From theory to practice" in page
    assert "Presenters" in page and "Added:" in page and "Malawi" in page


def test_the_agenda_builder_records_each_item_and_move(client_for, secretariat, meeting):
    client = client_for(secretariat)
    base = "/meetings/30/agenda/"
    client.post(base + "edit/", {"title_en": "Opening", "original_language": "en", "version": 0})
    client.post(base + "edit/", {"title_en": "Roadmap", "original_language": "en", "version": 1})
    opening, roadmap = AgendaItem.objects.filter(meeting=meeting).order_by("order")
    created = entries_of(opening).get()
    assert created.action == LogEntry.Action.CREATE and created.actor == secretariat
    assert created.changes["title_en"] == [None, "Opening"]

    client.post(
        base + f"items/{opening.pk}/edit/",
        {"title_en": "Opening of the meeting", "original_language": "en", "presenter": "Chair"},
    )
    edited = last_change(opening)
    assert edited.actor == secretariat
    assert edited.changes["title_en"] == ["Opening", "Opening of the meeting"]
    assert edited.changes["presenter"] == ["", "Chair"]

    # A move is a bulk update: logged by the service, each item whose place changed.
    client.post(base + f"items/{roadmap.pk}/move/", {"direction": "up", "version": 2})
    assert last_change(roadmap).changes == {"order": [1, 0]}
    assert last_change(roadmap).actor == secretariat
    assert last_change(opening).changes == {"order": [0, 1]}

    client.post(base + f"items/{opening.pk}/delete/", {"version": 3})
    deleted = entries_of(opening).last()
    assert deleted.action == LogEntry.Action.DELETE and deleted.actor == secretariat

    # The agenda's history lists its items' entries, the deleted one's too.
    agenda = Agenda.objects.get(meeting=meeting)
    page = client.get(f"/audit/meetings.agenda/{agenda.pk}/").content.decode()
    assert page.count("Opening of the meeting") >= 2
    assert "Deleted" in page and "Roadmap" in page
    # The version counter raised by every change is bookkeeping, not an entry.
    assert not entries_of(agenda).filter(changes__has_key="version").exists()


def test_a_roadmap_edit_records_the_theme_and_its_meetings(client_for, chair, meeting):
    theme = ThemeFactory(slug="legal", title_en="Legal", order=1)
    data = {
        "original_language": "en",
        "title_en": "Legal frameworks",
        "period_en": "Q2 2026",
        "order": "1",
        "meetings": [meeting.pk],
    }
    assert client_for(chair).post("/roadmap/legal/edit/", data).status_code == 302
    entry = last_change(theme)
    assert entry.actor == chair
    assert entry.changes["title_en"] == ["Legal", "Legal frameworks"]
    assert entry.changes["period_en"][1] == "Q2 2026"
    # The meeting's theme was set with a bulk update: logged too, with the theme by id ...
    assert last_change(meeting).changes == {"theme": [None, theme.pk]}
    assert last_change(meeting).actor == chair
    # ... and named on the page, in the reader's language.
    Theme.objects.filter(pk=theme.pk).update(title_fr="Cadres juridiques")
    page = client_for(chair).get(f"/fr/audit/meetings.meeting/{meeting.pk}/").content.decode()
    assert "Cadres juridiques" in page


def test_a_resource_edit_records_the_secretariat_and_the_changes(client_for, secretariat, resource):
    audience = Audience.objects.create(slug="parents", name_en="Parents and educators")
    response = client_for(secretariat).post(
        f"/resources/{resource.slug}/edit/",
        resource_data(title_fr="Une boîte à outils nationale", audiences=[audience.pk]),
    )
    assert response.status_code == 302
    entry = entries_of(resource).filter(changes__has_key="title_fr").get()
    assert entry.actor == secretariat
    assert entry.changes["title_fr"] == [None, "Une boîte à outils nationale"]
    # Bookkeeping columns are left out.
    assert not {"search_vector", "updated_at", "title", "file_text"} & set(entry.changes)
    m2m = entries_of(resource).filter(changes__has_key="audiences").get()
    assert m2m.actor == secretariat
    assert m2m.changes["audiences"]["objects"] == ["Parents and educators"]
    page = client_for(secretariat).get("/audit/?kind=resources.resource").content.decode()
    assert "Title (French)" in page and "Une boîte à outils nationale" in page
    assert f'href="/resources/{resource.slug}/edit/"' in page


def test_a_helpline_edit_is_recorded(client_for, secretariat):
    country = OrganizationFactory(name="Malawi", iso_code="MWI")
    data = {
        "country": country.pk,
        "name": "Child helpline",
        "number": "116",
        "source_url": "https://example.org/helplines",
        "source_date": "2026-01-05",
    }
    assert client_for(secretariat).post("/helplines/new/", data).status_code == 302
    entry = entries_of(HelplineEntry.objects.get()).get()
    assert entry.actor == secretariat and entry.changes["number"] == [None, "116"]
    page = client_for(secretariat).get("/audit/").content.decode()
    # A foreign key by the name of what it points to; a date in the locale's format.
    assert "Malawi" in page and "5 January 2026" in page
    assert ">ID<" not in page  # the key is the entry's own, not a change


def test_a_change_by_no_one_signed_in_says_so(client_for, chair, meeting):
    meeting.venue = "Online"
    meeting.save()  # a task, a command: no request, no actor
    assert last_change(meeting).actor is None
    page = client_for(chair).get("/audit/").content.decode()
    assert "By the portal itself (no one signed in)" in page


def test_the_address_is_the_one_the_portal_believes(client_for, chair, meeting):
    client_for(chair).post(
        "/meetings/30/edit/",
        meeting_data(meeting, venue="Online"),
        headers={"x-forwarded-for": "203.0.113.9"},  # no trusted proxy: not believed
        REMOTE_ADDR="192.0.2.1",
    )
    assert last_change(meeting).remote_addr == "192.0.2.1"


# --- The log page ----------------------------------------------------------------------------
def test_newest_first_and_filtered_by_kind_and_person(client_for, chair, secretariat, meeting):
    client_for(chair).post("/meetings/30/edit/", meeting_data(meeting, venue="Nairobi"))
    with set_actor(secretariat):
        resource_services.resource_create(
            by=secretariat, original_language="en", title_en="A toolkit", type="toolkit"
        )
    client = client_for(chair)
    page = client.get("/audit/").content.decode()
    assert page.index("A toolkit") < page.index("Nairobi")
    by_kind = client.get("/audit/?kind=meetings.meeting").content.decode()
    assert "Nairobi" in by_kind and "A toolkit" not in by_kind
    by_person = client.get(f"/audit/?person={secretariat.pk}").content.decode()
    assert "A toolkit" in by_person and "Nairobi" not in by_person
    by_chair = client.get(f"/audit/?person={chair.pk}").content.decode()
    assert "Nairobi" in by_chair and "A toolkit" not in by_chair


@pytest.mark.parametrize(
    "query", ["?person=99999999999999999999999", "?person=x", "?kind=accounts.user", "?page=x"]
)
def test_a_malformed_filter_shows_the_whole_log(client_for, chair, meeting, query):
    meeting.venue = "Nairobi"
    meeting.save()
    response = client_for(chair).get("/audit/" + query)
    assert response.status_code == 200 and "Nairobi" in response.content.decode()


def test_the_log_is_paginated(client_for, chair):
    theme = ThemeFactory(slug="legal", title_en="Legal")
    for n in range(55):
        theme.order = n + 1
        theme.save()
    client = client_for(chair)
    first = client.get("/audit/?kind=meetings.theme").content.decode()
    assert "56 changes" in first and "1 / 2" in first
    assert 'href="?kind=meetings.theme&amp;page=2"' in first


def test_the_log_pages_queries_do_not_grow_with_entries(
    client_for, chair, secretariat, django_assert_max_num_queries
):
    def edits(n):
        for i in range(n):
            meeting = MeetingFactory()
            theme = ThemeFactory()
            meeting.theme = theme
            meeting.venue = f"Venue {i}"
            meeting.save()
            item = AgendaItem.objects.create(meeting=meeting, title_en=f"Item {i}")
            AgendaItem.objects.create(meeting=meeting, parent=item, title_en=f"Sub-item {i}")
            resource = resource_services.resource_create(
                by=secretariat, original_language="en", title_en=f"Resource {i}", type="report"
            )
            resource.country = OrganizationFactory()
            resource.save()

    client = client_for(chair)
    with set_actor(chair):
        edits(2)
    client.get("/audit/")  # warm the content types' cache
    with CaptureQueriesContext(connection) as few:
        client.get("/audit/")
    with set_actor(secretariat):
        edits(8)
    assert LogEntry.objects.count() > 40
    with django_assert_max_num_queries(len(few)):
        page = client.get("/audit/").content.decode()
    assert "Sub-item 7" in page


# --- Links from the officers' pages ----------------------------------------------------------
def test_officer_pages_link_their_history(client_for, chair, secretariat, meeting, resource):
    theme = ThemeFactory(slug="legal")
    agenda_services.agenda_item_create(meeting=meeting, by=chair, version=0, title_en="Opening")
    agenda, item = Agenda.objects.get(meeting=meeting), AgendaItem.objects.get()
    client = client_for(chair)
    pages = {
        "/meetings/30/edit/": f"/audit/meetings.meeting/{meeting.pk}/",
        "/meetings/30/outcomes/edit/": f"/audit/meetings.meeting/{meeting.pk}/",
        "/meetings/30/agenda/edit/": f"/audit/meetings.agenda/{agenda.pk}/",
        f"/meetings/30/agenda/items/{item.pk}/edit/": f"/audit/meetings.agendaitem/{item.pk}/",
        "/roadmap/legal/edit/": f"/audit/meetings.theme/{theme.pk}/",
    }
    for page, history in pages.items():
        assert f'href="{history}"' in client.get(page).content.decode(), page
    client = client_for(secretariat)
    page = client.get(f"/resources/{resource.slug}/edit/").content.decode()
    assert f'href="/audit/resources.resource/{resource.pk}/"' in page


def test_the_history_of_a_deleted_record_stays_readable(client_for, chair):
    theme = ThemeFactory(slug="gone", title_en="A theme no one uses")
    pk = theme.pk
    roadmap_services.theme_delete(by=chair, theme=theme)
    page = client_for(chair).get(f"/audit/meetings.theme/{pk}/").content.decode()
    assert "Deleted" in page and "A theme no one uses" in page


def test_the_public_meeting_page_has_no_history_link(client_for, delegate, meeting):
    for user in (None, delegate):
        assert "/audit/" not in client_for(user).get("/meetings/30/").content.decode()


def test_a_sent_notes_page_links_its_history_for_officers_only(
    client_for, delegate, secretariat, meeting
):
    note = LiaisonNote.objects.create(meeting=meeting, subject_en="To ITU-D SG2", status="sent")
    history = f'href="/audit/meetings.liaisonnote/{note.pk}/"'
    for user in (None, delegate):
        assert history not in client_for(user).get(f"/liaison-notes/{note.pk}/").content.decode()
    assert history in client_for(secretariat).get(f"/liaison-notes/{note.pk}/").content.decode()


def test_nothing_is_recorded_while_the_log_is_off(chair, meeting):
    """What the seeds do (load_seeds runs with auditlog disabled), bulk updates included."""
    first = agenda_services.agenda_item_create(
        meeting=meeting, by=chair, version=0, title_en="Opening"
    )
    second = agenda_services.agenda_item_create(
        meeting=meeting, by=chair, version=1, title_en="Roadmap"
    )
    before = LogEntry.objects.count()
    with disable_auditlog():
        agenda_services.agenda_item_move(item_id=second.pk, by=chair, direction="up", version=2)
        first.presenter = "The chair"
        first.save()
    assert LogEntry.objects.count() == before
    assert AgendaItem.objects.get(pk=second.pk).order == 0


# --- Settings --------------------------------------------------------------------------------
def test_the_actor_middleware_follows_authentication_and_arrival_stays_first():
    middleware = settings.MIDDLEWARE
    assert middleware[0] == "copportal.middleware.ArrivalStampMiddleware"
    audit = middleware.index("copportal.audit.middleware.AuditActorMiddleware")
    assert audit > middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")


def test_a_request_that_writes_nothing_loads_no_user_for_the_log(client, chair):
    client.force_login(chair)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/healthz").status_code == 200
    assert not [q for q in queries if "accounts_user" in q["sql"]]


def test_meetings_are_registered_with_their_translated_columns():
    from auditlog.registry import auditlog

    fields = auditlog.get_model_fields(Meeting)
    assert "summary_fr" in fields["include_fields"] and "venue" in fields["include_fields"]
    assert "summary" not in fields["include_fields"]
    assert auditlog.contains(Resource) and auditlog.contains(Theme)
