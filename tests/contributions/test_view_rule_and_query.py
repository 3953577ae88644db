"""The rule `contributions.view_contribution` (rules.py) and the queries `visible_to` and
`listed_for` agree, for every kind of user × every status × public or members-only."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from contributions.models import Contribution
from tests.factories import AffiliationFactory, ContributionFactory, UserFactory

Status = Contribution.Status
Visibility = Contribution.Visibility


@pytest.fixture
def users(delegate, other_delegate, outsider, chair, secretariat, organization):
    # Authors who are not members: a submitter whose affiliation is still pending (or was
    # refused), one with none (the secretariat submitted in their name).
    pending = AffiliationFactory(
        organization=organization, user__email="pending@example.org", status="pending"
    )
    return {
        "anonymous": AnonymousUser(),
        "outsider": outsider,
        "author (delegate of a source)": delegate,
        "submitter without affiliation": UserFactory(email="submitter@example.org"),
        "submitter, affiliation pending": pending.user,
        "other delegate": other_delegate,
        "chair": chair,
        "secretariat": secretariat,
    }


@pytest.fixture
def contributions(users, organization):
    made = []
    submitters = [users["submitter without affiliation"], users["submitter, affiliation pending"]]
    for status, visibility, submitter, after_publication in itertools.product(
        Status.values, Visibility.values, submitters, (False, True)
    ):
        if after_publication and status != Status.WITHDRAWN:
            continue  # only a withdrawal can come before or after publication
        made.append(
            ContributionFactory(
                status=status,
                visibility=visibility,
                submitter=submitter,
                sources=[organization],
                published_at=timezone.now()
                if status == Status.PUBLISHED or after_publication
                else None,
            )
        )
    return made


@pytest.mark.django_db
def test_visible_to_is_the_view_rule_as_a_query(users, contributions):
    for name, user in users.items():
        by_rule = {
            c.pk for c in contributions if user.has_perm("contributions.view_contribution", c)
        }
        by_query = set(Contribution.objects.visible_to(user).values_list("pk", flat=True))
        assert by_query == by_rule, name


@pytest.mark.django_db
def test_listed_for_is_the_published_ones_the_rule_lets_the_user_open(users, contributions):
    for name, user in users.items():
        by_rule = {
            c.pk
            for c in contributions
            if c.status == Status.PUBLISHED and user.has_perm("contributions.view_contribution", c)
        }
        by_query = set(Contribution.objects.listed_for(user).values_list("pk", flat=True))
        assert by_query == by_rule, name


def test_the_comparison_covers_every_status_and_visibility(contributions):
    assert {(c.status, c.visibility) for c in contributions} == set(
        itertools.product(Status.values, Visibility.values)
    )
