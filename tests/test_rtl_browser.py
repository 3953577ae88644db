"""Right to left in a real browser (issue 17, part 4): on Arabic pages the main navigation and
the agenda builder's controls run from right to left, and symbols and times are isolated."""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import ngettext

from meetings.agenda import services
from meetings.models import Agenda

from .browser import sign_in
from .factories import MeetingFactory, PublishedContributionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Whether the element sits inside a <bdi> or an element with dir="auto" (itself included).
ISOLATED = "el => !!el.closest('bdi, [dir=auto]')"


def _meeting_with_an_item(chair):
    meeting = MeetingFactory(number=20)
    version = Agenda.objects.get_or_create(meeting=meeting)[0].version
    item = services.agenda_item_create(
        meeting=meeting,
        by=chair,
        version=version,
        parent=None,
        title_en="Opening",
        start_time=datetime.time(9, 30),
        duration_minutes=15,
    )
    services.agenda_item_create(
        meeting=meeting,
        by=chair,
        version=Agenda.objects.get().version,
        parent=None,
        title_en="Closing",
    )
    PublishedContributionFactory(meeting=meeting, number=5, agenda_item=item)
    services.agenda_release(
        meeting=meeting, by=chair, note="", version=Agenda.objects.get().version
    )
    return meeting


def test_the_main_navigation_runs_right_to_left_in_arabic(browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})  # the navigation expanded
    page.goto("/ar/")
    links = page.locator("#main-nav .navbar-nav").first.locator(".nav-link")
    first, last = links.first.bounding_box(), links.last.bounding_box()
    assert first["x"] > last["x"] + last["width"] - 1, (first, last)
    # And left to right in English.
    page.goto("/")
    first, last = links.first.bounding_box(), links.last.bounding_box()
    assert first["x"] < last["x"], (first, last)


def test_the_agenda_builders_controls_run_right_to_left_in_arabic(browser_page, chair, settings):
    settings.REQUIRE_STAFF_MFA = False
    _meeting_with_an_item(chair)
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})
    sign_in(page, chair.email)
    page.goto("/ar/meetings/20/agenda/edit/")
    row = page.locator(".agenda-row").first
    buttons = row.locator("button, a.btn")
    first, last = buttons.first.bounding_box(), buttons.last.bounding_box()
    assert first["x"] > last["x"], (first, last)
    # The row's title is right of its buttons (the row starts at the right).
    title, up = row.locator("h3").bounding_box(), buttons.first.bounding_box()
    assert title["x"] > up["x"], (title, up)


def test_symbols_and_times_are_isolated_on_the_arabic_agenda(browser_page, chair):
    _meeting_with_an_item(chair)
    page = browser_page
    page.goto("/ar/meetings/20/agenda/")
    symbol = page.get_by_text("CWG-COP-20/5", exact=True).first
    assert symbol.evaluate(ISOLATED)
    with translation.override("ar"):
        minutes = ngettext("%(minutes)s minute", "%(minutes)s minutes", 15) % {"minutes": 15}
    timing = page.locator("bdi", has_text=minutes).first
    assert "·" in timing.text_content() and timing.evaluate(ISOLATED)
