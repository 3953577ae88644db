"""Ranking is bounded: a query is ranked among its latest matches, the others follow, every
page is reachable, and each page costs the same (resources/search.py `ranked`)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from resources import browse, search
from resources.models import Resource

URL = reverse("resources:list")


@pytest.fixture
def small_ranking(monkeypatch):
    """Rank 4 matches, 2 to a page (the real figures: 200 and 20)."""
    monkeypatch.setattr(search, "RANKED", 4)
    monkeypatch.setattr(browse, "PAGE_SIZE", 2)


def _published(resource, days_ago):
    Resource.objects.filter(pk=resource.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


@pytest.fixture
def matches(make_resource):
    """Seven resources about grooming, published one a day; the oldest two match best."""
    made = {}
    for n in range(7):
        title = "Grooming grooming" if n >= 5 else f"Report {n}"
        made[n] = make_resource(title, summary="it mentions grooming once")
        _published(made[n], days_ago=n)
    return made


@pytest.mark.postgres
def test_ranked_pages_come_from_the_latest_matches(small_ranking, matches):
    ranked = list(Resource.objects.published().search("grooming", "en"))
    assert {r.pk for r in ranked} == {matches[n].pk for n in range(4)}


@pytest.mark.postgres
def test_the_best_of_the_latest_comes_first(small_ranking, make_resource, matches):
    best = make_resource("Grooming: grooming explained", summary="grooming")
    _published(best, days_ago=3)  # fourth latest: inside the ranked four
    matches[3].delete()
    ranked = list(Resource.objects.published().search("grooming", "en"))
    assert ranked[0] == best
    assert ranked[0].rank > ranked[1].rank


@pytest.mark.postgres
def test_every_match_is_on_exactly_one_page(client, small_ranking, matches):
    seen = []
    for page in (1, 2, 3, 4):
        response = client.get(URL, {"q": "grooming", "page": page})
        assert response.context["page"].number == page
        seen += [r.pk for r in response.context["page"].object_list]
    assert sorted(seen) == sorted(r.pk for r in matches.values())
    # After the ranked four: the others, latest first.
    assert seen[4:] == [matches[4].pk, matches[5].pk, matches[6].pk]


@pytest.mark.postgres
def test_pages_after_the_ranked_ones_have_snippets(client, small_ranking, matches):
    response = client.get(URL, {"q": "grooming", "page": 3})
    assert "<mark>grooming</mark>" in response.text


@pytest.mark.postgres
def test_a_page_after_the_ranked_ones_costs_the_same(client, small_ranking, matches):
    client.get(URL, {"q": "grooming"})  # warm up (sessions, content types)
    with CaptureQueriesContext(connection) as first:
        client.get(URL, {"q": "grooming", "page": 1})
    with CaptureQueriesContext(connection) as later:
        client.get(URL, {"q": "grooming", "page": 4})
    assert len(later.captured_queries) == len(first.captured_queries)


def test_ranked_is_a_whole_number_of_pages():
    assert search.RANKED % browse.PAGE_SIZE == 0
