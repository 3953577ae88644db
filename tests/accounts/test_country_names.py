"""Member States' names in the six languages, from CLDR (babel); other organizations keep one."""

import pytest
from django.core.management import call_command
from django.utils import translation

from copportal.accounts.models import Organization
from copportal.accounts.seeds import country_names, load_organizations
from copportal.content import column
from copportal.languages import Language

ARMENIA = {
    "fr": "Arménie",
    "ar": "أرمينيا",
    "zh": "亚美尼亚",
    "ru": "Армения",
    "es": "Armenia",
}


def test_country_names_come_from_cldr_by_the_files_alpha_3_code():
    names = country_names("ARM")
    assert names == {column("name", code): name for code, name in ARMENIA.items()}
    assert country_names("ALB")["name_fr"] == "Albanie"
    assert country_names("KOR")["name_fr"] == "Corée du Sud"


@pytest.mark.django_db
def test_every_member_state_has_a_name_in_every_language():
    load_organizations()
    states = Organization.objects.member_states()
    for language in Language:
        name = column("name", language)
        assert not states.filter(**{f"{name}__isnull": True}).exists(), language
        assert states.values(name).distinct().count() == states.count(), language


@pytest.mark.django_db
def test_english_keeps_itus_names_from_the_file():
    load_organizations()
    assert Organization.objects.get(iso_code="KOR").name_en == "Korea (Republic of)"
    assert Organization.objects.get(name="Malawi").iso_code == "MWI"  # English is active


@pytest.mark.django_db
def test_other_organizations_keep_their_one_name_in_every_language():
    load_organizations()
    unicef = Organization.objects.get(name_en="UNICEF")
    for code in Language.values:
        with translation.override(Language(code).locale):
            assert str(unicef) == "UNICEF"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "names"),
    [
        ("/fr", ["Albanie, Arménie, Malawi"]),
        ("/ar", [ARMENIA["ar"], "ألبانيا", "ملاوي"]),
        ("/zh-hans", [ARMENIA["zh"], "阿尔巴尼亚", "马拉维"]),
        ("/ru", [ARMENIA["ru"], "Албания"]),
        ("", ["Albania, Armenia, Malawi"]),
    ],
)
def test_meeting_page_names_the_presenters_in_the_readers_language(client, prefix, names):
    call_command("load_seeds", "--no-demo", verbosity=0)
    page = client.get(f"{prefix}/meetings/19/").content.decode()
    for name in names:
        assert name in page


@pytest.mark.django_db
def test_search_finds_an_organization_by_its_name_in_any_language():
    load_organizations()
    with translation.override("fr"):
        assert list(Organization.objects.search("arménie").values_list("iso_code", flat=True)) == [
            "ARM"
        ]
        assert Organization.objects.search("UNICEF").get().name_en == "UNICEF"
    assert Organization.objects.search("亚美尼亚").get().iso_code == "ARM"


def _option_labels(form, name) -> list[str]:
    return [str(label) for value, label in form.fields[name].choices if value != ""]


@pytest.mark.django_db
def test_organizations_are_listed_in_alphabetical_order_in_french():
    """The database's byte order would put "Égypte" after "Zimbabwe" and the organizations
    with one name (no French column) apart; the lists people pick from read alphabetically."""
    from contributions.forms import organization_choices
    from copportal.accounts.forms import AffiliationRequestForm
    from resources.forms import HelplineForm

    load_organizations()
    with translation.override("fr"):
        everyone = [name for _pk, name in organization_choices()]
        states = _option_labels(HelplineForm(), "country")
        affiliation = _option_labels(AffiliationRequestForm(), "organization")
    for names in (everyone, states):
        assert names.index("Djibouti") < names.index("Égypte") < names.index("Espagne")
        assert names.index("Zambie") == len(names) - 2  # then Zimbabwe
    assert everyone.index("Tuvalu") < everyone.index("UNICEF") < everyone.index("Uruguay")
    assert "UNICEF" not in states
    # The affiliation form: the Member States first, then the others, each in order.
    assert affiliation[: len(states)] == states
    assert affiliation[len(states) :] == sorted(affiliation[len(states) :], key=str.casefold)
