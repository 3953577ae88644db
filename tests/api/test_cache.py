"""Anonymous GETs come from the page cache (resources/api/urls.py); a write shows at once,
a request with a token is always answered afresh and never stored for anyone else."""

import pytest

from contributions.models import Contribution

from .conftest import published


def titles(response):
    assert response.status_code == 200
    return {row["title"] for row in response.json()["results"]}


@pytest.mark.django_db
def test_the_second_anonymous_request_is_served_from_the_cache(
    api, meeting, organization, django_assert_num_queries
):
    published(meeting, organization, title="Age assurance")
    first = api("get", "/api/v1/contributions/")
    with django_assert_num_queries(0):
        second = api("get", "/api/v1/contributions/")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert (
        api("get", "/api/v1/contributions/", headers={"If-None-Match": first["ETag"]}).status_code
        == 304
    )


@pytest.mark.django_db
def test_a_change_shows_at_once(api, meeting, organization):
    contribution = published(meeting, organization, title="Age assurance")
    assert titles(api("get", "/api/v1/contributions/")) == {"Age assurance"}
    published(meeting, organization, title="Sextortion")
    assert titles(api("get", "/api/v1/contributions/")) == {"Age assurance", "Sextortion"}
    Contribution.objects.filter(pk=contribution.pk).delete()
    assert titles(api("get", "/api/v1/contributions/")) == {"Sextortion"}


@pytest.mark.django_db
def test_a_token_answer_is_never_cached_nor_served_to_the_anonymous(
    api, token_for, delegate, meeting, organization
):
    published(meeting, organization, title="Open", visibility="public")
    published(meeting, organization, title="For members", visibility="members")
    secret = token_for(delegate)
    assert "For members" in titles(api("get", "/api/v1/contributions/", secret))
    assert titles(api("get", "/api/v1/contributions/")) == {"Open"}
    assert titles(api("get", "/api/v1/contributions/")) == {"Open"}  # now from the cache
    # The token holder still gets their own answer, read from the database.
    assert "For members" in titles(api("get", "/api/v1/contributions/", secret))


@pytest.mark.django_db
def test_each_language_has_its_own_answer(api, meeting, organization):
    published(meeting, organization)
    english = api("get", "/api/v1/statistics/", headers={"Accept-Language": "en"})
    french = api("get", "/api/v1/statistics/", headers={"Accept-Language": "fr"})
    assert english.status_code == french.status_code == 200
    assert english.content != french.content
    assert english["ETag"] != french["ETag"]
    assert api("get", "/api/v1/statistics/", headers={"Accept-Language": "fr"}).content == (
        french.content
    )
