"""Steps the browser tests share.

A click that submits a form or follows a link starts a navigation that Playwright does not wait
for: reading the page right after it reads the old page, or an empty one in between. Every such
click goes through `click_and_wait`, which returns once the new page has loaded.
"""

from .factories import PASSWORD


def click_and_wait(page, target):
    """Click `target` (a locator) and wait until the page it leads to has loaded."""
    with page.expect_navigation():
        target.click()


def sign_in(page, email, password=PASSWORD):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    click_and_wait(page, page.locator("main form button[type=submit]").first)


def sign_out(page):
    click_and_wait(page, page.get_by_role("button", name="Sign out"))
