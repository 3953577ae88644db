"""When a search finds nothing: any of the words, then "did you mean", then what to do."""

import pytest
from django.urls import reverse

from resources import services

URL = reverse("resources:list")

pytestmark = pytest.mark.postgres


def titles(response) -> list[str]:
    return [str(resource) for resource in response.context["page"].object_list]


@pytest.fixture
def french(make_resource):
    make_resource("Autre chose", language="fr", summary="La vie privée des élèves.")
    return make_resource(
        "Protection des enfants en ligne",
        language="fr",
        summary="Un guide pour les parents et les éducateurs.",
    )


def test_protéger_enfants_en_ligne_finds_the_protection_of_children_online(client, french):
    # protéger stems to `proteg`, protection to `protect`: no resource holds every word.
    response = client.get("/fr" + URL, {"q": "protéger enfants en ligne"})
    assert titles(response) == ["Protection des enfants en ligne"]
    assert response.context["state"].widened
    assert "data-widened" in response.text and "data-empty-state" not in response.text


def test_the_words_are_all_required_when_a_resource_holds_them_all(client, french, make_resource):
    make_resource("Les enfants et la protection", language="fr", summary="Protéger en ligne.")
    response = client.get("/fr" + URL, {"q": "protéger enfants en ligne"})
    assert titles(response) == ["Les enfants et la protection"]
    assert not response.context["state"].widened


def test_a_query_with_operators_is_not_widened(client, french):
    response = client.get("/fr" + URL, {"q": "protéger enfants -vie"})
    assert titles(response) == [] and not response.context["state"].widened


def test_a_misspelt_word_gets_a_correction_that_runs_the_search(client, make_resource):
    make_resource("Cyberbullying prevention", summary="For schools.")
    response = client.get(URL, {"q": "cyberbulying"})
    assert response.context["suggestion"] == "cyberbullying"
    assert 'data-suggestion>Did you mean: <a href="?q=cyberbullying"' in response.text
    assert titles(client.get(URL + response.context["suggestion_url"])) == [
        "Cyberbullying prevention"
    ]


def test_every_misspelt_word_is_corrected(client, make_resource):
    make_resource("Protection des enfants", language="fr", summary="En ligne.")
    response = client.get("/fr" + URL, {"q": "protectoin enfnats"})
    assert response.context["suggestion"] == "protection enfants"


def test_widened_results_come_with_a_correction(client, make_resource):
    make_resource("Protection des enfants", language="fr", summary="En ligne.")
    make_resource("La protection des données", language="fr", summary="Vie privée.")
    response = client.get("/fr" + URL, {"q": "protection enfnats"})
    assert response.context["state"].widened
    assert response.context["suggestion"] == "protection enfants"


def test_a_correction_that_finds_nothing_is_not_offered(client, make_resource, secretariat):
    resource = make_resource("Cyberbullying prevention", summary="For schools.")
    services.resource_unpublish(resource_id=resource.pk, by=secretariat)
    response = client.get(URL, {"q": "cyberbulying"})
    assert response.context["suggestion"] == ""
    assert "Did you mean" not in response.text


def test_nothing_and_no_correction_says_what_to_do(client, make_resource):
    make_resource("Age assurance", summary="Checking ages.")
    response = client.get(URL, {"q": "zzyzx", "type": "guideline"})
    assert titles(response) == [] and response.context["suggestion"] == ""
    assert "data-empty-state" in response.text
    assert "check the spelling of your words" in response.text
    assert 'href="?q=zzyzx"' in response.text  # the same search without the filters
    assert "browse the whole library" in response.text
