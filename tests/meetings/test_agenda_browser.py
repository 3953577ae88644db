"""The chair builds an agenda in a real browser with the keyboard only, releases it, and an
anonymous visitor reads the new order and the changelog."""

import pytest

from meetings.models import AgendaRelease

from ..browser import sign_in
from ..factories import MeetingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def press_and_wait(page, key):
    with page.expect_navigation():
        page.keyboard.press(key)
    page.wait_for_load_state()


def focused(page) -> str:
    return page.evaluate(
        "document.activeElement.getAttribute('aria-label') || document.activeElement.textContent"
    )


def test_chair_builds_reorders_with_the_keyboard_and_releases(browser_page, chair, settings):
    settings.REQUIRE_STAFF_MFA = False
    meeting = MeetingFactory(number=41)
    page = browser_page
    sign_in(page, chair.email)
    page.goto(f"/meetings/{meeting.number}/agenda/edit/")
    for title in ("Opening", "Adoption of the agenda", "Reports", "Contributions", "Closing"):
        page.get_by_label("Title (English)").fill(title)
        with page.expect_navigation():
            page.get_by_label("Title (English)").press("Enter")
    assert page.locator(".agenda-number").all_text_contents() == ["1", "2", "3", "4", "5"]
    page.get_by_role("button", name="Release as version 1").press("Enter")
    page.wait_for_url("**/agenda/?version=1")

    page.goto(f"/meetings/{meeting.number}/agenda/edit/")
    # "Closing" up twice, with the keyboard: focus stays on its Up button after each move.
    page.get_by_role("button", name="Move item 5 up").focus()
    press_and_wait(page, "Enter")
    assert focused(page) == "Move item 4 up"
    assert "Item 5 moved to position 4." in page.locator("[role=status]").inner_text()
    press_and_wait(page, "Enter")
    assert focused(page) == "Move item 3 up"
    # Tab to its Indent button: it becomes a sub-item of "Adoption of the agenda".
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page) == "Make item 3 a sub-item of the item before"
    press_and_wait(page, "Enter")
    assert "Item 3 moved to position 2.1." in page.locator("[role=status]").inner_text()
    assert page.locator(".agenda-number").all_text_contents() == ["1", "2", "2.1", "3", "4"]
    page.get_by_label("Note from the chair (optional)").fill("Closing moved under item 2.")
    page.get_by_role("button", name="Release as version 2").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/agenda/?version=2")
    assert AgendaRelease.objects.filter(meeting=meeting).count() == 2

    page.context.clear_cookies()
    page.goto(f"/meetings/{meeting.number}/agenda/")
    titles = page.locator(".agenda-item h2, .agenda-item h3").all_text_contents()
    assert [t.split()[0] for t in titles] == ["1", "2", "2.1", "3", "4"]
    assert "2.1 Closing" in " ".join(t.strip() for t in titles)
    text = page.locator("main").inner_text()
    assert "Version 2, released" in text
    assert "Closing moved under item 2." in text
    assert "“Closing” moved from item 5 to item 2.1." in text
    assert "“Reports” is now item 3 (was 3)." not in text
    assert "“Contributions” is now item 4 (was 4)." not in text


def test_drag_and_drop_saves_the_new_order_at_once(browser_page, chair, settings):
    from meetings.agenda import numbering, services

    settings.REQUIRE_STAFF_MFA = False
    meeting = MeetingFactory(number=42)
    for title in ("First", "Second", "Third"):
        services.agenda_item_create(meeting=meeting, by=chair, version=None, title_en=title)
    page = browser_page
    sign_in(page, chair.email)
    page.goto(f"/meetings/{meeting.number}/agenda/edit/")
    handles = page.locator(".drag-handle")
    with page.expect_response("**/agenda/reorder/"):
        handles.nth(2).drag_to(handles.nth(0))
    page.wait_for_function("document.querySelector('#agenda-tree [role=status]') !== null")
    titles = [n.item.title for n in numbering.flatten(numbering.draft_tree(meeting))]
    assert titles == ["Third", "First", "Second"]
    assert page.locator(".agenda-number").all_text_contents() == ["1", "2", "3"]
