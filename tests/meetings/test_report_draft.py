"""The draft chair's report, made from the meeting's data as a Word file: only for the chair
and the secretariat; opened with python-docx, it holds the released agenda's items in order
with their contributions (symbol, title, source) in order, the liaison notes sent, the
participants by organization and the next meeting, in the meeting's working language."""

import datetime
import io

import docx
import pytest

from meetings.agenda import services as agenda_services
from meetings.liaison import services as liaison_services
from meetings.registration import services as registration_services

from ..factories import MeetingFactory, OrganizationFactory, PublishedContributionFactory

pytestmark = pytest.mark.django_db
PEOPLE = ["anonymous", "outsider", "delegate", "other_delegate", "chair", "secretariat"]


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=20, venue="Geneva", original_language="en")


@pytest.fixture
def released(meeting, chair, secretariat, delegate, organization, other_organization):
    """Three items (the second with a sub-item), contributions allocated out of number
    order, the agenda released; then a liaison note sent and a delegate registered."""
    opening = agenda_services.agenda_item_create(
        meeting=meeting, by=chair, version=None, title="Opening of the meeting"
    )
    legal = agenda_services.agenda_item_create(
        meeting=meeting, by=chair, version=None, title="Legal frameworks"
    )
    national = agenda_services.agenda_item_create(
        meeting=meeting, by=chair, version=None, parent=legal, title="National strategies"
    )
    closing = agenda_services.agenda_item_create(
        meeting=meeting, by=chair, version=None, title="Any other business"
    )
    sponsor = OrganizationFactory(name="euCONSENT", kind="other", region="", iso_code="")
    c5 = PublishedContributionFactory(
        meeting=meeting, number=5, title="Age assurance", sources=[sponsor, organization]
    )
    c2 = PublishedContributionFactory(
        meeting=meeting, number=2, title="Girls in ICT Day", sources=[organization]
    )
    c3 = PublishedContributionFactory(
        meeting=meeting, number=3, title="Helplines in Malawi", sources=[other_organization]
    )
    agenda_services.agenda_allocate(
        meeting=meeting,
        by=chair,
        allocations={c5.pk: legal.pk, c2.pk: legal.pk, c3.pk: national.pk},
    )
    agenda_services.agenda_release(meeting=meeting, by=chair, version=None)
    note = liaison_services.liaison_note_save(
        by=secretariat,
        fields={"meeting": meeting, "subject": "Results of the 20th meeting", "body": "Text."},
        recipients=[{"body": "ITU-D SG2", "purpose": "information", "contacts": []}],
    )
    liaison_services.liaison_note_act(note_id=note.pk, action="approve", by=chair)
    liaison_services.liaison_note_act(note_id=note.pk, action="send", by=secretariat)
    registration_services.registration_save(
        meeting=meeting, by=delegate, organization=organization, attendance="remote"
    )
    MeetingFactory(
        number=21,
        start_date=meeting.end_date + datetime.timedelta(days=90),
        end_date=meeting.end_date + datetime.timedelta(days=91),
        venue="Kigali",
    )
    return [opening, legal, national, closing]


def paragraphs(response) -> list[str]:
    document = docx.Document(io.BytesIO(response.content))
    return [paragraph.text for paragraph in document.paragraphs]


def draft_url(meeting):
    return f"/meetings/{meeting.number}/report/draft.docx"


@pytest.mark.parametrize(
    "who,status",
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("delegate", 403),
        ("other_delegate", 403),
        ("chair", 200),
        ("secretariat", 200),
    ],
)
def test_who_may_download_the_draft(client_for, request, meeting, who, status):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_for(user).get(draft_url(meeting))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        assert "attachment" in response["Content-Disposition"]


def test_the_items_and_contributions_in_order(client_for, chair, meeting, released):
    text = paragraphs(client_for(chair).get(draft_url(meeting)))
    whole = "\n".join(text)
    headings = [
        "1  Opening of the meeting",
        "2  Legal frameworks",
        "2.1  National strategies",
        "3  Any other business",
    ]
    # The agenda's list first, then a section per item, both in the agenda's order.
    listed = [text.index(heading) for heading in headings]
    assert listed == sorted(listed)
    positions = [text.index(heading, listed[-1] + 1) for heading in headings]
    assert positions == sorted(positions)
    # Under item 2, its contributions in number order, with their sources in order.
    c2 = text.index("CWG-COP-20/2  Girls in ICT Day (source: Philippines)")
    c5 = text.index("CWG-COP-20/5  Age assurance (source: euCONSENT, Philippines)")
    c3 = text.index("CWG-COP-20/3  Helplines in Malawi (source: Malawi)")
    assert positions[1] < c2 < c5 < positions[2] < c3 < positions[3]
    assert text.count("Outcome: …") == 4
    assert "Meeting 20 of the Council Working Group on Child Online Protection" in whole
    assert "Geneva" in whole
    assert "Results of the 20th meeting — ITU-D SG2" in whole
    assert "Philippines: 0 in person, 1 remotely" in whole
    assert "meeting 21" in whole and "Kigali" in whole


def test_without_a_released_agenda_or_participants_it_says_so(client_for, secretariat, meeting):
    whole = "\n".join(paragraphs(client_for(secretariat).get(draft_url(meeting))))
    assert "No agenda has been released yet." in whole
    assert "No one registered in the portal." in whole
    assert "The date of the next meeting is to be announced." in whole


def test_in_the_meetings_working_language(client_for, chair, meeting, released):
    meeting.original_language = "fr"
    meeting.save()
    response = client_for(chair).get(draft_url(meeting))
    document = docx.Document(io.BytesIO(response.content))
    assert document.core_properties.language == "fr"
    assert "-fr.docx" in response["Content-Disposition"]
    # Headings through the catalogue: the French one where translated ("Ordre du jour").
    assert "Ordre du jour" in [p.text for p in document.paragraphs]
    # Asked in another of the six.
    response = client_for(chair).get(draft_url(meeting) + "?language=ar")
    document = docx.Document(io.BytesIO(response.content))
    assert document.core_properties.language == "ar"
    assert (
        document.paragraphs[0]._p.pPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi"
        )
        is not None
    )


def test_the_upload_page_links_to_the_draft(client_for, chair, delegate, meeting):
    page = client_for(chair).get(f"/meetings/{meeting.number}/report/edit/").content.decode()
    assert draft_url(meeting) in page
