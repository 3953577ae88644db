"""The chair records a meeting's outcomes: recommendations and draft resolutions."""

import pytest

from meetings.models import DraftResolution, Recommendation

from ..factories import MeetingFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.parametrize(
    "who,status", [(None, 302), ("delegate", 403), ("secretariat", 403), ("chair", 200)]
)
def test_who_may_record_outcomes(client_for, request, who, status):
    MeetingFactory(number=37)
    user = request.getfixturevalue(who) if who else None
    assert client_for(user).get("/meetings/37/outcomes/edit/").status_code == status


def test_the_chair_records_a_recommendation_and_a_draft_resolution(client_for, chair, client):
    meeting = MeetingFactory(number=37)
    philippines = OrganizationFactory(name="Philippines", iso_code="PHL")
    data = {
        **management("recommendations", 1),
        "recommendations-0-original_language": "fr",
        "recommendations-0-text_fr": "Améliorer le modèle de contribution.",
        "recommendations-0-text_en": "Improve the contribution template.",
        "recommendations-0-order": "1",
        **management("resolutions", 1),
        "resolutions-0-original_language": "en",
        "resolutions-0-title_en": "International Girls in ICT Day",
        "resolutions-0-status": "adopted",
        "resolutions-0-proposers": [philippines.pk],
    }
    response = client_for(chair).post("/meetings/37/outcomes/edit/", data)
    assert response.status_code == 302
    assert Recommendation.objects.get(meeting=meeting).text_fr.startswith("Améliorer")
    resolution = DraftResolution.objects.get(meeting=meeting)
    assert list(resolution.proposers.all()) == [philippines]
    page = client.get("/meetings/37/").content.decode()
    assert "Improve the contribution template." in page
    assert "International Girls in ICT Day" in page and "Adopted and forwarded to Council" in page


def test_a_recommendation_needs_its_text_in_its_original_language(client_for, chair):
    MeetingFactory(number=37)
    data = {
        **management("recommendations", 1),
        "recommendations-0-original_language": "fr",
        "recommendations-0-text_en": "Only English.",
        "recommendations-0-order": "1",
        **management("resolutions", 0),
    }
    response = client_for(chair).post("/meetings/37/outcomes/edit/", data)
    assert response.status_code == 400
    assert "Give the text in the original language." in response.content.decode()
    assert not Recommendation.objects.exists()


def test_home_shows_the_latest_sent_liaison_notes(client):
    from django.core.management import call_command

    call_command("load_seeds", "--no-demo", verbosity=0)
    page = client.get("/").content.decode()
    assert "Latest liaison notes" in page
    assert "Results of the 19th and 20th meetings of CWG-COP" in page
    assert "No meeting is scheduled yet." in page  # nothing upcoming without the demo
