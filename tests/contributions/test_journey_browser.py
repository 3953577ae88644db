"""The delegate's journey in a real browser: sign in, submit a PDF before the deadline, revise,
see the revisions; the secretariat accepts and publishes; the public sees it by its symbol."""

import pytest

from ..browser import click_and_wait, sign_in, sign_out
from ..factories import make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_revise_accept_publish(browser_page, delegate, secretariat, meeting, settings):
    settings.REQUIRE_STAFF_MFA = False
    page = browser_page
    symbol = f"CWG-COP-{meeting.number}/1"

    sign_in(page, delegate.email)
    page.goto(f"/meetings/{meeting.number}/")
    click_and_wait(page, page.get_by_role("link", name="Submit a contribution"))
    assert "Accepted: PDF" in page.content()
    page.get_by_label("Title").fill("Girls in ICT Day: a draft resolution")
    page.get_by_label("For information").check()
    page.get_by_label("Abstract").fill("Proposes that the group endorse Girls in ICT Day.")
    page.get_by_label("Children").check()
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "girls-in-ict.pdf", "mimeType": "application/pdf", "buffer": make_pdf()}],
    )
    click_and_wait(page, page.get_by_role("button", name="Submit", exact=True))
    assert "Your contribution is submitted on time" in page.content()
    assert "Submitted" in page.locator(".badge").first.inner_text()

    page.locator("select#id_language").select_option("en")
    page.set_input_files(
        "#revise-heading ~ form input[name=file]",
        files=[{"name": "rev1.pdf", "mimeType": "application/pdf", "buffer": make_pdf("Rev 1")}],
    )
    click_and_wait(page, page.get_by_role("button", name="Upload"))
    assert "Rev.1 in English is uploaded" in page.content()
    rows = page.locator("table.revisions tbody tr")
    assert rows.count() == 2
    assert "Rev.1" in rows.nth(0).inner_text() and "Original" in rows.nth(1).inner_text()
    sign_out(page)

    sign_in(page, secretariat.email)
    page.goto(f"/contributions/desk/?meeting={meeting.number}")
    click_and_wait(page, page.get_by_role("button", name="Accept and number"))
    assert f"Accepted as {symbol}." in page.content()
    click_and_wait(page, page.get_by_role("button", name="Publish"))
    assert f"{symbol} is published." in page.content()
    sign_out(page)

    page.goto("/contributions/")
    click_and_wait(page, page.get_by_role("link", name=symbol))
    assert page.url.endswith(f"/contributions/{meeting.number}-1/")
    assert symbol in page.locator("h1").inner_text()
    assert f"{symbol}(Rev.1)-E" in page.content()
