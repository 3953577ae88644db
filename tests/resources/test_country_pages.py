"""Country pages: /countries/ and /countries/<iso3>/ for every Member State, in six languages,
with only what the reader may see, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from copportal import pagecache
from copportal.accounts.models import Organization
from copportal.accounts.seeds import country_names, load_organizations
from meetings.models import Registration
from resources.countries import services
from resources.models import HelplineEntry

from ..factories import MeetingFactory, PublishedContributionFactory, UserFactory

CHECKED = datetime.date(2025, 5, 2)


@pytest.fixture
def seeded(db):
    load_organizations()
    return Organization.objects.member_states()


def _entry(state, by, title="National COP strategy 2024-2028", **fields):
    fields.setdefault("kind", "strategy")
    fields.setdefault("source_url", "https://example.org/strategy")
    return services.country_entry_create(
        by=by, organization=state, title_en=title, date_checked=CHECKED, **fields
    )


def test_every_seeded_member_state_has_its_page(client, seeded):
    states = list(seeded)
    assert len(states) == 194
    index = client.get("/countries/").content.decode()
    for state in states:
        path = f"/countries/{state.iso_code.lower()}/"
        assert f'href="{path}"' in index
        response = client.get(path)
        assert response.status_code == 200, state.iso_code
        assert escape(country_names(state.iso_code)["name_en"]) in response.content.decode()


def test_the_code_works_in_either_case_and_an_unknown_one_is_404(client, seeded):
    assert client.get("/countries/PHL/").status_code == 200
    assert client.get("/countries/phl/").status_code == 200
    assert client.get("/countries/PhL/").status_code == 200
    for path in ["/countries/xyz/", "/countries/ph/", "/countries/phil/", "/fr/countries/zzz/"]:
        response = client.get(path)
        assert response.status_code == 404, path
    assert "Page not found" in client.get("/countries/xyz/").content.decode()


def test_an_organization_that_is_no_member_state_has_no_page(client, db):
    Organization.objects.create(kind="sector-member", name="Acme", iso_code="ACM")
    assert client.get("/countries/acm/").status_code == 404


@pytest.mark.parametrize(
    ("prefix", "lang", "direction"),
    [("", "en", "ltr"), ("/fr", "fr", "ltr"), ("/es", "es", "ltr"), ("/ru", "ru", "ltr"),
     ("/ar", "ar", "rtl"), ("/zh-hans", "zh-hans", "ltr")],
)  # fmt: skip
def test_pages_in_the_six_languages_name_countries_by_their_un_short_names(
    client, seeded, prefix, lang, direction
):
    code = {"": "en", "/zh-hans": "zh_hans"}.get(prefix, prefix[1:])
    fiji = country_names("FJI")[f"name_{code}"]
    index = client.get(f"{prefix}/countries/").content.decode()
    assert f'lang="{lang}"' in index and f'dir="{direction}"' in index
    assert fiji in index
    page = client.get(f"{prefix}/countries/fji/").content.decode()
    assert f'lang="{lang}"' in page and f'dir="{direction}"' in page
    assert f"<h1>{fiji}</h1>" in page


def test_the_page_names_region_and_classifications_in_the_readers_language(client, seeded):
    page = client.get("/fr/countries/fji/").content.decode()
    assert "Asie-Pacifique" in page
    assert "Petit État insulaire en développement (PEID)" in page  # /work/tr/countries.json
    page = client.get("/countries/afg/").content.decode()
    assert "Least developed country (LDC)" in page
    assert "Landlocked developing country (LLDC)" in page


def test_the_seeds_bulk_writes_reach_cached_answers_at_once(client, seeded):
    """The seeds write the Member States in bulk, which sends no signal: what they change
    still shows at once where the anonymous get cached answers (the API's organizations)."""

    def names():
        answer = client.get("/api/v1/organizations/", {"name": "Fi"})
        return {row["name"]["en"] for row in answer.json()["results"]}

    Organization.objects.filter(iso_code="FJI").update(name="Fidji", name_en="Fidji")
    pagecache.bump()
    assert "Fidji" in names()  # and now cached
    load_organizations()
    assert "Fiji" in names() and "Fidji" not in names()


def test_contributions_and_meetings_follow_the_visibility_rule(
    client_for, organization, delegate, other_delegate, chair
):
    meeting = MeetingFactory(number=20, start_date=datetime.date(2024, 1, 22))
    public = PublishedContributionFactory(meeting=meeting, title="Open one", sources=[organization])
    members = PublishedContributionFactory(
        meeting=MeetingFactory(number=19, start_date=datetime.date(2023, 10, 10)),
        title="Members one",
        visibility="members",
        sources=[organization],
    )
    draft = PublishedContributionFactory(
        title="Secret draft", status="draft", number=None, sources=[organization]
    )
    anonymous = client_for(None).get("/countries/phl/").content.decode()
    assert public.title in anonymous and members.title not in anonymous
    assert draft.title not in anonymous
    assert "/meetings/20/" in anonymous and "/meetings/19/" not in anonymous
    # The figures count members-only ones (never named) for everyone.
    assert "<td>19</td><td>1</td>" in anonymous and "<td>20</td><td>1</td>" in anonymous
    member = client_for(other_delegate).get("/countries/phl/").content.decode()
    assert members.title in member and "/meetings/19/" in member
    assert draft.title not in client_for(chair).get("/countries/phl/").content.decode()


def test_registrations_count_as_meetings_for_officers_only(
    client_for, organization, delegate, secretariat
):
    meeting = MeetingFactory(number=33)
    Registration.objects.create(meeting=meeting, user=delegate, organization=organization)
    assert "/meetings/33/" not in client_for(None).get("/countries/phl/").content.decode()
    assert "/meetings/33/" not in client_for(delegate).get("/countries/phl/").content.decode()
    page = client_for(secretariat).get("/countries/phl/").content.decode()
    assert "/meetings/33/" in page and "registration only" in page


def test_the_countrys_child_helplines_are_listed(client, organization, other_organization):
    HelplineEntry.objects.create(
        country=organization, name="Bantay Bata 163", number="163",
        source_url="https://example.org/ph", source_date=CHECKED,
    )  # fmt: skip
    HelplineEntry.objects.create(
        country=other_organization, name="Malawi line", number="116",
        source_url="https://example.org/mw", source_date=CHECKED,
    )  # fmt: skip
    page = client.get("/countries/phl/").content.decode()
    assert "Bantay Bata 163" in page and "Malawi line" not in page
    assert "https://example.org/ph" in page


def test_the_query_count_stays_the_same_as_entries_and_contributions_grow(
    client_for, organization, delegate, secretariat
):
    meeting = MeetingFactory(number=20)

    def add(n):
        for i in range(n):
            PublishedContributionFactory(meeting=meeting, sources=[organization])
            _entry(organization, secretariat, title=f"Strategy {i}")
            HelplineEntry.objects.create(
                country=organization, name=f"Line {i} {n}", number="1",
                source_url="https://example.org/", source_date=CHECKED,
            )  # fmt: skip

    counts = []
    for n in (1, 6):
        add(n)
        for user in (None, delegate, secretariat):
            client = client_for(user)
            client.get("/countries/phl/")  # the session and the user's roles, once
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/countries/phl/").status_code == 200
            counts.append((user and user.email, len(queries)))
    assert counts[:3] == counts[3:]


def test_the_index_is_one_query_for_the_states(client, seeded, django_assert_max_num_queries):
    client.get("/countries/")
    with django_assert_max_num_queries(3):
        client.get("/countries/")


def test_only_approved_entries_are_public(client_for, organization, delegate, secretariat):
    proposed = _entry(organization, delegate, title="Proposed strategy")
    approved = _entry(organization, secretariat, title="Recorded policy", kind="policy")
    anonymous = client_for(None).get("/countries/phl/").content.decode()
    assert approved.title_en in anonymous and proposed.title_en not in anonymous
    assert "checked on 2 May 2025" in anonymous
    assert "https://example.org/strategy" in anonymous
    own = client_for(delegate).get("/countries/phl/").content.decode()
    assert proposed.title_en in own and "Not public" in own
    stranger = client_for(UserFactory()).get("/countries/phl/").content.decode()
    assert proposed.title_en not in stranger
