"""A higher app's section on a lower app's page (copportal/sections.py)."""

import pytest
from django.template import engines

from copportal import sections


@pytest.fixture
def slot():
    yield "tests.slot"
    sections._providers.pop("tests.slot", None)


def _render(text, **context):
    return engines["django"].from_string(text).render(context)


def test_a_slot_renders_each_registered_section_with_the_page_context(slot, tmp_path, settings):
    sections.register(slot, "one", lambda request, obj: ("includes/htmx.html", {}))
    sections.register(slot, "none", lambda request, obj: None)
    html = _render('{% load portal %}<main>{% sections "tests.slot" thing %}</main>', thing=1)
    assert "htmx" in html
    assert _render('{% load portal %}[{% sections "tests.other" thing %}]', thing=1) == "[]"


def test_the_contribution_page_slot_is_filled_by_the_library():
    from resources.sections import contribution_resources

    assert contribution_resources in sections.providers("contributions.detail")


def test_the_meeting_and_theme_page_slots_are_filled_by_contributions_and_the_library():
    from contributions import meeting_parts
    from resources import sections as library

    assert sections.providers("meetings.detail.record") == [library.meeting_record]
    assert sections.providers("meetings.detail.documents") == [meeting_parts.meeting_documents]
    assert sections.providers("meetings.detail.submission") == [meeting_parts.meeting_submission]
    assert sections.providers("meetings.detail.downloads") == [meeting_parts.meeting_archives]
    assert sections.providers("meetings.agenda.record") == [library.agenda_record]
    # Contributions first, then the library's resources, as the theme's page always had them.
    assert sections.providers("meetings.theme") == [
        meeting_parts.theme_contributions,
        library.theme_resources,
    ]
