"""axe-core finds no violation on the main pages, left-to-right and right-to-left."""

import pytest
from django.core.management import call_command

PAGES = [
    "/",
    "/meetings/",
    "/meetings/20/",
    "/meetings/99/",
    "/meetings/99/agenda/",
    "/meetings/99/agenda/?version=1",
    "/meetings/20/agenda/",
    "/roadmap/",
    "/roadmap/legal-frameworks/",
    "/liaison-notes/",
    "/contributions/",
    "/contributions/99-1/",
    "/resources/?q=privacy&type=report",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/fr/meetings/20/",
    "/ar/meetings/20/",
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_main_pages_have_no_axe_violations(browser_page):
    from axe_playwright_python.sync_playwright import Axe

    call_command("load_seeds", verbosity=0)
    axe = Axe()
    problems = {}
    for url in PAGES:
        browser_page.goto(url)
        results = axe.run(browser_page)
        if results.violations_count:
            problems[url] = results.generate_report()
    assert not problems, "\n\n".join(f"{url}\n{report}" for url, report in problems.items())


SIGNED_IN_PAGES = {
    "delegate@example.org": [
        "/accounts/me/",
        "/contributions/submit/?meeting=99",
        "/contributions/mine/",
        "/accounts/email/",
        "/accounts/2fa/",
        "/accounts/password/change/",
        "/ar/contributions/submit/?meeting=99",
    ],
    "secretariat@example.org": [
        "/contributions/mine/",
        "/contributions/desk/",
        "/secretariat/affiliations/",
        "/liaison-notes/new/",
    ],
    "chair@example.org": [
        "/contributions/mine/",
        "/notifications/meetings/99/reminders/",
        "/meetings/99/deadline/",
        "/meetings/99/agenda/edit/",
        "/meetings/new/",
        "/meetings/99/edit/",
        "/roadmap/legal-frameworks/edit/",
        "/meetings/20/outcomes/edit/",
    ],
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_signed_in_pages_have_no_axe_violations(browser_page):
    from axe_playwright_python.sync_playwright import Axe

    from copportal.accounts.seeds import DEMO_PASSWORD

    call_command("load_seeds", verbosity=0)
    axe = Axe()
    problems = {}
    for email, urls in SIGNED_IN_PAGES.items():
        browser_page.context.clear_cookies()
        browser_page.goto("/accounts/login/")
        browser_page.fill("#id_login", email)
        browser_page.fill("#id_password", DEMO_PASSWORD)
        browser_page.get_by_role("button", name="Sign In").click()
        browser_page.wait_for_url("**/contributions/mine/")
        for url in urls:
            response = browser_page.goto(url)
            assert response.status == 200, url
            results = axe.run(browser_page)
            if results.violations_count:
                problems[f"{email} {url}"] = results.generate_report()
    assert not problems, "\n\n".join(f"{url}\n{report}" for url, report in problems.items())


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_skip_link_is_the_first_stop_and_reaches_the_content(browser_page):
    browser_page.goto("/meetings/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"


# The same audit in the five other interface languages: a few pages of each kind, one browser.
# A translation can bring a violation of its own (a label that is now empty or the same as
# another, text that no longer fits its contrast box, a missing lang). English is left out: the
# audits above cover every one of these pages in English, with more rules.
SIX_LANGUAGES_PAGES = {
    None: [
        "/",
        "/meetings/99/",
        "/meetings/99/agenda/",
        "/contributions/",
        "/contributions/99-1/",
        "/resources/?q=privacy&type=report",
        "/accounts/login/",
    ],
    "delegate@example.org": ["/contributions/submit/?meeting=99", "/contributions/mine/"],
    "chair@example.org": ["/meetings/99/agenda/edit/"],
}
# Level A and AA only (the other audits add axe's best practices): a third of the time per page.
WCAG_A_AA = {
    "resultTypes": ["violations"],
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_have_no_axe_violations_in_the_five_other_languages(browser_page):
    from axe_playwright_python.sync_playwright import Axe

    from copportal.accounts.seeds import DEMO_PASSWORD
    from copportal.languages import INTERFACE_LANGUAGES

    call_command("load_seeds", verbosity=0)
    axe = Axe()
    problems = {}
    for email, urls in SIX_LANGUAGES_PAGES.items():
        browser_page.context.clear_cookies()
        if email:
            browser_page.goto("/accounts/login/")
            browser_page.fill("#id_login", email)
            browser_page.fill("#id_password", DEMO_PASSWORD)
            browser_page.get_by_role("button", name="Sign In").click()
            browser_page.wait_for_url("**/contributions/mine/")
        for code, _name in INTERFACE_LANGUAGES:
            if code == "en":
                continue
            prefix = f"/{code}"
            for url in urls:
                response = browser_page.goto(prefix + url)
                assert response.status == 200, prefix + url
                assert browser_page.evaluate("document.documentElement.lang") == code, url
                results = axe.run(browser_page, options=WCAG_A_AA)
                if results.violations_count:
                    problems[f"{email or 'anonymous'} {prefix}{url}"] = results.generate_report()
    assert not problems, "\n\n".join(f"{url}\n{report}" for url, report in problems.items())
