""" "The next meeting" is the next by date (start date), never by number: every place that
picks one, with meetings whose numbers and dates run in different orders. A carried-over
contribution also leaves its item on the old meeting's agenda behind."""

import datetime
import io

import docx
import pytest
import time_machine

from contributions import services
from meetings.agenda import numbering
from meetings.agenda import services as agenda_services

from ..factories import MeetingFactory
from .conftest import make_draft, make_submitted

pytestmark = pytest.mark.django_db


def days(meeting, n):
    return {
        "start_date": meeting.start_date + datetime.timedelta(days=n),
        "end_date": meeting.start_date + datetime.timedelta(days=n + 1),
    }


@pytest.fixture
def shuffled(meeting):
    """Around meeting 30: the next by date is 29; 31 comes after it; 50 opens before it."""
    return {
        "next": MeetingFactory(number=29, venue="Kigali", **days(meeting, 90)),
        "after": MeetingFactory(number=31, **days(meeting, 200)),
        "before": MeetingFactory(number=50, **days(meeting, -20)),
    }


def _late(user, meeting):
    draft = make_draft(user=user, meeting=meeting)
    with time_machine.travel(meeting.deadline + datetime.timedelta(hours=2), tick=False):
        return services.contribution_submit(contribution_id=draft.pk, by=user)


@pytest.mark.parametrize("state", ["submitted", "late"])
def test_carry_over_goes_to_the_next_meeting_by_date_whatever_its_number(
    client_for, delegate, secretariat, meeting, shuffled, state
):
    contribution = (
        _late(delegate, meeting)
        if state == "late"
        else make_submitted(user=delegate, meeting=meeting)
    )
    response = client_for(secretariat).post(
        f"/contributions/id/{contribution.pk}/desk/carry-over/",
        {"reason": "The agenda is full."},
        follow=True,
    )
    assert "Carried over to meeting 29" in response.content.decode()
    contribution.refresh_from_db()
    assert (contribution.meeting, contribution.carried_over_from) == (shuffled["next"], meeting)
    event = contribution.events.order_by("pk").last()
    assert event.note == "Carried over from meeting 30 to meeting 29: The agenda is full."


def test_a_carried_over_contribution_leaves_its_old_item_behind(
    delegate, secretariat, chair, meeting, shuffled
):
    item = agenda_services.agenda_item_create(
        meeting=meeting, by=chair, version=None, title="Legal frameworks"
    )
    contribution = make_submitted(user=delegate, meeting=meeting)
    agenda_services.agenda_allocate(
        meeting=meeting, by=chair, allocations={contribution.pk: item.pk}
    )
    services.contribution_carry_over(
        contribution_id=contribution.pk, by=secretariat, reason="Next time."
    )
    contribution.refresh_from_db()
    assert contribution.agenda_item is None
    # The next meeting's check sees it waiting for an item of its own agenda.
    target = shuffled["next"]
    rows = numbering.meeting_contributions(target)
    warnings = numbering.release_warnings(numbering.draft_tree(target, rows), rows)
    assert f"{contribution.title} is allocated to no item." in warnings


def test_the_home_page_the_dashboard_and_the_desk_show_the_next_meeting_by_date(
    client_for, delegate, secretariat, meeting, shuffled
):
    # Ahead: 30 (in 40 days), 29 (in 130), 31 (in 240): by number it would be 29 or 31.
    shuffled["before"].delete()
    assert client_for(None).get("/").context["next_meeting"] == meeting
    assert client_for(delegate).get("/contributions/mine/").context["next_meeting"] == meeting
    assert client_for(secretariat).get("/contributions/desk/").context["meeting"] == meeting


def test_the_draft_report_names_the_next_meeting_by_date(client_for, chair, meeting, shuffled):
    response = client_for(chair).get(f"/meetings/{meeting.number}/report/draft.docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "The next meeting, meeting 29," in text and "Kigali" in text
