"""The reference data: ITU Member States, their regions and classifications.

ITU has 194 Member States since Palau joined on 19 September 2024: the 193 UN members plus
Vatican City State (see "notes" in copportal/accounts/data/member_states.json).
"""

import json
import re
from collections import Counter

import pytest
from django.core.management import call_command

from copportal.accounts.models import Classification, Organization, Region
from copportal.accounts.seeds import DATA, load_organizations

MEMBER_STATES = 194
REGION_COUNTS = {
    "africa": 44,
    "americas": 35,
    "arab-states": 21,
    "asia-pacific": 39,
    "cis": 10,
    "europe": 45,
}
CLASSIFICATION_COUNTS = {"ldc": 44, "sids": 38, "lldc": 32, "eit": 17}
RAW = json.loads(DATA.read_text(encoding="utf-8"))


def _regions(queryset):
    return dict(Counter(queryset.values_list("region", flat=True)))


def _classification_codes(iso_code):
    state = Organization.objects.get(iso_code=iso_code)
    return set(state.classifications.values_list("code", flat=True))


# The file itself (no database).


def test_the_file_lists_the_member_states_once_each():
    states = RAW["member_states"]
    codes = [row["iso_code"] for row in states]
    names = [row["name"] for row in states]
    assert len(states) == MEMBER_STATES
    assert len(set(codes)) == MEMBER_STATES
    assert len(set(names)) == MEMBER_STATES
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)


def test_every_region_and_classification_in_the_file_is_valid():
    classification_codes = {row["code"] for row in RAW["classifications"]}
    assert classification_codes == {"ldc", "sids", "lldc", "eit"}
    for row in RAW["classifications"]:
        assert row["name"] and row["source"] and row["source_url"].startswith("https://")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["as_of"])
    for row in RAW["member_states"]:
        assert row["region"] in Region.values, row
        assert set(row["classifications"]) <= classification_codes, row
        assert len(set(row["classifications"])) == len(row["classifications"]), row


def test_the_file_says_where_its_data_comes_from():
    assert RAW["source"]
    assert "Palau" in RAW["notes"] and "Vatican" in RAW["notes"]


# Loaded into the database.


@pytest.mark.django_db
def test_loading_creates_the_member_states_with_their_regions_and_classifications():
    assert load_organizations() == MEMBER_STATES

    states = Organization.objects.member_states()
    assert states.count() == MEMBER_STATES
    assert states.filter(iso_code="").count() == 0
    assert _regions(states) == REGION_COUNTS
    assert set(REGION_COUNTS) == set(Region.values)
    assert Classification.objects.count() == 4
    counts = {c.code: c.organizations.count() for c in Classification.objects.all()}
    assert counts == CLASSIFICATION_COUNTS
    assert all(c.as_of is not None and c.source for c in Classification.objects.all())


@pytest.mark.django_db
def test_spot_checks():
    load_organizations()

    expected = {
        "PHL": ("Philippines", "asia-pacific", set()),
        "MWI": ("Malawi", "africa", {"ldc", "lldc"}),
        "KEN": ("Kenya", "africa", set()),
        "ARM": ("Armenia", "cis", {"lldc", "eit"}),
        "ALB": ("Albania", "europe", {"eit"}),
        "SAU": ("Saudi Arabia", "arab-states", set()),
        "FJI": ("Fiji", "asia-pacific", {"sids"}),
        "RUS": ("Russian Federation", "cis", {"eit"}),
        "EGY": ("Egypt", "arab-states", set()),
        "KAZ": ("Kazakhstan", "cis", {"lldc", "eit"}),
        "PLW": ("Palau", "asia-pacific", {"sids"}),
        "VAT": ("Vatican", "europe", set()),
        "BTN": ("Bhutan", "asia-pacific", {"lldc"}),  # graduated from LDC in December 2023
        "STP": ("Sao Tome and Principe", "africa", {"sids"}),  # graduated in December 2024
        "SLB": ("Solomon Islands", "asia-pacific", {"ldc", "sids"}),
        "COM": ("Comoros", "arab-states", {"ldc", "sids"}),
    }
    for iso_code, (name, region, codes) in expected.items():
        state = Organization.objects.get(iso_code=iso_code)
        assert (state.name, state.region, state.kind) == (name, region, "member-state")
        assert _classification_codes(iso_code) == codes, iso_code
    assert not Organization.objects.filter(iso_code="PSE").exists()


@pytest.mark.django_db
def test_other_organizations_are_loaded():
    load_organizations()

    others = Organization.objects.filter(kind=Organization.Kind.OTHER)
    names = set(others.values_list("name", flat=True))
    assert {"euCONSENT", "SWGfL", "UNICEF", "Internet Watch Foundation"} <= names
    assert not others.exclude(iso_code="").exists()
    assert not others.exclude(region="").exists()


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    load_organizations()
    before = (
        Organization.objects.count(),
        Classification.objects.count(),
        Organization.classifications.through.objects.count(),
    )
    load_organizations()
    after = (
        Organization.objects.count(),
        Classification.objects.count(),
        Organization.classifications.through.objects.count(),
    )
    assert after == before
    assert Organization.objects.member_states().count() == MEMBER_STATES
    assert _regions(Organization.objects.member_states()) == REGION_COUNTS


@pytest.mark.django_db
def test_load_seeds_command_loads_the_member_states():
    call_command("load_seeds", verbosity=0)

    assert Organization.objects.member_states().count() == MEMBER_STATES
