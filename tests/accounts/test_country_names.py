"""Member States' names: the UN short names in the six languages, shipped as data with their
source (copportal/accounts/data/country_names.json); other organizations keep one name."""

import json
import re

import pytest
from django.core.management import call_command
from django.utils import translation

from copportal.accounts.models import Organization
from copportal.accounts.seeds import COUNTRY_NAMES, DATA, country_names, load_organizations
from copportal.content import column
from copportal.languages import Language

ARMENIA = {
    "fr": "Arménie",
    "ar": "أرمينيا",
    "zh": "亚美尼亚",
    "ru": "Армения",
    "es": "Armenia",
}


def test_country_names_are_read_from_the_data_by_the_files_alpha_3_code():
    names = country_names("ARM")
    assert names == {
        column("name", code): name for code, name in {**ARMENIA, "en": "Armenia"}.items()
    }
    assert country_names("ALB")["name_fr"] == "Albanie"


UN_SHORT_NAMES = {
    "BOL": {
        "en": "Bolivia (Plurinational State of)",
        "fr": "Bolivie (État plurinational de)",
        "es": "Bolivia (Estado Plurinacional de)",
        "ru": "Боливия (Многонациональное Государство)",
        "ar": "بوليفيا (دولة - المتعددة القوميات)",
        "zh": "多民族玻利维亚国",
    },
    "KOR": {
        "en": "Republic of Korea",
        "fr": "République de Corée",
        "es": "República de Corea",
        "ru": "Республика Корея",
        "ar": "جمهورية كوريا",
        "zh": "大韩民国",
    },
    "PRK": {
        "en": "Democratic People's Republic of Korea",
        "fr": "République populaire démocratique de Corée",
        "es": "República Popular Democrática de Corea",
        "ru": "Корейская Народно-Демократическая Республика",
        "ar": "جمهورية كوريا الشعبية الديمقراطية",
        "zh": "朝鲜民主主义人民共和国",
    },
    "IRN": {
        "en": "Iran (Islamic Republic of)",
        "fr": "Iran (République islamique d')",
        "es": "Irán (República Islámica del)",
        "ru": "Иран (Исламская Республика)",
        "zh": "伊朗伊斯兰共和国",
    },
    "VEN": {
        "en": "Venezuela (Bolivarian Republic of)",
        "fr": "Venezuela (République bolivarienne du)",
        "es": "Venezuela (República Bolivariana de)",
        "ru": "Венесуэла (Боливарианская Республика)",
        "zh": "委内瑞拉玻利瓦尔共和国",
    },
    "TZA": {
        "en": "United Republic of Tanzania",
        "fr": "République-Unie de Tanzanie",
        "es": "República Unida de Tanzanía",
        "ru": "Объединенная Республика Танзания",
        "ar": "جمهورية تنزانيا المتحدة",
        "zh": "坦桑尼亚联合共和国",
    },
    "MDA": {
        "en": "Republic of Moldova",
        "fr": "République de Moldova",
        "es": "República de Moldova",
        "ru": "Республика Молдова",
        "zh": "摩尔多瓦共和国",
    },
    "LAO": {
        "en": "Lao People's Democratic Republic",
        "fr": "République démocratique populaire lao",
        "es": "República Democrática Popular Lao",
        "ru": "Лаосская Народно-Демократическая Республика",
        "zh": "老挝人民民主共和国",
    },
    "SYR": {
        "en": "Syrian Arab Republic",
        "fr": "République arabe syrienne",
        "es": "República Árabe Siria",
        "ru": "Сирийская Арабская Республика",
        "ar": "الجمهورية العربية السورية",
        "zh": "阿拉伯叙利亚共和国",
    },
    "FJI": {"en": "Fiji", "fr": "Fidji", "es": "Fiji", "ru": "Фиджи", "zh": "斐济"},
    "RUS": {
        "en": "Russian Federation",
        "fr": "Fédération de Russie",
        "es": "Federación de Rusia",
        "ru": "Российская Федерация",
        "ar": "الاتحاد الروسي",
        "zh": "俄罗斯联邦",
    },
    "GBR": {
        "en": "United Kingdom of Great Britain and Northern Ireland",
        "fr": "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "es": "Reino Unido de Gran Bretaña e Irlanda del Norte",
        "ru": "Соединенное Королевство Великобритании и Северной Ирландии",
        "zh": "大不列颠及北爱尔兰联合王国",
    },
    "USA": {
        "en": "United States of America",
        "fr": "États-Unis d'Amérique",
        "es": "Estados Unidos de América",
        "ru": "Соединенные Штаты Америки",
        "ar": "الولايات المتحدة الأمريكية",
        "zh": "美利坚合众国",
    },
    "CIV": {"en": "Côte d'Ivoire", "fr": "Côte d'Ivoire", "es": "Côte d'Ivoire"},
    "VNM": {"en": "Viet Nam", "fr": "Viet Nam", "es": "Viet Nam", "ar": "فييت نام"},
    "TUR": {"en": "Türkiye", "fr": "Türkiye", "es": "Türkiye"},
    "NLD": {
        "en": "Netherlands (Kingdom of the)",
        "fr": "Pays-Bas (Royaume des)",
        "es": "Países Bajos (Reino de los)",
    },
    "KEN": {"es": "Kenya"},
    "NZL": {"es": "Nueva Zelandia"},
}


@pytest.mark.parametrize(
    ("iso_code", "language", "name"),
    [(code, lang, name) for code, names in UN_SHORT_NAMES.items() for lang, name in names.items()],
)
def test_member_states_have_their_un_short_names(iso_code, language, name):
    assert country_names(iso_code)[column("name", language)] == name


def test_the_names_say_where_they_come_from_and_cover_every_member_state():
    data = json.loads(COUNTRY_NAMES.read_text(encoding="utf-8"))
    source = " ".join(map(str, data["source"].values()))
    assert "UNTERM" in source and "without network access" in source and "CLDR" in source
    states = json.loads(DATA.read_text(encoding="utf-8"))["member_states"]
    assert set(data["names"]) == {row["iso_code"] for row in states}
    for code, names in data["names"].items():
        assert set(names) == set(Language.values), code
        assert all(name.strip() == name and name for name in names.values()), code


def test_english_is_the_un_short_name_except_the_vatican_whose_english_is_itus():
    """ITU's file writes 'Korea (Republic of)'; the names use the UN's short name in every
    language. The Vatican is not a UN Member State (the UN names the Holy See): ITU's name."""
    states = {row["iso_code"]: row["name"] for row in json.loads(DATA.read_text())["member_states"]}
    assert states["KOR"] == "Korea (Republic of)"
    assert country_names("KOR")["name_en"] == "Republic of Korea"
    assert country_names("VAT")["name_en"] == states["VAT"] == "Vatican"
    assert "Holy See" not in country_names("VAT").values()


@pytest.mark.django_db
def test_every_member_state_has_a_name_in_every_language():
    load_organizations()
    states = Organization.objects.member_states()
    for language in Language:
        name = column("name", language)
        assert not states.filter(**{f"{name}__isnull": True}).exists(), language
        assert states.values(name).distinct().count() == states.count(), language


@pytest.mark.django_db
def test_the_seeds_give_member_states_their_un_names_and_update_existing_rows():
    load_organizations()
    korea = Organization.objects.get(iso_code="KOR")
    assert (korea.name_en, korea.name_fr) == ("Republic of Korea", "République de Corée")
    assert Organization.objects.get(name="Malawi").iso_code == "MWI"  # English is active
    # A database seeded before (ITU's English, CLDR's French) is brought up to date, once.
    Organization.objects.filter(iso_code="KOR").update(
        name_en="Korea (Republic of)", name_fr="Corée du Sud"
    )
    load_organizations()
    before = list(Organization.objects.order_by("pk").values())
    load_organizations()
    assert list(Organization.objects.order_by("pk").values()) == before
    korea.refresh_from_db()
    assert (korea.name_en, korea.name_fr) == ("Republic of Korea", "République de Corée")
    with translation.override("ar"):
        assert str(Organization.objects.get(iso_code="SYR")) == "الجمهورية العربية السورية"


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
    page = re.sub(r"</?bdi>", "", page)  # each name is isolated from the sentence's direction
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
    from contributions.choices import organization_choices
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
