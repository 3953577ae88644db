"""The list's filter choices (meetings, themes) are cached per language and follow changes."""

import pytest

from meetings.models import Meeting

from ..factories import MeetingFactory, ThemeFactory


def _options(client, name, url="/contributions/"):
    page = client.get(url).content.decode()
    return page.split(f'name="{name}"')[1].split("</select>")[0]


@pytest.mark.django_db
def test_a_new_meeting_and_a_deleted_one_show_at_once(client, meeting):
    assert f'value="{meeting.number}"' in _options(client, "meeting")
    MeetingFactory(number=77)
    assert 'value="77"' in _options(client, "meeting")
    Meeting.objects.get(number=77).delete()
    assert 'value="77"' not in _options(client, "meeting")


@pytest.mark.django_db
def test_themes_are_listed_in_each_language_and_follow_a_new_title(client, db):
    theme = ThemeFactory(slug="education", title_en="Education", title_fr="Éducation")
    assert ">Education</option>" in _options(client, "theme")
    assert ">Éducation</option>" in _options(client, "theme", "/fr/contributions/")
    theme.title_en = "Learning"
    theme.save()
    assert ">Learning</option>" in _options(client, "theme")
    assert ">Education</option>" not in _options(client, "theme")


@pytest.mark.django_db
def test_a_chosen_theme_still_filters(client, meeting, db):
    ThemeFactory(slug="education", title="Education")
    response = client.get("/contributions/?theme=education")
    assert 'value="education" selected' in response.content.decode()
    assert "Some filters were ignored" not in response.content.decode()
    response = client.get("/contributions/?theme=nope")
    assert "Some filters were ignored" in response.content.decode()
