"""The secretariat's desk: the queue per meeting; accept, reject, carry over, publish,
visibility; late contributions and the reason the submitter sees."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from contributions import services
from contributions.models import Contribution

from ..factories import MeetingFactory
from .conftest import make_accepted, make_draft, make_submitted


def _late(user, meeting):
    draft = make_draft(user=user, meeting=meeting)
    with time_machine.travel(meeting.deadline + datetime.timedelta(hours=2), tick=False):
        return services.contribution_submit(contribution_id=draft.pk, by=user)


@pytest.mark.django_db
def test_the_desk_lists_late_and_submitted_contributions_of_a_meeting(
    client_for, delegate, secretariat, meeting, next_meeting
):
    on_time = make_submitted(user=delegate, meeting=meeting, title="On time one")
    late = _late(delegate, meeting)
    make_draft(user=delegate, meeting=meeting, title="Secret draft")
    make_submitted(user=delegate, meeting=next_meeting, title="Other meeting")
    response = client_for(secretariat).get(f"/contributions/desk/?meeting={meeting.number}")
    groups = response.context["groups"]
    assert groups["submitted"] == [on_time] and groups["late"] == [late]
    text = response.content.decode()
    assert "Secret draft" not in text and "Other meeting" not in text
    assert "Accept for this meeting" in text and "Carry over to the next meeting" in text
    assert f'href="/meetings/{meeting.number}/agenda/edit/"' in text  # agenda items: the builder


@pytest.mark.django_db
def test_accept_then_publish_from_the_desk(client_for, delegate, secretariat, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting)
    client = client_for(secretariat)
    response = client.post(f"/contributions/id/{contribution.pk}/desk/accept/", follow=True)
    assert f"Accepted as CWG-COP-{meeting.number}/1." in response.content.decode()
    client.post(f"/contributions/id/{contribution.pk}/desk/publish/")
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PUBLISHED
    assert contribution.published_at is not None


@pytest.mark.django_db
def test_late_contribution_is_accepted_for_this_meeting_with_its_reason(
    client_for, delegate, secretariat, meeting
):
    late = _late(delegate, meeting)
    assert late.status == Contribution.Status.LATE
    response = client_for(secretariat).post(
        f"/contributions/id/{late.pk}/desk/accept/",
        {"reason": "The chair asked for it: item 4 needs it."},
        follow=True,
    )
    assert "Accepted as CWG-COP-30/1; the submitter sees your reason." in (
        response.content.decode()
    )
    late.refresh_from_db()
    assert (late.status, late.number, late.is_late) == ("accepted", 1, True)
    event = late.events.order_by("pk").last()
    assert (event.action, event.from_status, event.to_status, event.note) == (
        "accepted",
        "late",
        "accepted",
        "The chair asked for it: item 4 needs it.",
    )
    # Shown where a rejection's or a carry-over's reason is: in the history the authors read.
    page = client_for(delegate).get(late.get_absolute_url()).content.decode()
    assert '<span class="event-note">The chair asked for it: item 4 needs it.</span>' in page


@pytest.mark.django_db
def test_accepting_a_late_contribution_needs_a_reason(client_for, delegate, secretariat, meeting):
    late = _late(delegate, meeting)
    client = client_for(secretariat)
    for data in ({}, {"reason": "  "}):
        response = client.post(f"/contributions/id/{late.pk}/desk/accept/", data, follow=True)
        assert "Give a reason: the submitter sees it." in response.content.decode()
    with pytest.raises(ValidationError, match="reason"):
        services.contribution_accept(contribution_id=late.pk, by=secretariat)
    late.refresh_from_db()
    assert (late.status, late.number) == ("late", None)
    assert not late.events.filter(action="accepted").exists()


@pytest.mark.django_db
def test_the_late_acceptance_form_asks_for_the_reason(client_for, delegate, secretariat, meeting):
    late = _late(delegate, meeting)
    on_time = make_submitted(user=delegate, meeting=meeting)
    page = client_for(secretariat).get(f"/contributions/desk/?meeting={meeting.number}")
    page = page.content.decode()
    late_form = page[page.index(f'action="/contributions/id/{late.pk}/desk/accept/"') :]
    late_form = late_form[: late_form.index("</form>")]
    assert 'name="reason"' in late_form and "required" in late_form
    # On time, accepting asks for nothing: it is the ordinary course.
    on_time_form = page[page.index(f'action="/contributions/id/{on_time.pk}/desk/accept/"') :]
    assert 'name="reason"' not in on_time_form[: on_time_form.index("</form>")]


@pytest.mark.django_db
def test_late_contribution_carried_over_shows_the_reason_to_the_submitter(
    client_for, delegate, secretariat, meeting, next_meeting
):
    late = _late(delegate, meeting)
    response = client_for(secretariat).post(
        f"/contributions/id/{late.pk}/desk/carry-over/", {"reason": "Too late to translate"}
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert (late.meeting, late.carried_over_from, late.status) == (
        next_meeting,
        meeting,
        Contribution.Status.SUBMITTED,
    )
    event = late.events.order_by("pk").last()
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        "carried-over",
        "late",
        "submitted",
        secretariat,
    )
    page = client_for(delegate).get(late.get_absolute_url()).content.decode()
    assert "Too late to translate" in page
    assert f"Carried over from meeting {meeting.number} to meeting {next_meeting.number}" in page


@pytest.mark.django_db
def test_carry_over_and_reject_need_a_reason(
    client_for, delegate, secretariat, meeting, next_meeting
):
    late = _late(delegate, meeting)
    client = client_for(secretariat)
    for action in ("carry-over", "reject"):
        response = client.post(
            f"/contributions/id/{late.pk}/desk/{action}/", {"reason": " "}, follow=True
        )
        assert "Give a reason" in response.content.decode()
    late.refresh_from_db()
    assert late.status == Contribution.Status.LATE


@pytest.mark.django_db
def test_carry_over_without_a_next_meeting_says_so(client_for, delegate, secretariat, meeting):
    late = _late(delegate, meeting)
    response = client_for(secretariat).post(
        f"/contributions/id/{late.pk}/desk/carry-over/", {"reason": "Next time"}, follow=True
    )
    assert "create the next meeting first" in response.content.decode()


@pytest.mark.django_db
def test_carry_over_skips_demonstration_meetings(client_for, delegate, secretariat, meeting):
    MeetingFactory(
        number=31, start_date=meeting.start_date + datetime.timedelta(days=30), is_demo=True
    )
    late = _late(delegate, meeting)
    response = client_for(secretariat).post(
        f"/contributions/id/{late.pk}/desk/carry-over/", {"reason": "Next time"}, follow=True
    )
    assert "create the next meeting first" in response.content.decode()
    late.refresh_from_db()
    assert late.meeting == meeting


@pytest.mark.django_db
def test_reject_with_reason_shown_to_the_submitter(client_for, delegate, secretariat, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting)
    client_for(secretariat).post(
        f"/contributions/id/{contribution.pk}/desk/reject/", {"reason": "Out of scope"}
    )
    page = client_for(delegate).get(contribution.get_absolute_url()).content.decode()
    assert "Rejected" in page and "Out of scope" in page


@pytest.mark.django_db
def test_visibility_is_set_and_logged(client_for, delegate, secretariat, meeting):
    contribution = make_accepted(user=delegate, meeting=meeting, secretariat=secretariat)
    client_for(secretariat).post(
        f"/contributions/id/{contribution.pk}/desk/visibility/", {"visibility": "members"}
    )
    contribution.refresh_from_db()
    assert contribution.visibility == "members"
    assert contribution.events.last().note == "Public → Members only"


@pytest.mark.django_db
def test_a_decision_already_taken_in_another_tab_is_reported(
    client_for, delegate, secretariat, meeting
):
    contribution = make_submitted(user=delegate, meeting=meeting)
    client = client_for(secretariat)
    client.post(f"/contributions/id/{contribution.pk}/desk/accept/")
    response = client.post(f"/contributions/id/{contribution.pk}/desk/accept/", follow=True)
    assert "someone has already decided" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.number == 1


@pytest.mark.django_db
def test_unknown_desk_action_is_404(client_for, delegate, secretariat, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting)
    assert (
        client_for(secretariat)
        .post(f"/contributions/id/{contribution.pk}/desk/delete/")
        .status_code
        == 404
    )
