import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    call_command("load_seeds", "--no-demo", verbosity=0)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_switcher_goes_to_french_to_arabic_and_back(browser_page, seeded):
    page = browser_page
    page.goto("/meetings/20/")
    html = page.locator("html")
    assert html.get_attribute("lang") == "en"
    assert html.get_attribute("dir") == "ltr"
    switcher = page.get_by_role("navigation", name="Language")

    switcher.get_by_role("link", name="français").click()
    page.wait_for_url("**/fr/meetings/20/")
    assert html.get_attribute("lang") == "fr"
    # exact: the liaison note "Résultats des ... réunions du GTC-COP" is a link too
    assert page.get_by_role("link", name="Réunions", exact=True).is_visible()

    page.get_by_role("navigation", name="Langue").get_by_role("link", name="العربيّة").click()
    page.wait_for_url("**/ar/meetings/20/")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    stylesheets = page.locator("link[rel=stylesheet]").evaluate_all("els => els.map(e => e.href)")
    assert any(href.endswith("bootstrap.rtl.min.css") for href in stylesheets)

    page.locator("nav.language-nav").get_by_role("link", name="English").click()
    page.wait_for_url("**/meetings/20/")
    assert page.url.endswith("/meetings/20/") and "/ar/" not in page.url
    assert html.get_attribute("lang") == "en"
    assert html.get_attribute("dir") == "ltr"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "lang", "direction"),
    [("", "en", "ltr"), ("/fr", "fr", "ltr"), ("/ar", "ar", "rtl"), ("/zh-hans", "zh-hans", "ltr")],
)
def test_every_language_is_served_under_its_prefix(client, seeded, prefix, lang, direction):
    page = client.get(f"{prefix}/roadmap/").content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in page
