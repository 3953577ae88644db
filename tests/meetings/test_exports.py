"""The meetings, the liaison notes and the roadmap as CSV and JSON: the rows their pages show
an anonymous visitor (drafts never), in the pages' order, with constant queries."""

import datetime

import pytest
from django.utils import timezone

from meetings.models import LiaisonNote, LiaisonRecipient, Theme

from ..exports_helpers import both, csv_rows, queries
from ..factories import MeetingFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def _past(number, days_ago):
    start = timezone.localdate() - datetime.timedelta(days=days_ago)
    return MeetingFactory(number=number, start_date=start, end_date=start)


def test_meetings_upcoming_then_past_as_the_page_lists_them(client):
    _past(19, 400)
    _past(20, 300)
    MeetingFactory(number=21)
    theme = ThemeFactory(slug="legal", title_en="Legal frameworks", title_fr="Cadres juridiques")
    MeetingFactory(number=22, theme=theme, summary_fr="Résumé", original_language="fr")
    page = client.get("/meetings/").context
    expected = [m.number for m in page["upcoming"]] + [m.number for m in page["past"]]
    from_csv, from_json = both(client, "/meetings/export")
    assert [int(r["number"]) for r in from_csv] == expected == [21, 22, 20, 19]
    assert [r["number"] for r in from_json] == expected
    row = from_json[1]
    assert row["theme"] == "legal"
    assert (row["theme_title_en"], row["theme_title_fr"]) == (
        "Legal frameworks",
        "Cadres juridiques",
    )
    assert (row["summary_fr"], row["summary_en"], row["original_language"]) == ("Résumé", "", "fr")
    assert row["contribution_deadline"].endswith("Z")


def test_meetings_export_queries_stay_constant(client):
    for n in range(3):
        _past(100 + n, 10 + n)
    few = queries(client, "/meetings/export.json")
    for n in range(30):
        _past(200 + n, 10 + n)
    assert queries(client, "/meetings/export.json") == few


@pytest.fixture
def notes(db):
    meeting = MeetingFactory(number=20)
    sent = LiaisonNote.objects.create(
        meeting=meeting, subject_en="Results", subject_fr="Résultats", status="sent"
    )
    LiaisonRecipient.objects.create(note=sent, body="ITU-D SG2", detail="Q3/2", purpose="action")
    LiaisonRecipient.objects.create(note=sent, body="ITU-T SG17", purpose="information", is_cc=True)
    received = LiaisonNote.objects.create(
        meeting=meeting,
        direction="incoming",
        source="ITU-T SG17",
        subject_en="Reply",
        status="published",
        received_on=datetime.date(2024, 3, 1),
    )
    LiaisonNote.objects.create(meeting=meeting, subject_en="Secret draft", status="draft")
    LiaisonNote.objects.create(meeting=meeting, subject_en="Approved, unsent", status="approved")
    LiaisonNote.objects.create(
        meeting=meeting,
        direction="incoming",
        source="ITU-T SG17",
        received_on=datetime.date(2024, 3, 2),
        subject_en="Recorded only",
        status="draft",
    )
    return {"sent": sent, "received": received}


@pytest.mark.parametrize("who", [None, "chair", "secretariat"])
@pytest.mark.parametrize("query", ["", "direction=incoming", "direction=outgoing", "direction=x"])
def test_liaison_notes_are_the_public_pages_rows_and_never_drafts(
    request, client, client_for, notes, who, query
):
    public = [n.pk for n in client.get(f"/liaison-notes/?{query}").context["notes"]]
    asking = client_for(request.getfixturevalue(who) if who else None)  # officers see drafts
    from_csv, from_json = both(asking, f"/liaison-notes/export?{query}")
    assert [int(r["id"]) for r in from_csv] == public
    assert [r["id"] for r in from_json] == public
    subjects = {r["subject_en"] for r in from_json}
    assert not subjects & {"Secret draft", "Approved, unsent", "Recorded only"}


def test_a_liaison_note_row_names_its_recipients(client, notes):
    (row,) = csv_rows(client.get("/liaison-notes/export.csv?direction=outgoing"))
    assert row["recipients"] == "ITU-D SG2 Q3/2"
    assert row["recipient_purposes"] == "action"
    assert row["in_copy"] == "ITU-T SG17"
    assert (row["subject_en"], row["subject_fr"]) == ("Results", "Résultats")


def test_the_roadmap_export_is_the_roadmaps_themes(client):
    ThemeFactory(slug="b-theme", title_en="B", order=2, period_en="Q4 2024")
    first = ThemeFactory(slug="a-theme", title_en="A", order=1, period_en="Q1 2024")
    ThemeFactory(slug="grooming", title_en="Grooming", kind=Theme.Kind.RISK)
    MeetingFactory(number=20, theme=first)
    page = [t.slug for t in client.get("/roadmap/").context["themes"]]
    from_csv, from_json = both(client, "/roadmap/export")
    assert [r["slug"] for r in from_csv] == page == ["a-theme", "b-theme"]
    assert from_json[0]["meetings"] == [20]
    assert from_json[0]["period_en"] == "Q1 2024"


def test_each_page_links_its_exports(client, notes):
    for page, export in [
        ("/meetings/", "/meetings/export"),
        ("/liaison-notes/?direction=incoming", "/liaison-notes/export"),
        ("/roadmap/", "/roadmap/export"),
    ]:
        html = client.get(page).content.decode()
        tail = "?direction=incoming" if "?" in page else ""
        assert f'href="{export}.csv{tail}"' in html, page
        assert f'href="{export}.json{tail}"' in html, page


def test_liaison_notes_export_queries_stay_constant(client, notes):
    few = queries(client, "/liaison-notes/export.csv")
    meeting = notes["sent"].meeting
    for n in range(25):
        note = LiaisonNote.objects.create(meeting=meeting, subject_en=f"Note {n}", status="sent")
        LiaisonRecipient.objects.create(note=note, body="ITU-T SG17", purpose="information")
    assert queries(client, "/liaison-notes/export.csv") == few
    assert len(csv_rows(client.get("/liaison-notes/export.csv"))) == 27
