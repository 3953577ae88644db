"""From a published contribution to the library: prefilled, linked both ways."""

import pytest
from django.urls import reverse

from resources.models import Resource
from tests.factories import ContributionFactory, PublishedContributionFactory


@pytest.fixture
def contribution(organization):
    return PublishedContributionFactory(
        title="National awareness campaign on grooming",
        abstract="How the Philippines reached schools.",
        kind="good-practice",
        sources=[organization],
    )


@pytest.mark.parametrize(
    ("who", "status"), [(None, 302), ("delegate", 403), ("chair", 403), ("secretariat", 200)]
)
def test_only_the_secretariat_promotes(request, client_for, contribution, who, status):
    user = request.getfixturevalue(who) if who else None
    url = reverse("resources:from_contribution", args=[contribution.pk])
    assert client_for(user).get(url).status_code == status


def test_the_form_is_prefilled_from_the_contribution(client_for, secretariat, contribution):
    response = client_for(secretariat).get(
        reverse("resources:from_contribution", args=[contribution.pk])
    )
    form = response.context["form"]
    assert form["title_en"].value() == "National awareness campaign on grooming"
    assert form["summary_en"].value() == "How the Philippines reached schools."
    assert form["type"].value() == "good-practice"
    assert form["publisher"].value() == "Philippines"
    assert form["region"].value() == "asia-pacific"


def test_promoted_resources_link_back_and_show_on_the_contribution(
    client_for, secretariat, contribution
):
    client = client_for(secretariat)
    url = reverse("resources:from_contribution", args=[contribution.pk])
    for title in ("The campaign's poster", "The campaign's lesson plan"):
        response = client.post(
            url,
            {"original_language": "en", "title_en": title, "type": "toolkit", "language": "en"},
        )
        assert response.status_code == 302
    resources = list(contribution.resources.order_by("pk"))
    assert [r.title_en for r in resources] == [
        "The campaign's poster",
        "The campaign's lesson plan",
    ]
    assert all(r.status == Resource.Status.DRAFT for r in resources)
    # The public sees neither draft on the contribution's page; the secretariat does.
    public = client_for(None).get(contribution.get_absolute_url()).text
    assert "poster" not in public
    client = client_for(secretariat)
    client.post(reverse("resources:publish", args=[resources[0].slug]))
    public = client_for(None).get(contribution.get_absolute_url()).text
    assert resources[0].get_absolute_url() in public
    assert resources[1].get_absolute_url() not in public
    detail = client_for(None).get(resources[0].get_absolute_url()).text
    assert contribution.get_absolute_url() in detail


def test_only_published_contributions_are_promoted(client_for, secretariat):
    draft = ContributionFactory()
    url = reverse("resources:from_contribution", args=[draft.pk])
    assert client_for(secretariat).get(url).status_code == 404


def test_a_members_only_source_is_not_linked_for_the_public(
    client_for, secretariat, make_resource, organization
):
    hidden = PublishedContributionFactory(visibility="members", sources=[organization])
    resource = make_resource("From a members-only document", source_contribution=hidden)
    assert hidden.get_absolute_url() not in client_for(None).get(resource.get_absolute_url()).text
    page = client_for(secretariat).get(resource.get_absolute_url()).text
    assert hidden.get_absolute_url() in page
