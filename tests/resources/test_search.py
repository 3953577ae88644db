"""Searching the library: stemming per language, facets, pagination, bad input, query counts."""

import datetime

import pytest
from django.urls import reverse

from copportal import pagecache
from meetings.seeds.vocabularies import load_risks
from resources import services
from resources.models import Resource

URL = reverse("resources:list")


def titles(response) -> list[str]:
    return [str(resource) for resource in response.context["page"].object_list]


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("language", "text", "query"),
    [
        (
            "fr",
            "Comment un prédateur peut exploiter sexuellement un enfant",
            "exploitation sexuelle des enfants",
        ),
        ("en", "How offenders try sexually exploiting a child", "sexual exploitation of a child"),
        ("es", "Cómo explotar sexualmente a un niño en línea", "explotación sexual de los niños"),
    ],
)
def test_each_language_is_stemmed_in_its_own_language(make_resource, language, text, query):
    found = make_resource("Found", language=language, summary=text)
    make_resource("Other", language=language, summary="Une autre chose: la vie privée.")
    assert list(Resource.objects.published().search(query, language)) == [found]


@pytest.mark.postgres
def test_web_search_syntax(make_resource):
    grooming = make_resource("Grooming explained", summary="grooming and online predators")
    bullying = make_resource("Bullying at school", summary="cyberbullying among pupils")
    video = make_resource("Grooming video", summary="grooming, a short video")
    found = set(Resource.objects.search("grooming -video", "en"))
    assert found == {grooming}
    assert set(Resource.objects.search("grooming OR cyberbullying", "en")) == {
        grooming,
        bullying,
        video,
    }
    assert set(Resource.objects.search('"short video"', "en")) == {video}


@pytest.mark.postgres
def test_title_ranks_above_a_mention(make_resource):
    mention = make_resource("A report", summary="it mentions privacy once")
    titled = make_resource("Privacy for children", summary="a guide")
    assert list(Resource.objects.search("privacy", "en")) == [titled, mention]


@pytest.mark.postgres
def test_the_vector_stays_current_when_a_resource_changes(make_resource, secretariat):
    resource = make_resource("Old title about firewalls")
    assert Resource.objects.search("firewalls", "en").exists()
    services.resource_update(
        resource_id=resource.pk, by=secretariat, title_en="New title about encryption"
    )
    assert not Resource.objects.search("firewalls", "en").exists()
    assert list(Resource.objects.search("encryption", "en")) == [resource]


@pytest.mark.postgres
def test_file_text_is_searched(make_resource, secretariat, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import make_docx

    resource = make_resource("A toolkit")
    upload = SimpleUploadedFile("kit.docx", make_docx("Sextortion prevention checklist"))
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_update(resource_id=resource.pk, by=secretariat, upload=upload)
    assert list(Resource.objects.search("sextortion", "en")) == [resource]


@pytest.mark.postgres
def test_chinese_matches_by_substring(make_resource):
    resource = make_resource("儿童在线保护指南", language="zh", summary="为家长和教育工作者")
    assert list(Resource.objects.search("在线保护", "zh")) == [resource]


@pytest.mark.postgres
def test_snippets_mark_the_words_and_escape_the_rest(client, make_resource):
    make_resource("Report", summary="<b>Grooming</b> is a risk; <script>x()</script> grooming")
    response = client.get(URL + "?q=grooming")
    assert "<mark>Grooming</mark>" in response.text
    assert "<script>x()</script>" not in response.text and "<b>" not in response.text


@pytest.mark.postgres
def test_did_you_mean(client, make_resource):
    make_resource("Cyberbullying prevention")
    response = client.get(URL + "?q=cyberbulying")
    assert response.context["suggestion"] == "cyberbullying"
    assert "Did you mean" in response.text


def test_plain_words_are_found(make_resource):
    found = make_resource("Age assurance toolkit", summary="How to check a user's age")
    make_resource("Something else")
    assert list(Resource.objects.published().search("assurance", "en")) == [found]


def test_drafts_never_appear_in_results(client, make_resource):
    make_resource("Secret draft guideline", publish=False)
    make_resource("Public guideline")
    assert titles(client.get(URL + "?q=guideline")) == ["Public guideline"]
    assert titles(client.get(URL)) == ["Public guideline"]


@pytest.fixture
def library(make_resource, audiences):
    risks = {theme.slug: theme for theme in load_risks()}
    children, parents = audiences[0], audiences[1]
    items = [
        ("guideline", "en", 2020, [children], ["grooming"], "europe"),
        ("guideline", "fr", 2020, [children, parents], ["grooming", "privacy"], "africa"),
        ("report", "en", 2023, [parents], ["privacy"], "africa"),
        ("report", "en", 2020, [children], ["grooming"], "africa"),
        ("toolkit", "es", 2024, [], [], ""),
    ]
    for i, (kind, language, year, who, themes, region) in enumerate(items):
        make_resource(
            f"Item {i} on child safety",
            language=language,
            summary="child safety",
            type=kind,
            published_on=datetime.date(year, 3, 1),
            audiences=who,
            themes=[risks[slug] for slug in themes],
            region=region,
        )
    return children, parents


def counts(response, facet):
    for name, _label, values in response.context["facets"]:
        if name == facet:
            return {v.value: v.count for v in values}
    raise AssertionError(facet)


def test_facet_counts_are_right_when_combined(client, library):
    children, _parents = library
    response = client.get(URL)
    assert counts(response, "type") == {"guideline": 2, "report": 2, "toolkit": 1}
    assert counts(response, "audience") == {"children": 3, "parents-educators": 2}
    response = client.get(URL + f"?audience={children.slug}&type=guideline")
    assert response.context["page"].paginator.count == 2
    # Each facet counts with the other facets applied (not its own).
    assert counts(response, "type") == {"guideline": 2, "report": 1}
    assert counts(response, "audience") == {"children": 2, "parents-educators": 1}
    assert counts(response, "theme") == {"grooming": 2, "privacy": 1}
    assert counts(response, "year") == {"2020": 2}
    response = client.get(URL + f"?audience={children.slug}&type=report&region=africa&year=2020")
    assert titles(response) == ["Item 3 on child safety"]
    assert counts(response, "language") == {"en": 1}
    response = client.get(URL + "?q=safety&theme=privacy")
    assert response.context["page"].paginator.count == 2
    assert counts(response, "region") == {"africa": 2}


def test_facet_links_are_shareable_urls(client, library):
    response = client.get(URL + "?q=safety&type=report")
    for _name, _label, values in response.context["facets"]:
        for value in values:
            assert value.url.startswith("?") and "q=safety" in value.url
    again = client.get(URL + "?q=safety&type=report&page=1")
    assert titles(again) == titles(response)


def test_pagination_counts_once(client, make_resource, django_assert_max_num_queries):
    for i in range(25):
        make_resource(f"Paged {i}", summary="child safety")
    response = client.get(URL + "?q=safety&page=2")
    assert response.context["page"].number == 2
    assert len(titles(response)) == 5
    assert response.context["page"].paginator.count == 25


def _bulk(count):
    from tests.factories import OrganizationFactory

    country = OrganizationFactory(name="Bulkland", iso_code="ZBK")
    resources = Resource.objects.bulk_create(
        Resource(
            slug=f"bulk-{i}",
            title_en=f"Bulk resource {i} about child safety",
            summary_en="child online safety",
            type=Resource.Type.REPORT if i % 2 else Resource.Type.GUIDELINE,
            language="en",
            region="europe",
            country=country,
            published_on=datetime.date(2020 + i % 5, 1, 1),
            year=2020 + i % 5,
            status=Resource.Status.PUBLISHED,
        )
        for i in range(count)
    )
    return resources


@pytest.mark.parametrize("url", [URL, URL + "?q=safety", URL + "?q=safety&type=report&year=2021"])
def test_queries_do_not_grow_with_results(client, db, url, django_assert_num_queries):
    _bulk(10)
    client.get(url)  # warm up (sessions, content types)
    pagecache.bump()  # the queries of a page rendered, not of the cached one
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _bulk_more = Resource.objects.bulk_create(
        Resource(
            slug=f"more-{i}",
            title_en=f"More {i} on child safety",
            summary_en="child online safety",
            type=Resource.Type.REPORT,
            language="fr",
            region="africa",
            country=Resource.objects.first().country,
            published_on=datetime.date(2021, 1, 1),
            year=2021,
            status=Resource.Status.PUBLISHED,
        )
        for i in range(490)
    )
    pagecache.bump()  # bulk_create sends no signal: the cached page would be served
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.context["page"].paginator.count > 10


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ("?q=", None),
        ("?q=" + "a" * 10_000, "only its first 200 characters"),
        ("?q=!!!%20...%20%3F%3F", "at least one word"),
        ("?q=%27%3B%20DROP%20TABLE%20resources_resource%3B--", None),
        ("?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", None),
        ("?q=%00nul", None),
        ("?type=spaceship", "value we do not know"),
        ("?audience=%3Cb%3Enobody%3C%2Fb%3E", "value we do not know"),
        ("?year=abc", "value we do not know"),
        ("?page=99999", "There is no page 99999"),
        ("?page=abc", "not one: here is the first page"),
        ("?page=-1", "not one: here is the first page"),
        ("?q=OR%20-%20%22", None),
    ],
)
def test_bad_input_gives_a_normal_page(client, make_resource, params, message):
    for i in range(3):
        make_resource(f"Resource {i} on safety", summary="safety")
    response = client.get(URL + params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "<b>nobody</b>" not in response.text
    if message:
        assert message in response.text
    assert Resource.objects.count() == 3


def test_htmx_gets_only_the_results(client, make_resource):
    make_resource("Resource on safety")
    response = client.get(URL + "?q=safety", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text and "resource-result" in response.text
    assert 'hx-swap-oob="true"' in response.text
    assert "HX-Request" in response["Vary"]
