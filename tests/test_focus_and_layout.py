"""Focus and layout: a visible focus ring on every control, focus on the error summary after a
failed submit, targets of at least 24 px, nothing clipped at 320 px, allauth pages styled."""

import pytest
from django.core.management import call_command

RING = """el => {
    const s = getComputedStyle(el);
    return [s.outlineStyle, parseFloat(s.outlineWidth)];
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_control_shows_a_focus_ring(browser_page):
    browser_page.goto("/contributions/")
    for selector in ("#id_q", "#id_meeting", "button[type=submit]", "main a"):
        element = browser_page.locator(selector).first
        element.focus()
        browser_page.keyboard.press("Shift+Tab")
        browser_page.keyboard.press("Tab")  # keyboard focus: :focus-visible applies
        style, width = browser_page.evaluate(RING, element.element_handle())
        assert style == "solid" and width >= 2, (selector, style, width)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_failed_sign_in_moves_focus_to_the_error_summary(browser_page):
    browser_page.goto("/accounts/login/")
    browser_page.fill("#id_login", "nobody@example.org")
    browser_page.fill("#id_password", "not-the-password")
    browser_page.locator("main button[type=submit]").click()
    browser_page.wait_for_selector("[data-error-summary]")
    focused = browser_page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert focused


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_error_summary_links_focus_their_field(browser_page, client, delegate):
    from copportal.accounts.seeds import DEMO_PASSWORD

    call_command("load_seeds", verbosity=0)
    browser_page.goto("/accounts/login/")
    browser_page.fill("#id_login", "delegate@example.org")
    browser_page.fill("#id_password", DEMO_PASSWORD)
    browser_page.locator("main button[type=submit]").click()
    browser_page.wait_for_url("**/contributions/mine/")
    browser_page.goto("/contributions/submit/?meeting=99")
    browser_page.fill("#id_title", "")
    browser_page.locator("button[value=submit]").click()
    summary = browser_page.wait_for_selector("[data-error-summary]")
    assert browser_page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    summary.query_selector("a[href='#id_title']").click()
    assert browser_page.evaluate("document.activeElement.id") == "id_title"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_forgot_password_link_is_at_least_24_px_tall(browser_page):
    browser_page.goto("/accounts/login/")
    box = browser_page.get_by_role("link", name="Forgot your password?").bounding_box()
    assert box["height"] >= 24


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path", ["/", "/contributions/", "/accounts/login/", "/accounts/signup/", "/meetings/99/"]
)
def test_nothing_overflows_at_320_px(browser_page, path):
    from contributions.models import Contribution

    call_command("load_seeds", verbosity=0)
    # A long title without a space (a URL, a compound name) must wrap, not push the page.
    Contribution.objects.filter(meeting__number=99, number=1).update(
        title="Childonlineprotectionnationalstrategyreviewandimplementationplan" * 3
    )
    browser_page.set_viewport_size({"width": 320, "height": 800})
    for page in (path, "/contributions/99-1/"):
        browser_page.goto(page)
        width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (page, width)
        # The header's edges are not clipped: the brand keeps the page's side margin.
        brand = browser_page.locator("header .navbar-brand").bounding_box()
        assert brand["x"] >= 8, (page, brand)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_allauth_pages_have_the_portals_layout(browser_page, path):
    browser_page.goto(path)
    assert browser_page.locator("header .navbar-brand").count() == 1
    inputs = browser_page.locator("main input:not([type=hidden]):not([type=checkbox])")
    assert inputs.count() >= 1
    for i in range(inputs.count()):
        assert "form-control" in inputs.nth(i).get_attribute("class"), path
    button = browser_page.locator("main button[type=submit]").first
    assert "btn" in button.get_attribute("class")


@pytest.mark.django_db
def test_the_demo_disclaimer_appears_once(client):
    call_command("load_seeds", verbosity=0)
    for path in ("/", "/meetings/99/", "/contributions/99-1/"):
        page = client.get(path).content.decode()
        assert page.count("It is not a meeting of the group") <= 1, path
