"""Meetings read contributions and the library's rows only through the hooks those apps
register (meetings/providers.py); a released agenda's snapshot names its contributions
`allocated` (migration 0016 renamed the key of the releases made before)."""

import importlib

import pytest
from django.apps import apps

from contributions.meeting_parts import AGENDA_DOCUMENTS
from meetings import providers
from meetings.agenda import services
from meetings.models import Agenda, AgendaRelease
from resources.sections import meeting_records_rows

from ..factories import MeetingFactory, PublishedContributionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_the_agenda_reads_the_contributions_apps_documents():
    assert providers.agenda_documents() is AGENDA_DOCUMENTS


def test_a_meeting_page_flags_the_librarys_records():
    flags = providers.page_flags(1)
    assert set(flags) == {"has_records"}
    assert flags["has_records"].model is meeting_records_rows(1).model


def test_a_theme_counts_what_each_app_tags_with_it():
    theme = ThemeFactory()
    PublishedContributionFactory().themes.add(theme)
    assert providers.theme_uses(theme) == {"contributions": 1, "resources": 0}


def test_the_allocated_contributions_are_listed_with_what_the_agenda_shows(chair):
    meeting = MeetingFactory()
    item = services.agenda_item_create(
        meeting=meeting, by=chair, version=None, title_en="Reports of member states"
    )
    contribution = PublishedContributionFactory(
        meeting=meeting, number=3, title="A members' toolkit", visibility="members"
    )
    services.agenda_allocate(meeting=meeting, by=chair, allocations={contribution.pk: item.pk})
    (row,) = AGENDA_DOCUMENTS.listed(meeting, frozenset({"published"}))
    assert row["agenda_item_id"] == item.pk and row["members_only"] is True
    assert row["status_label"] == "Published"
    assert row["url"] == f"/contributions/{meeting.number}-3/"
    assert AGENDA_DOCUMENTS.authors(meeting) == {contribution.submitter_id}
    assert AGENDA_DOCUMENTS.members_only(meeting) == [(3, "A members' toolkit")]


def test_the_migration_renames_the_key_of_earlier_releases(chair):
    meeting = MeetingFactory()
    Agenda.objects.get_or_create(meeting=meeting)
    old = {"symbol": "CWG-COP-1/1", "title": "A toolkit", "url": "", "members_only": False}
    release = AgendaRelease.objects.create(
        meeting=meeting,
        version=1,
        released_by=chair,
        snapshot={"meeting": meeting.number, "items": [{"id": 1, "contributions": [old]}]},
    )
    migration = importlib.import_module("meetings.migrations.0016_agenda_snapshot_allocated")
    migration.forwards(apps, None)
    release.refresh_from_db()
    assert release.snapshot["items"] == [{"id": 1, "allocated": [old]}]
    migration.backwards(apps, None)
    release.refresh_from_db()
    assert release.snapshot["items"] == [{"id": 1, "contributions": [old]}]
