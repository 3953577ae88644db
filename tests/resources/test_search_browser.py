"""A reader's journey through the library in Chromium, and axe-core on the search page."""

import re

import pytest

from resources import seeds


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_search_as_you_type_pick_facets_open_and_share(browser_page):
    from playwright.sync_api import expect

    seeds.load(demo=True)
    page = browser_page
    page.goto("/resources/")
    page.fill("#id_q", "privacy")
    # htmx swaps the results in and puts the query in the address bar.
    page.wait_for_url(re.compile(r"q=privacy"))
    expect(page.locator("#result-count")).to_contain_text("2 resources")
    page.click("[data-facet=audience][data-value=policy-makers]")
    page.wait_for_url(re.compile(r"audience=policy-makers"))
    page.click("[data-facet=language][data-value=en]")
    page.wait_for_url(re.compile(r"language=en"))
    expect(page.locator("#result-count")).to_have_text("1 resource")
    shared = page.url
    assert "q=privacy" in shared
    results = page.locator(".resource-result h3 a").all_inner_texts()
    assert results == ["Age assurance and privacy: a review (demonstration)"]
    # Typing again keeps the facets picked.
    page.fill("#id_q", "age privacy")
    page.wait_for_url(re.compile(r"q=age(%20|\+)privacy"))
    assert "audience=policy-makers" in page.url and "language=en" in page.url
    page.go_back()
    page.goto(shared)
    page.click(".resource-result h3 a")
    page.wait_for_url(re.compile(r"/resources/demo-resource-4/"))
    assert "Age assurance and privacy" in page.locator("h1").inner_text()
    # The shared address, opened afresh, gives the same page.
    page.goto(shared)
    assert page.locator(".resource-result h3 a").all_inner_texts() == results
    assert page.input_value("#id_q") == "privacy"
    assert page.locator("[data-facet=audience][aria-current=true]").count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_library_works_without_javascript(live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    from tests.conftest import BROWSER_FLAGS, CHROMIUM

    seeds.load(demo=True)
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
        page = context.new_page()
        page.goto("/resources/")
        page.fill("#id_q", "privacy")
        page.press("#id_q", "Enter")
        page.wait_for_url(re.compile(r"q=privacy"))
        assert "2 resources" in page.locator("#result-count").inner_text()
        page.click("[data-facet=type][data-value=report]")
        assert "type=report" in page.url
        context.close()
        browser.close()
        from django.db import connections

        connections.close_all()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_library_pages_have_no_axe_violations(browser_page):
    from axe_playwright_python.sync_playwright import Axe

    seeds.load(demo=True)
    axe = Axe()
    problems = {}
    for url in [
        "/resources/",
        "/resources/?q=privacy&type=report",
        "/resources/?q=zzzzqqq",
        "/resources/demo-resource-2/",
        "/fr/resources/?q=enfant",
        "/ar/resources/",
        "/helplines/",
        "/helplines/?country=France",
    ]:
        browser_page.goto(url)
        results = axe.run(browser_page)
        if results.violations_count:
            problems[url] = results.generate_report()
    assert not problems, "\n\n".join(f"{url}\n{report}" for url, report in problems.items())
