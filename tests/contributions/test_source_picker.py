"""The Source picker: own organization first and chosen, type-to-filter (Tom Select), the same
on the list's filter; plain checkboxes without JavaScript; options cached per language."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from contributions.choices import organization_choices
from contributions.forms import ContributionForm

from ..factories import OrganizationFactory


@pytest.mark.django_db
def test_without_javascript_the_sources_are_checkboxes_own_first_and_checked(
    client_for, delegate, meeting
):
    for name in ("Albania", "Zambia"):
        OrganizationFactory(name=name)
    page = client_for(delegate).get("/contributions/submit/").content.decode()
    picker = page.split("data-picker ")[1].split("</ul>")[0]
    boxes = picker.split('type="checkbox"')[1:]
    assert "Philippines" in boxes[0] and "checked" in boxes[0]
    assert all("checked" not in box for box in boxes[1:])
    assert picker.index("Albania") < picker.index("Zambia")
    assert "<select" not in page.split('id="id_sources"')[0].rsplit("<fieldset", 1)[-1]


@pytest.mark.django_db
def test_the_choices_are_cached_and_follow_changes(delegate):
    organization_choices()
    before = len(organization_choices())
    OrganizationFactory(name="Newland")
    assert len(organization_choices()) == before + 1
    with translation.override("fr"):
        assert len(organization_choices()) == before + 1


@pytest.mark.django_db
def test_rendering_the_sources_reads_the_cache_not_the_database(
    delegate, django_assert_num_queries
):
    call_command("load_seeds", verbosity=0)
    cache.clear()
    str(ContributionForm(user=delegate)["sources"])  # fills the cache
    form = ContributionForm(user=delegate)
    with django_assert_num_queries(0):
        html = str(form["sources"])
    assert html.count('type="checkbox"') > 200
    assert len(form.fields["sources"].choices) > 200


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_delegate_types_to_add_a_co_sponsor(browser_page):
    from copportal.accounts.seeds import DEMO_PASSWORD

    call_command("load_seeds", verbosity=0)
    page = browser_page
    page.goto("/accounts/login/")
    page.fill("#id_login", "delegate@example.org")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/contributions/mine/")
    page.goto("/contributions/submit/?meeting=99")
    assert page.locator("#id_sources").is_hidden()  # the checkboxes are replaced
    assert page.locator("[name=source_filter]").count() == 0  # the no-JS filter box too
    search = page.locator("#id_sources_picker-ts-control")
    search.click()
    search.fill("Malaw")
    page.locator(".ts-dropdown .option.active", has_text="Malawi").wait_for()
    page.keyboard.press("Enter")
    checked = page.evaluate(
        "Array.from(document.querySelectorAll('#id_sources input:checked'))"
        ".map(b => b.nextElementSibling.textContent.trim())"
    )
    assert checked == ["Philippines", "Malawi"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_lists_source_filter_is_a_picker_too(browser_page):
    call_command("load_seeds", verbosity=0)
    browser_page.goto("/contributions/")
    browser_page.locator(".ts-control").first.click()
    browser_page.locator("#id_source-ts-control").fill("Philipp")
    browser_page.locator(".ts-dropdown .option.active", has_text="Philippines").wait_for()
    browser_page.keyboard.press("Enter")
    value = browser_page.evaluate("document.getElementById('id_source').value")
    assert value != ""
