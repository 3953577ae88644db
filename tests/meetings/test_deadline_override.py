"""The chair's (or secretariat's) override of a meeting's deadline, recorded with who and why."""

import datetime

import pytest

from meetings.models import DeadlineChange

from ..factories import MeetingFactory

UTC = datetime.UTC


def _meeting(opens: datetime.date, zone="Europe/Zurich", **extra):
    return MeetingFactory(start_date=opens, end_date=opens, time_zone=zone, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["chair", "secretariat"])
def test_chair_or_secretariat_overrides_the_deadline_and_the_change_is_recorded(
    request, client_for, who
):
    user = request.getfixturevalue(who)
    meeting = _meeting(datetime.date(2030, 4, 12), number=78)
    rule = meeting.deadline
    response = client_for(user).post(
        "/meetings/78/deadline/", {"deadline": "2030-04-02T12:00", "reason": "Council moved it"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.deadline == datetime.datetime(2030, 4, 2, 10, 0, tzinfo=UTC)  # CEST
    change = DeadlineChange.objects.get(meeting=meeting)
    assert (change.changed_by, change.old_deadline, change.reason) == (
        user,
        rule,
        "Council moved it",
    )
    # Empty: back to the rule.
    client_for(user).post("/meetings/78/deadline/", {"deadline": ""})
    meeting.refresh_from_db()
    assert meeting.deadline_override is None and meeting.deadline == rule


@pytest.mark.django_db
def test_override_refuses_a_time_that_does_not_exist_in_the_meetings_zone(client_for, chair):
    _meeting(datetime.date(2030, 4, 12), number=79)
    # 31 March 2030, 02:30 does not exist in Geneva (clocks go from 02:00 to 03:00).
    response = client_for(chair).post("/meetings/79/deadline/", {"deadline": "2030-03-31T02:30"})
    assert response.status_code == 200
    assert "does not exist in Geneva time" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [(None, 302), ("outsider", 403), ("delegate", 403)])
def test_others_may_not_override_the_deadline(request, client_for, who, status):
    user = request.getfixturevalue(who) if who else None
    _meeting(datetime.date(2030, 4, 12), number=80)
    response = client_for(user).post("/meetings/80/deadline/", {"deadline": "2030-04-02T12:00"})
    assert response.status_code == status
    assert not DeadlineChange.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:30",  # OverflowError in the zone conversion, once
        "1900-01-01T12:00",
        "9999-12-31T23:59",
        "2029-04-11T23:59",  # a day more than a year before the meeting opens
        "2030-04-12T09:00",  # after the meeting has opened
    ],
)
def test_override_refuses_a_deadline_outside_the_year_before_the_opening(client_for, chair, value):
    meeting = _meeting(datetime.date(2030, 4, 12), number=81)
    response = client_for(chair).post("/meetings/81/deadline/", {"deadline": value})
    assert response.status_code == 200
    assert "Choose a deadline between" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.deadline_override is None
    assert not DeadlineChange.objects.exists()


@pytest.mark.django_db
def test_override_accepts_the_bounds_themselves(client_for, chair):
    meeting = _meeting(datetime.date(2030, 4, 12), number=82)
    client_for(chair).post("/meetings/82/deadline/", {"deadline": "2030-04-12T00:00"})
    meeting.refresh_from_db()
    assert meeting.deadline == datetime.datetime(2030, 4, 11, 22, 0, tzinfo=UTC)
    client_for(chair).post("/meetings/82/deadline/", {"deadline": "2029-04-12T00:00"})
    meeting.refresh_from_db()
    assert meeting.deadline == datetime.datetime(2029, 4, 11, 22, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_the_service_refuses_a_deadline_out_of_range(chair):
    from django.core.exceptions import ValidationError

    from meetings.services import meeting_deadline_set

    meeting = _meeting(datetime.date(2030, 4, 12), number=83)
    with pytest.raises(ValidationError):
        meeting_deadline_set(
            meeting_id=meeting.pk, by=chair, deadline=datetime.datetime(9999, 1, 1, tzinfo=UTC)
        )


@pytest.mark.django_db
def test_saving_the_same_deadline_says_nothing_changed_and_records_nothing(client_for, chair):
    meeting = _meeting(datetime.date(2030, 4, 12), number=84)
    client = client_for(chair)
    # The form shows the rule's deadline: saving it as it is overrides nothing.
    rule = "2030-03-31T23:59"
    response = client.post("/meetings/84/deadline/", {"deadline": rule}, follow=True)
    assert "nothing changed" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.deadline_override is None and not DeadlineChange.objects.exists()
    client.post("/meetings/84/deadline/", {"deadline": "2030-04-02T12:00"})
    response = client.post("/meetings/84/deadline/", {"deadline": "2030-04-02T12:00"}, follow=True)
    assert "nothing changed" in response.content.decode()
    assert DeadlineChange.objects.count() == 1
