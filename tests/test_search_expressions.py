"""The search's own expressions write the SQL Django's would (copportal/search.py): the same
statement, the same parameters, so nothing but the cost of building it changes."""

import pytest
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F

from copportal.search import START, STOP, Headline, WebSearchQuery
from resources.models import Resource

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _sql(queryset):
    return queryset.query.get_compiler("default").as_sql()


def _django_query(text, config):
    stemmed = SearchQuery(text, config=config, search_type="websearch")
    if config == "simple":
        return stemmed
    return stemmed | SearchQuery(text, config="simple", search_type="websearch")


@pytest.mark.parametrize("config", ["english", "french", "simple"])
def test_the_same_statement_as_django_expressions(config):
    text = 'grooming OR "age assurance" -industry'

    def annotated(query, snippet):
        return Resource.objects.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query), snippet=snippet
        )

    ours = annotated(
        WebSearchQuery(text, config),
        Headline(F("summary_en"), WebSearchQuery(text, config), config=config),
    )
    django = annotated(
        _django_query(text, config),
        SearchHeadline(
            "summary_en",
            _django_query(text, config),
            config=config,
            start_sel=START,
            stop_sel=STOP,
            max_words=35,
            min_words=15,
        ),
    )
    assert _sql(ours) == _sql(django)
