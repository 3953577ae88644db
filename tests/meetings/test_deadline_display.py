import datetime

import pytest

from ..factories import MeetingFactory


@pytest.mark.django_db
def test_deadline_is_shown_once_in_geneva_time_with_utc_in_the_markup(client):
    meeting = MeetingFactory(number=300, start_date=datetime.date(2031, 3, 20))
    page = client.get(meeting.get_absolute_url()).content.decode()
    # 8 March 2031, 23:59 in Geneva (CET, UTC+1) is 22:59 UTC.
    assert "8 March 2031, 23:59, Geneva time" in page
    assert '<time datetime="2031-03-08T22:59:00+00:00">' in page
    assert "10:59 p.m. UTC" not in page  # not a second time, in UTC


@pytest.mark.django_db
def test_other_time_zones_are_named_by_their_city():
    meeting = MeetingFactory(time_zone="America/New_York")
    assert meeting.time_zone_label == "New York time"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_reader_also_sees_the_deadline_in_their_own_time(browser_page):
    meeting = MeetingFactory(number=300, start_date=datetime.date(2031, 3, 20))
    browser_page.goto(meeting.get_absolute_url())
    deadline = browser_page.locator(".deadline").inner_text()
    # The browser runs in Manila (UTC+8): 22:59 UTC is 06:59 the next morning there.
    assert "Mar 9, 2031, 06:59 AM GMT+8 (your time)" in deadline


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_in_the_meetings_zone_sees_the_deadline_once(browser_page):
    meeting = MeetingFactory(
        number=301, start_date=datetime.date(2031, 3, 20), time_zone="Asia/Manila"
    )
    browser_page.goto(meeting.get_absolute_url())
    deadline = browser_page.locator(".deadline").inner_text()
    assert "Manila time" in deadline and "your time" not in deadline


@pytest.mark.django_db
def test_a_past_meeting_says_submissions_are_closed(client):
    meeting = MeetingFactory(
        number=302, start_date=datetime.date(2020, 3, 20), end_date=datetime.date(2020, 3, 21)
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "submissions are closed" in page.lower()
    assert "marked late" not in page
