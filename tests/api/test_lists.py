"""Pages, filters, ETags, and JSON for every malformed request."""

import pytest

from ..factories import MeetingFactory, OrganizationFactory
from .conftest import published


@pytest.fixture
def many(meeting, organization):
    return [published(meeting, organization, title=f"Contribution {n}") for n in range(5)]


@pytest.mark.django_db
def test_pages_have_counts_and_links(api, many):
    first = api("get", "/api/v1/contributions/?per_page=2").json()
    assert (first["count"], first["pages"], first["page"], first["previous"]) == (5, 3, 1, None)
    assert first["next"] == "http://testserver/api/v1/contributions/?per_page=2&page=2"
    last = api("get", "/api/v1/contributions/?per_page=2&page=3").json()
    assert last["next"] is None and len(last["results"]) == 1
    seen = {
        r["id"]
        for p in (1, 2, 3)
        for r in api("get", f"/api/v1/contributions/?per_page=2&page={p}").json()["results"]
    }
    assert seen == {c.pk for c in many}


@pytest.mark.django_db
def test_a_page_past_the_last_is_a_json_404(api, many):
    response = api("get", "/api/v1/contributions/?page=9")
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no page 9: the last page is 1."


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["page=0", "page=abc", "per_page=0", "per_page=1000", "page=99999999999999999999", "page="],
)
def test_bad_paging_is_a_json_4xx(api, many, query):
    response = api("get", f"/api/v1/contributions/?{query}")
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.django_db
def test_filters_match_the_pages_filters(api, meeting, organization, many):
    other = OrganizationFactory(name="Kenya", iso_code="KEN", region="africa")
    kenyan = published(MeetingFactory(number=31), other, title="From Kenya")
    assert [r["id"] for r in api("get", "/api/v1/contributions/?meeting=31").json()["results"]] == [
        kenyan.pk
    ]
    assert [
        r["id"] for r in api("get", f"/api/v1/contributions/?source={other.pk}").json()["results"]
    ] == [kenyan.pk]
    assert api("get", "/api/v1/contributions/?region=africa").json()["count"] == 1
    assert api("get", "/api/v1/contributions/?language=en").json()["count"] == 6
    assert api("get", "/api/v1/contributions/?language=fr").json()["count"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/contributions/?meeting=abc", "meeting"),
        ("/api/v1/contributions/?region=mars", "region"),
        ("/api/v1/contributions/?theme=a%20b", "theme"),
        ("/api/v1/resources/?type=spaceship", "type"),
        ("/api/v1/resources/?year=12", "year"),
    ],
)
def test_a_malformed_filter_value_is_a_422_naming_it(api, many, path, field):
    response = api("get", path)
    assert response.status_code == 422
    assert ["query", field] in [e["loc"] for e in response.json()["errors"]]
    assert field in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/contributions/?meeting=77",
        "/api/v1/contributions/?source=999999",
        "/api/v1/contributions/?theme=nothing-like-it",
        "/api/v1/resources/?audience=nobody",
    ],
)
def test_a_filter_naming_nothing_there_matches_nothing(api, many, path):
    from resources.models import Resource

    Resource.objects.create(slug="r", title="R", type="report", status="published")
    response = api("get", path)
    assert response.status_code == 200
    assert (response.json()["count"], response.json()["results"]) == (0, [])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing-here/",
        "/api/v1/contributions/abc/",
        "/api/v1/contributions/99999999999999999999/",
        "/api/v1/meetings/4294967296/",
        "/api/v1/meetings/7/agenda/",
        "/api/v1/resources/no-such-thing/",
        "/api/v1/liaison-notes/0/",
        "/api/v1/meetings",
    ],
)
def test_unknown_addresses_are_json_404s(api, many, path):
    response = api("get", path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.django_db
def test_a_wrong_method_is_a_json_405(api):
    response = api("delete", "/api/v1/meetings/")
    assert response.status_code == 405
    assert response.json()["detail"] == "Method DELETE is not allowed here; allowed: GET."
    assert response["Allow"] == "GET"


@pytest.mark.django_db
def test_a_malformed_submission_is_a_json_422(api, token_for, delegate, meeting):
    response = api("post", "/api/v1/contributions/", token_for(delegate), data={"meeting": "x"})
    assert response.status_code == 422
    assert {tuple(e["loc"]) for e in response.json()["errors"]} >= {
        ("form", "meeting"),
        ("form", "title"),
    }


@pytest.mark.django_db
def test_weak_etag_and_304(api, many):
    first = api("get", "/api/v1/contributions/")
    etag = first["ETag"]
    assert etag.startswith('W/"')
    again = api("get", "/api/v1/contributions/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag and again.content == b""
    # Strong or listed, it is the same tag (weak comparison).
    listed = api("get", "/api/v1/contributions/", headers={"If-None-Match": f'"x", {etag[2:]}'})
    assert listed.status_code == 304


@pytest.mark.django_db
def test_the_etag_changes_with_the_content(api, many):
    etag = api("get", "/api/v1/contributions/")["ETag"]
    many[0].title = "Renamed"
    many[0].save()
    response = api("get", "/api/v1/contributions/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Authorization" in response["Vary"]


@pytest.mark.django_db
def test_translated_fields_come_in_six_languages(api, meeting):
    meeting.summary_en, meeting.summary_fr = "Summary", "Résumé"
    meeting.save()
    body = api("get", "/api/v1/meetings/30/").json()
    assert body["summary"] == {
        "ar": "",
        "zh": "",
        "en": "Summary",
        "fr": "Résumé",
        "ru": "",
        "es": "",
    }
    listed = api("get", "/api/v1/meetings/?when=upcoming").json()
    assert [m["number"] for m in listed["results"]] == [30]
    assert api("get", "/api/v1/meetings/?when=past").json()["count"] == 0


@pytest.mark.django_db
def test_library_search_is_the_pages_search(api):
    from resources.models import Resource

    Resource.objects.create(
        slug="grooming",
        title="Online grooming",
        summary="About grooming risks.",
        type="report",
        status="published",
    )
    Resource.objects.create(slug="other", title="Other", type="guideline", status="published")
    body = api("get", "/api/v1/resources/?q=grooming").json()
    assert [r["slug"] for r in body["results"]] == ["grooming"]
    assert "<mark>" in body["results"][0]["snippet"]
    assert {v["value"]: v["count"] for v in body["facets"]["type"]} == {"report": 1}
    filtered = api("get", "/api/v1/resources/?type=guideline").json()
    assert [r["slug"] for r in filtered["results"]] == ["other"]
    assert api("get", "/api/v1/resources/?page=2").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/contributions/", "/api/v1/liaison-notes/"])
def test_list_queries_stay_constant_as_lists_grow(api, meeting, organization, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from copportal import pagecache
    from meetings.liaison.models import LiaisonNote

    def add(n):
        for i in range(n):
            published(meeting, organization, title=f"C{i}")
            LiaisonNote.objects.create(meeting=meeting, subject=f"N{i}", status="sent")

    add(2)
    api("get", path)  # the filters' choices are cached by the first request
    pagecache.bump()  # and the answer too: count the queries of a fresh one
    with CaptureQueriesContext(connection) as few:
        assert api("get", path).status_code == 200
    add(4)
    with CaptureQueriesContext(connection) as more:
        assert api("get", path).json()["count"] == 6
    assert len(more) == len(few)
