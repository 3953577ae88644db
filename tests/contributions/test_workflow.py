"""The transitions table: every row walked, every other (status, action) refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from contributions.models import Contribution, ContributionEvent, ContributionSource
from contributions.workflow import ACTIONS, TRANSITIONS, contribution_act

from ..factories import ContributionFactory, MeetingFactory

Status = Contribution.Status


def _in_state(status, *, submitter, meeting, organization) -> Contribution:
    numbered = status in {Status.ACCEPTED, Status.PUBLISHED, Status.WITHDRAWN, Status.REJECTED}
    contribution = ContributionFactory(
        submitter=submitter,
        meeting=meeting,
        status=status,
        number=(Contribution.objects.filter(meeting=meeting).count() + 1) if numbered else None,
    )
    ContributionSource.objects.create(contribution=contribution, organization=organization)
    return contribution


@pytest.fixture
def meetings(db):
    """A meeting whose deadline is ahead, and the next one (for carry-over)."""
    today = timezone.localdate()
    first = MeetingFactory(number=40, start_date=today + datetime.timedelta(days=40))
    MeetingFactory(number=41, start_date=today + datetime.timedelta(days=120))
    return first


def _actor(transition, delegate, secretariat):
    return secretariat if transition.permission.startswith("contributions.decide") else delegate


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(TRANSITIONS), ids=lambda key: f"{key[0]}-{key[1]}")
def test_every_transition_leads_where_the_table_says_and_is_recorded(
    key, meetings, delegate, secretariat, organization
):
    source, action = key
    transition = TRANSITIONS[key]
    contribution = _in_state(
        source, submitter=delegate, meeting=meetings, organization=organization
    )
    by = _actor(transition, delegate, secretariat)
    done = contribution_act(contribution_id=contribution.pk, action=action, by=by, note="Why")
    assert done.status == transition.target
    event = ContributionEvent.objects.get(contribution=contribution)
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        transition.event,
        source,
        transition.target,
        by,
    )
    assert done.version == contribution.version + 1


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(TRANSITIONS), ids=lambda key: f"{key[0]}-{key[1]}")
def test_every_transition_is_refused_without_its_permission(
    key, meetings, delegate, other_delegate, organization
):
    source, action = key
    contribution = _in_state(
        source, submitter=delegate, meeting=meetings, organization=organization
    )
    with pytest.raises(PermissionDenied):
        contribution_act(
            contribution_id=contribution.pk, action=action, by=other_delegate, note="Why"
        )
    contribution.refresh_from_db()
    assert contribution.status == source
    assert not ContributionEvent.objects.filter(contribution=contribution).exists()


MISSING = sorted(
    (status, action)
    for status in Status.values
    for action in ACTIONS
    if (status, action) not in TRANSITIONS
)


@pytest.mark.django_db
@pytest.mark.parametrize("key", MISSING, ids=lambda key: f"{key[0]}-{key[1]}")
def test_a_transition_not_in_the_table_is_refused_with_a_message(
    key, meetings, delegate, secretariat, organization
):
    status, action = key
    contribution = _in_state(
        status, submitter=delegate, meeting=meetings, organization=organization
    )
    with pytest.raises(ValidationError) as refused:
        contribution_act(contribution_id=contribution.pk, action=action, by=secretariat, note="x")
    assert contribution.get_status_display().lower() in refused.value.messages[0]
    contribution.refresh_from_db()
    assert contribution.status == status


@pytest.mark.django_db
def test_an_unknown_action_is_refused(meetings, delegate, organization):
    contribution = _in_state(
        Status.DRAFT, submitter=delegate, meeting=meetings, organization=organization
    )
    with pytest.raises(ValidationError, match="Unknown action"):
        contribution_act(contribution_id=contribution.pk, action="teleport", by=delegate)


@pytest.mark.django_db
def test_a_decision_that_needs_a_reason_is_refused_without_one(
    meetings, delegate, secretariat, organization
):
    contribution = _in_state(
        Status.SUBMITTED, submitter=delegate, meeting=meetings, organization=organization
    )
    with pytest.raises(ValidationError, match="reason"):
        contribution_act(contribution_id=contribution.pk, action="reject", by=secretariat)


@pytest.mark.django_db
def test_allowed_actions_follow_the_table_and_the_person(
    meetings, delegate, other_delegate, secretariat, chair, organization
):
    submitted = _in_state(
        Status.SUBMITTED, submitter=delegate, meeting=meetings, organization=organization
    )

    def actions(user):
        return [t.action for t in submitted.allowed_actions(user)]

    assert actions(secretariat) == ["accept", "carry-over", "reject", "withdraw"]
    assert actions(delegate) == ["withdraw"]
    assert actions(other_delegate) == []
    assert actions(chair) == []
    draft = _in_state(Status.DRAFT, submitter=delegate, meeting=meetings, organization=organization)
    # A late submission is the server's choice, never a button.
    assert [t.action for t in draft.allowed_actions(delegate)] == ["submit", "withdraw"]


@pytest.mark.django_db
def test_the_desk_and_the_detail_page_draw_their_buttons_from_the_table(
    client_for, meetings, delegate, secretariat, organization
):
    accepted = _in_state(
        Status.ACCEPTED, submitter=delegate, meeting=meetings, organization=organization
    )
    page = client_for(secretariat).get(accepted.get_absolute_url()).content.decode()
    assert f"/contributions/id/{accepted.pk}/desk/publish/" in page
    assert f"/contributions/id/{accepted.pk}/desk/reject/" in page
    assert f"/contributions/id/{accepted.pk}/desk/accept/" not in page
    desk = client_for(secretariat).get(f"/contributions/desk/?meeting={meetings.number}")
    assert f"/contributions/id/{accepted.pk}/desk/publish/" in desk.content.decode()
    # The author sees no decision, only what the table lets them do.
    page = client_for(delegate).get(accepted.get_absolute_url()).content.decode()
    assert "/desk/" not in page
    assert f"/contributions/id/{accepted.pk}/withdraw/" in page
