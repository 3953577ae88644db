"""The deadline: a rule per meeting, across time zones and DST; on time vs late at the second;
the chair's override; shown in the meeting's zone, in UTC and as a countdown."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from contributions import services
from contributions.models import Contribution

from ..factories import MeetingFactory
from .conftest import make_draft

UTC = datetime.UTC


def _meeting(opens: datetime.date, zone="Europe/Zurich", **extra):
    return MeetingFactory(start_date=opens, end_date=opens, time_zone=zone, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("opens", "zone", "expected_utc"),
    [
        # Winter in Geneva (CET, UTC+1): 23:59 local is 22:59 UTC.
        (
            datetime.date(2024, 1, 22),
            "Europe/Zurich",
            datetime.datetime(2024, 1, 10, 22, 59, tzinfo=UTC),
        ),
        # The deadline day is the day the clocks go forward (31 March 2024): CEST, UTC+2.
        (
            datetime.date(2024, 4, 12),
            "Europe/Zurich",
            datetime.datetime(2024, 3, 31, 21, 59, tzinfo=UTC),
        ),
        # The day before the change: still CET.
        (
            datetime.date(2024, 4, 11),
            "Europe/Zurich",
            datetime.datetime(2024, 3, 30, 22, 59, tzinfo=UTC),
        ),
        # The meeting after the clocks go back (27 October 2024) but the deadline before.
        (
            datetime.date(2024, 11, 7),
            "Europe/Zurich",
            datetime.datetime(2024, 10, 26, 21, 59, tzinfo=UTC),
        ),
        # Other zones: New York in summer (EDT, UTC-4); Tokyo (no DST, UTC+9).
        (
            datetime.date(2024, 7, 13),
            "America/New_York",
            datetime.datetime(2024, 7, 2, 3, 59, tzinfo=UTC),
        ),
        (
            datetime.date(2024, 7, 13),
            "Asia/Tokyo",
            datetime.datetime(2024, 7, 1, 14, 59, tzinfo=UTC),
        ),
    ],
)
def test_rule_deadline_is_12_days_before_at_2359_in_the_meetings_zone(opens, zone, expected_utc):
    meeting = _meeting(opens, zone)
    assert meeting.deadline == expected_utc
    local = meeting.deadline.astimezone(ZoneInfo(zone))
    assert (local.date(), local.hour, local.minute) == (
        opens - datetime.timedelta(days=12),
        23,
        59,
    )


@pytest.mark.django_db
def test_rule_follows_the_settings(settings):
    settings.CONTRIBUTION_DEADLINE_DAYS = 45
    settings.CONTRIBUTION_DEADLINE_TIME = "12:00"
    meeting = _meeting(datetime.date(2024, 1, 22))
    assert meeting.deadline == datetime.datetime(2023, 12, 8, 11, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_submission_at_the_deadline_second_is_on_time_and_one_second_later_is_late(delegate):
    on_time_meeting = _meeting(datetime.date(2024, 4, 12))
    late_meeting = _meeting(datetime.date(2024, 4, 12))
    deadline = on_time_meeting.deadline
    with time_machine.travel(deadline - datetime.timedelta(days=3), tick=False):
        first = make_draft(user=delegate, meeting=on_time_meeting)
        second = make_draft(user=delegate, meeting=late_meeting)
    with time_machine.travel(deadline, tick=False):
        first = services.contribution_submit(contribution_id=first.pk, by=delegate)
    with time_machine.travel(deadline + datetime.timedelta(seconds=1), tick=False):
        second = services.contribution_submit(contribution_id=second.pk, by=delegate)
    assert (first.status, first.is_late) == (Contribution.Status.SUBMITTED, False)
    assert (second.status, second.is_late) == (Contribution.Status.LATE, True)
    assert second.events.last().action == "submitted-late"


@pytest.mark.django_db
def test_deadline_passed_while_typing_is_late_with_a_message(client_for, delegate):
    meeting = _meeting(datetime.date(2024, 4, 12))
    client = client_for(delegate)
    with time_machine.travel(meeting.deadline - datetime.timedelta(minutes=5), tick=False):
        page = client.get("/contributions/submit/")
        form = page.context["form"]
    data = {
        "meeting": meeting.pk,
        "title": "Typed slowly",
        "sources": [delegate.approved_organizations[0].pk],
        "kind": "contribution",
        "purpose": "information",
        "abstract": "Long text.",
        "original_language": "en",
        "creation_token": str(form.initial["creation_token"]),
        "opened_at": form.initial["opened_at"].isoformat(),
        "action": "submit",
    }
    from ..factories import pdf_upload

    data["file"] = pdf_upload()
    with time_machine.travel(meeting.deadline + datetime.timedelta(seconds=30), tick=False):
        response = client.post("/contributions/submit/", data, follow=True)
    contribution = Contribution.objects.get(title="Typed slowly")
    assert contribution.status == Contribution.Status.LATE
    text = response.content.decode()
    assert "The deadline passed while you were filling in the form." in text
    assert "marked late" in text


@pytest.mark.django_db
def test_deadline_is_shown_in_the_meetings_zone_in_utc_and_as_a_countdown(client):
    _meeting(datetime.date(2024, 4, 12), number=77)
    with time_machine.travel(datetime.datetime(2024, 3, 29, 21, 59, tzinfo=UTC), tick=False):
        text = client.get("/meetings/77/").content.decode()
    # Summer time has begun in Geneva on that day: CEST, UTC+2.
    assert "31 March 2024, 23:59, Geneva time</time>" in text
    assert 'datetime="2024-03-31T21:59:00+00:00"' in text
    assert '<time datetime="2024-03-31T21:59:00+00:00">' in text
    assert 'data-deadline="2024-03-31T21:59:00+00:00"' in text
    # Exactly 48 hours, although the clocks change in between (not "2 days, 1 hour").
    assert ">2\xa0days left<" in text


@pytest.mark.django_db
def test_the_service_checks_the_clock_not_the_form(delegate):
    """A draft finished after the deadline becomes late, whatever the page said."""
    meeting = _meeting(datetime.date(2024, 4, 12))
    with time_machine.travel(meeting.deadline - datetime.timedelta(hours=1), tick=False):
        draft = make_draft(user=delegate, meeting=meeting)
    with time_machine.travel(meeting.deadline + datetime.timedelta(hours=1), tick=False):
        submitted = services.contribution_submit(contribution_id=draft.pk, by=delegate)
        with pytest.raises(ValidationError):
            services.revision_add(
                contribution_id=submitted.pk, by=delegate, language="fr", upload=_pdf()
            )
    assert submitted.is_late


def _pdf():
    from ..factories import pdf_upload

    return pdf_upload()
