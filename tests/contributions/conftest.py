"""Helpers for the contributions tests: private uploads in a temporary folder, a meeting whose
deadline is ahead, and contributions in each state made through the services."""

import datetime

import pytest
from django.utils import timezone

from contributions import services
from contributions.models import Contribution
from meetings.models import Audience

from ..factories import MeetingFactory, ThemeFactory, pdf_upload


@pytest.fixture
def meeting(audiences):
    """A meeting opening in 40 days: its deadline (12 days before) is 28 days ahead."""
    return MeetingFactory(number=30)


@pytest.fixture
def next_meeting(meeting):
    return MeetingFactory(
        number=31,
        start_date=meeting.start_date + datetime.timedelta(days=120),
        end_date=meeting.start_date + datetime.timedelta(days=121),
    )


@pytest.fixture
def theme(db):
    return ThemeFactory(slug="legal", title="Legal frameworks")


def make_draft(*, user, meeting, organizations=None, file=True, **fields) -> Contribution:
    values = {
        "title": "Girls in ICT Day",
        "purpose": Contribution.Purpose.INFORMATION,
        "abstract": "A proposal.",
        "kind": Contribution.Kind.CONTRIBUTION,
        "original_language": "en",
        "audiences": list(Audience.objects.filter(slug="children")),
    }
    values.update(fields)
    contribution, _created = services.contribution_create(
        submitter=user,
        meeting=meeting,
        sources=organizations if organizations is not None else user.approved_organizations,
        themes=[],
        upload=pdf_upload() if file else None,
        **values,
    )
    return contribution


def make_submitted(*, user, meeting, **fields) -> Contribution:
    draft = make_draft(user=user, meeting=meeting, **fields)
    return services.contribution_submit(contribution_id=draft.pk, by=user)


def make_accepted(*, user, meeting, secretariat, **fields) -> Contribution:
    submitted = make_submitted(user=user, meeting=meeting, **fields)
    return services.contribution_accept(contribution_id=submitted.pk, by=secretariat)


def make_published(*, user, meeting, secretariat, visibility="public", **fields) -> Contribution:
    accepted = make_accepted(user=user, meeting=meeting, secretariat=secretariat, **fields)
    if visibility != "public":
        services.contribution_set_visibility(
            contribution_id=accepted.pk, by=secretariat, visibility=visibility
        )
    return services.contribution_publish(contribution_id=accepted.pk, by=secretariat)


def after_deadline(meeting, seconds=1):
    return meeting.deadline + datetime.timedelta(seconds=seconds)


def now():
    return timezone.now()
