"""Meetings 19 and 20 predate the portal: their pages say that their record is the chair's
report and link to it in the library; what is known of the 19th's agenda is the report's."""

import pytest
from django.core.management import call_command

from resources.models import Resource
from tests.factories import MeetingFactory

REPORT = "/resources/cwg-cop-chair-report-meetings-19-20/"


@pytest.fixture
def seeded(db):
    call_command("load_seeds", "--no-demo", verbosity=0)


@pytest.mark.parametrize("number", [19, 20])
def test_the_meeting_page_says_its_record_is_the_chair_report(
    seeded, client, client_for, delegate, number
):
    for reader in (client, client_for(delegate)):
        page = reader.get(f"/meetings/{number}/").content.decode()
        assert "The record of the meeting" in page
        assert "The contributions and the agenda of this meeting are not in the portal." in page
        assert f'<a href="{REPORT}">' in page
        assert "Report of the Chair of the Council Working Group on Child Online" in page


@pytest.mark.parametrize("number", [19, 20])
def test_the_agenda_page_links_to_the_record(seeded, client, number):
    page = client.get(f"/meetings/{number}/agenda/").content.decode()
    assert "The agenda of this meeting is not in the portal." in page
    assert f'<a href="{REPORT}">' in page


def test_the_19th_agenda_says_what_the_report_records(seeded, client):
    page = client.get("/meetings/19/agenda/").content.decode()
    assert "What is known" in page
    assert "From theory to practice" in page and "Malawi, Armenia and Albania" in page
    french = client.get("/fr/meetings/19/agenda/").content.decode()
    assert "« De la théorie à la pratique »" in french
    assert '<a href="/fr/resources/cwg-cop-chair-report-meetings-19-20/">' in french
    arabic = client.get("/ar/meetings/19/agenda/").content.decode()
    assert "من النظرية إلى التطبيق" in arabic


def test_an_unpublished_record_and_a_meeting_without_one_show_none(seeded, client):
    Resource.objects.filter(slug="cwg-cop-chair-report-meetings-19-20").update(
        status=Resource.Status.DRAFT
    )
    assert REPORT not in client.get("/meetings/19/").content.decode()
    assert REPORT not in client.get("/meetings/19/agenda/").content.decode()
    other = MeetingFactory()
    page = client.get(f"/meetings/{other.number}/").content.decode()
    assert "The record of the meeting" not in page
