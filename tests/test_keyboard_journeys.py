"""Keyboard-only journeys in Chromium: Tab, Shift+Tab, Enter, Space and the arrow keys, no mouse
and no typing into a field the keyboard has not reached. After each action, focus lands on what
the action changed (its message, the results) and the change is read out.

Signing in is set-up, done as the other browser tests do; the journeys start after it.
"""

import re

import pytest

from resources import seeds

from .browser import sign_in
from .factories import MeetingFactory, make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector, *, limit=150, key="Tab") -> int:
    """Press Tab (or `key`) until the focused element matches `selector`; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} not reached in {limit} presses of {key}")


def press_and_wait(page, key):
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


def focused_matches(page, selector) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def focused_text(page) -> str:
    return page.evaluate("document.activeElement.innerText.trim()")


def test_delegate_submits_a_contribution_with_the_keyboard(browser_page, delegate, audiences):
    meeting = MeetingFactory(number=30)
    page = browser_page
    sign_in(page, delegate.email)
    page.goto(f"/contributions/submit/?meeting={meeting.number}")

    tab_to(page, "#id_title")
    page.keyboard.type("Girls in ICT Day: a draft resolution")
    tab_to(page, "input[name=purpose]")
    # In a radio group Tab reaches the first choice ("For action"); an arrow key picks the next.
    page.keyboard.press("ArrowDown")
    assert page.locator("input[name=purpose][value=information]").is_checked()
    tab_to(page, "#id_abstract")
    page.keyboard.type("Proposes that the group endorse Girls in ICT Day.")
    tab_to(page, "input[name=audiences]")
    page.keyboard.press("Space")
    tab_to(page, "input[type=file][name=file]")
    # The one step the keyboard cannot take in a test: the file chooser, on the focused input.
    page.locator("input[type=file][name=file]:focus").set_input_files(
        files=[{"name": "girls-in-ict.pdf", "mimeType": "application/pdf", "buffer": make_pdf()}]
    )
    tab_to(page, "button[value=submit]")
    press_and_wait(page, "Enter")

    assert "/submit/" not in page.url, page.locator("main").inner_text()
    # Focus is on the message that says what happened, not on the page's body.
    assert focused_matches(page, "[data-messages][role=status]")
    assert "Your contribution is submitted on time" in focused_text(page)


def agenda_with_items(chair, titles, **meeting_fields):
    from meetings.agenda import services

    meeting = MeetingFactory(**meeting_fields)
    for title in titles:
        services.agenda_item_create(meeting=meeting, by=chair, version=None, title_en=title)
    return meeting


def test_chair_reorders_allocates_and_releases_with_the_keyboard(browser_page, chair, settings):
    from contributions.models import Contribution

    from .factories import ContributionFactory

    settings.REQUIRE_STAFF_MFA = False
    meeting = agenda_with_items(chair, ["Opening", "Reports", "Closing"], number=43)
    contribution = ContributionFactory(meeting=meeting, status="submitted", title="A report")
    page = browser_page
    sign_in(page, chair.email)
    page.goto(f"/meetings/{meeting.number}/agenda/edit/")

    # Reorder: the Up button of "Closing"; focus stays on the item's Up button after the move.
    tab_to(page, "[aria-label='Move item 3 up']")
    press_and_wait(page, "Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move item 2 up"
    assert "Item 3 moved to position 2." in page.locator("[data-messages]").inner_text()
    assert page.locator(".agenda-number").all_text_contents() == ["1", "2", "3"]
    assert "Closing" in page.locator("#agenda-tree h3").nth(1).inner_text()

    # Allocate the contribution to the first item: its select, an arrow key, the Save button.
    tab_to(page, f"#allocate-{contribution.pk}")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#allocation button")
    press_and_wait(page, "Enter")
    assert focused_matches(page, "[data-messages][role=status]")
    assert "Contributions allocated: 1 changed." in focused_text(page)
    assert Contribution.objects.get(pk=contribution.pk).agenda_item.title == "Opening"

    # Release: a skip link near the top leads to the form in a few key presses.
    page.goto(f"/meetings/{meeting.number}/agenda/edit/")
    presses = tab_to(page, "a[href='#release-heading']", limit=30)
    assert focused_text(page) == "Skip to the release form"
    page.keyboard.press("Enter")
    assert focused_matches(page, "#release-heading")
    presses += tab_to(page, "textarea[name=note]", limit=3)
    assert presses < 30, presses
    page.keyboard.type("Closing moved before the reports.")
    tab_to(page, "button.btn-success", limit=3)
    assert focused_text(page) == "Release as version 1"
    press_and_wait(page, "Enter")
    assert page.url.endswith("/agenda/?version=1")
    assert focused_matches(page, "[data-messages][role=status]")
    # The contribution is still on the desk: the release leaves it out, and says so.
    assert focused_text(page).splitlines() == [
        "Version 1 of the agenda is released.",
        "Item 1: A report is left out (not yet published: still on the secretariat's desk).",
    ]


def test_the_release_form_is_far_without_the_skip_link(browser_page, chair, settings):
    """Why the skip link: the builder's controls before the release form, at 20 items."""
    settings.REQUIRE_STAFF_MFA = False
    meeting = agenda_with_items(chair, [f"Item {n}" for n in range(1, 21)], number=44)
    page = browser_page
    sign_in(page, chair.email)
    page.goto(f"/meetings/{meeting.number}/agenda/edit/")
    page.locator("#main").focus()
    assert tab_to(page, "textarea[name=note]", limit=400) > 70
    page.goto(f"/meetings/{meeting.number}/agenda/edit/")
    page.locator("#main").focus()
    tab_to(page, "a[href='#release-heading']", limit=5)
    page.keyboard.press("Enter")
    assert tab_to(page, "textarea[name=note]", limit=3) == 1


def test_visitor_searches_the_library_and_picks_a_facet_with_the_keyboard(browser_page):
    from playwright.sync_api import expect

    seeds.load(demo=True)
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/resources/")
    live = page.locator("[data-swap-status][role=status]")
    assert live.count() == 1 and live.inner_text() == ""

    tab_to(page, "#id_q")
    page.keyboard.type("privacy")
    page.wait_for_url(re.compile(r"q=privacy"))
    # Typing keeps focus in the box; the new count is said in the live region that was there.
    expect(live).to_have_text("2 resources")
    assert focused_matches(page, "#id_q")

    tab_to(page, "[data-facet=audience][data-value=policy-makers]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"audience=policy-makers"))
    # The focused link is gone with the swap: focus is on the count, which is read out.
    expect(page.locator("#result-count")).to_be_focused()
    count = focused_text(page)
    assert re.fullmatch(r"\d+ resources?", count), count
    assert count == page.locator("#result-count").inner_text()
    # From the count, Tab goes on to the results (the filters came before them).
    page.keyboard.press("Tab")
    assert focused_matches(page, ".resource-result a")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert focused_matches(page, "[data-facet], [data-clear]")


def test_the_library_filters_come_before_the_results_on_screen_as_in_the_page(browser_page):
    seeds.load(demo=True)
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    for url in ("/resources/?q=privacy", "/ar/resources/?q=privacy"):
        page.goto(url)
        refine = page.locator("#results h2").first
        count = page.locator("#result-count")
        assert page.evaluate(
            "([a, b]) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
            [refine.element_handle(), count.element_handle()],
        )
        refine_box, count_box = refine.bounding_box(), count.bounding_box()
        if url.startswith("/ar/"):  # right to left: the first column is on the right
            assert refine_box["x"] > count_box["x"], url
        else:
            assert refine_box["x"] < count_box["x"], url


def test_without_javascript_a_facet_leads_to_the_count(live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    from .conftest import BROWSER_FLAGS, CHROMIUM

    seeds.load(demo=True)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
        page = context.new_page()
        page.goto("/resources/")
        assert not focused_matches(page, "#result-count")
        tab_to(page, "[data-facet=type][data-value=report]")
        press_and_wait(page, "Enter")
        assert "type=report" in page.url
        # autofocus: no script needed.
        assert focused_matches(page, "#result-count")
        assert re.fullmatch(r"\d+ resources?", focused_text(page))
        context.close()
        browser.close()
        from django.db import connections

        connections.close_all()
