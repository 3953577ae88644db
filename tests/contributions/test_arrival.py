"""Lateness is judged by when the request arrived (`request.arrived_at`, stamped by a
middleware before the body is read), and an optional grace period per meeting."""

import datetime

import pytest
import time_machine
from django.utils.dateparse import parse_datetime

from contributions.models import Contribution, ContributionEvent

from .conftest import make_draft

ARRIVED_HEADER = "HTTP_X_TEST_ARRIVED_AT"


class StampFromHeader:
    """A stand-in for the arrival-stamp middleware: the test says when the request arrived."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if ARRIVED_HEADER in request.META:
            request.arrived_at = parse_datetime(request.META[ARRIVED_HEADER])
        return self.get_response(request)


@pytest.fixture
def stamped(settings):
    # Right after the real stamp (when there is one), so that the test's time wins.
    middleware = list(settings.MIDDLEWARE)
    real = "copportal.middleware.ArrivalStampMiddleware"
    at = middleware.index(real) + 1 if real in middleware else 0
    middleware.insert(at, f"{__name__}.StampFromHeader")
    settings.MIDDLEWARE = middleware


def _submit(client, draft, arrived=None):
    extra = {ARRIVED_HEADER: arrived.isoformat()} if arrived else {}
    return client.post(
        f"/contributions/id/{draft.pk}/submit/", {"version": draft.version}, follow=True, **extra
    )


@pytest.mark.django_db
def test_a_submission_that_arrived_before_the_deadline_is_on_time(
    stamped, client_for, delegate, meeting
):
    draft = make_draft(user=delegate, meeting=meeting)
    arrived = meeting.deadline - datetime.timedelta(seconds=1)
    with time_machine.travel(meeting.deadline + datetime.timedelta(seconds=2), tick=False):
        response = _submit(client_for(delegate), draft, arrived)
    draft.refresh_from_db()
    assert (draft.status, draft.is_late, draft.submitted_at) == ("submitted", False, arrived)
    # The receipt gives the stamped time, in the meeting's zone, to the second.
    local = arrived.astimezone(meeting.zone)
    assert "Received " in response.content.decode()
    assert f"{local:%H:%M:%S}, Geneva time." in response.content.decode()


@pytest.mark.django_db
def test_without_a_stamp_the_server_clock_judges(client_for, delegate, meeting):
    draft = make_draft(user=delegate, meeting=meeting)
    with time_machine.travel(meeting.deadline + datetime.timedelta(seconds=2), tick=False):
        _submit(client_for(delegate), draft)
    draft.refresh_from_db()
    assert (draft.status, draft.is_late) == ("late", True)


@pytest.mark.django_db
def test_the_contribution_page_shows_the_stamped_time(stamped, client_for, delegate, meeting):
    draft = make_draft(user=delegate, meeting=meeting)
    arrived = meeting.deadline - datetime.timedelta(hours=3, seconds=17)
    _submit(client_for(delegate), draft, arrived)
    page = client_for(delegate).get(f"/contributions/id/{draft.pk}/").content.decode()
    local = arrived.astimezone(meeting.zone)
    assert f"{local:%H:%M:%S}, Geneva time</time>" in page
    assert f'datetime="{arrived.astimezone(datetime.UTC).isoformat()}"' in page


@pytest.mark.django_db
def test_within_the_grace_period_is_on_time_and_recorded_as_in_grace(
    stamped, client_for, delegate, secretariat, meeting
):
    meeting.grace_minutes = 10
    meeting.save()
    draft = make_draft(user=delegate, meeting=meeting)
    arrived = meeting.deadline + datetime.timedelta(minutes=9, seconds=59)
    with time_machine.travel(arrived + datetime.timedelta(seconds=1), tick=False):
        response = _submit(client_for(delegate), draft, arrived)
    draft.refresh_from_db()
    assert (draft.status, draft.is_late, draft.in_grace) == ("submitted", False, True)
    event = ContributionEvent.objects.get(contribution=draft, action="submitted")
    assert event.in_grace
    # The delegate is told it is on time, and never of the grace period.
    assert "submitted on time" in response.content.decode()
    page = client_for(delegate).get(f"/contributions/id/{draft.pk}/").content.decode()
    assert "grace" not in page.lower()
    assert (
        "in the grace period"
        in client_for(secretariat).get(draft.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_after_the_grace_period_is_late(stamped, client_for, delegate, meeting):
    meeting.grace_minutes = 10
    meeting.save()
    draft = make_draft(user=delegate, meeting=meeting)
    arrived = meeting.deadline + datetime.timedelta(minutes=10, seconds=1)
    _submit(client_for(delegate), draft, arrived)
    draft.refresh_from_db()
    assert (draft.status, draft.is_late, draft.in_grace) == ("late", True, False)
    assert not ContributionEvent.objects.filter(contribution=draft, in_grace=True).exists()


@pytest.mark.django_db
def test_the_grace_period_is_not_shown_as_extra_time(client_for, delegate, meeting):
    meeting.grace_minutes = 30
    meeting.save()
    with time_machine.travel(meeting.deadline + datetime.timedelta(minutes=5), tick=False):
        for path in ("/contributions/submit/", meeting.get_absolute_url()):
            page = client_for(delegate).get(path).content.decode()
            assert "grace" not in page.lower()
            assert "The deadline has passed" in page


@pytest.mark.django_db
def test_an_on_time_submission_is_not_in_grace(client_for, delegate, meeting):
    draft = make_draft(user=delegate, meeting=meeting)
    _submit(client_for(delegate), draft)
    assert not Contribution.objects.get(pk=draft.pk).in_grace
