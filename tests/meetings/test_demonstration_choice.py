"""A demonstration meeting is marked as such wherever meetings are offered in a select (the
submission form, the list's filter, the desk, the liaison note and theme forms), as its pages
mark it with a badge: a delegate must not send a real contribution to meeting 99."""

import datetime
import re

import pytest
from django.utils import timezone

from ..factories import MeetingFactory


@pytest.fixture
def demo_meeting(db):
    start = timezone.localdate() + datetime.timedelta(days=60)
    return MeetingFactory(number=99, start_date=start, end_date=start, is_demo=True)


@pytest.fixture
def real_meeting(db):
    return MeetingFactory(number=30)


def _options(page: str, name: str) -> dict[str, str]:
    """The select's options as {value: label}."""
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select))


@pytest.mark.django_db
def test_the_submission_form_marks_the_demonstration_meeting(
    client_for, delegate, demo_meeting, real_meeting
):
    page = client_for(delegate).get("/contributions/submit/").content.decode()
    options = _options(page, "meeting")
    assert options[str(demo_meeting.pk)] == "CWG-COP meeting 99 (demonstration)"
    assert options[str(real_meeting.pk)] == "CWG-COP meeting 30"


@pytest.mark.django_db
def test_the_list_filter_marks_the_demonstration_meeting(client, demo_meeting, real_meeting):
    options = _options(client.get("/contributions/").content.decode(), "meeting")
    assert options["99"] == "Meeting 99 (demonstration)"
    assert options["30"] == "Meeting 30"


@pytest.mark.django_db
def test_the_desk_marks_the_demonstration_meeting(
    client_for, secretariat, demo_meeting, real_meeting
):
    page = client_for(secretariat).get("/contributions/desk/").content.decode()
    assert ">CWG-COP meeting 99 (demonstration)</option>" in page
    assert ">CWG-COP meeting 30</option>" in page


@pytest.mark.django_db
def test_the_liaison_note_and_theme_forms_mark_the_demonstration_meeting(
    client_for, chair, secretariat, demo_meeting, real_meeting
):
    for user, path in ((secretariat, "/liaison-notes/new/"), (chair, "/roadmap/new/")):
        response = client_for(user).get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        assert ">CWG-COP meeting 99 (demonstration)</option>" in page, path
        assert ">CWG-COP meeting 30</option>" in page, path
