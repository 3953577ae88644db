"""Services assert the permission their view asks: called without it, they refuse."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from contributions import services as contributions
from copportal.accounts import services as accounts
from meetings import services as meeting_services

from .factories import AffiliationFactory, ContributionFactory, MeetingFactory


@pytest.mark.django_db
def test_an_outsider_cannot_create_a_contribution(outsider):
    with pytest.raises(PermissionDenied):
        contributions.contribution_create(
            submitter=outsider, meeting=MeetingFactory(), title="T", sources=[], themes=[]
        )


@pytest.mark.django_db
def test_a_delegate_cannot_decide_an_affiliation_and_the_secretariat_can(delegate, secretariat):
    affiliation = AffiliationFactory(status="pending")
    with pytest.raises(PermissionDenied):
        accounts.affiliation_approve(affiliation_id=affiliation.pk, by=delegate)
    accounts.affiliation_approve(affiliation_id=affiliation.pk, by=secretariat)
    affiliation.refresh_from_db()
    assert affiliation.status == "approved"


@pytest.mark.django_db
def test_a_delegate_cannot_move_a_deadline(delegate, chair):
    meeting = MeetingFactory()
    with pytest.raises(PermissionDenied):
        meeting_services.meeting_deadline_set(meeting_id=meeting.pk, by=delegate, deadline=None)
    earlier = meeting.deadline - datetime.timedelta(days=1)
    meeting_services.meeting_deadline_set(meeting_id=meeting.pk, by=chair, deadline=earlier)
    assert meeting.deadline_changes.count() == 1


@pytest.mark.django_db
def test_only_the_secretariat_sets_visibility(delegate, secretariat):
    contribution = ContributionFactory(submitter=delegate, status="published", number=1)
    with pytest.raises(PermissionDenied):
        contributions.contribution_set_visibility(
            contribution_id=contribution.pk, by=delegate, visibility="members"
        )
    contributions.contribution_set_visibility(
        contribution_id=contribution.pk, by=secretariat, visibility="members"
    )
    contribution.refresh_from_db()
    assert contribution.visibility == "members"


@pytest.mark.django_db
def test_another_delegate_cannot_edit_or_revise_a_draft(delegate, other_delegate):
    from .factories import pdf_upload

    draft = ContributionFactory(submitter=delegate)
    with pytest.raises(PermissionDenied):
        contributions.contribution_update(
            contribution_id=draft.pk,
            by=other_delegate,
            version=draft.version,
            sources=[],
            themes=[],
            title="Taken over",
        )
    with pytest.raises(PermissionDenied):
        contributions.revision_add(
            contribution_id=draft.pk, by=other_delegate, language="en", upload=pdf_upload()
        )
    draft.refresh_from_db()
    assert draft.title != "Taken over"
