"""The theme roadmap: each theme's page with its meetings and contributions; the chair edits."""

import pytest
from django.core.management import call_command

from meetings.models import Theme

from ..factories import MeetingFactory, PublishedContributionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_the_roadmap_has_the_five_themes_of_the_20th_meeting(client):
    call_command("load_seeds", "--no-demo", verbosity=0)
    roadmap = list(Theme.objects.roadmap().values_list("slug", "period"))
    assert [period for _slug, period in roadmap] == [
        "Q1 2024",
        "Q4 2024",
        "Q1 2025",
        "Q4 2025",
        "Later meetings",
    ]
    page = client.get("/roadmap/legal-frameworks/").content.decode()
    assert "Legal frameworks" in page and "CWG-COP meeting 20" in page


def test_a_theme_page_lists_its_meetings_and_public_contributions(client):
    theme = ThemeFactory(slug="legal", title="Legal frameworks")
    meeting = MeetingFactory(number=36, theme=theme)
    public = PublishedContributionFactory(meeting=meeting, title="A public one")
    public.themes.add(theme)
    private = PublishedContributionFactory(
        meeting=meeting, title="A members one", visibility="members"
    )
    private.themes.add(theme)
    page = client.get("/roadmap/legal/").content.decode()
    assert "CWG-COP meeting 36" in page
    assert f"CWG-COP-36/{public.number}" in page and "A public one" in page
    assert "A members one" not in page


def test_an_unknown_theme_is_404(client):
    assert client.get("/roadmap/no-such-theme/").status_code == 404


@pytest.mark.parametrize(
    "who,status", [(None, 302), ("delegate", 403), ("secretariat", 403), ("chair", 200)]
)
def test_who_may_edit_a_theme(client_for, request, who, status):
    ThemeFactory(slug="legal")
    user = request.getfixturevalue(who) if who else None
    assert client_for(user).get("/roadmap/legal/edit/").status_code == status


def test_the_chair_edits_a_theme_in_two_languages(client_for, chair):
    theme = ThemeFactory(slug="legal", title="Legal frameworks")
    response = client_for(chair).post(
        "/roadmap/legal/edit/",
        {
            "original_language": "en",
            "title_en": "Legal frameworks",
            "title_fr": "Cadres juridiques",
            "period_en": "Q1 2024",
            "period_fr": "T1 2024",
            "description_en": "Examined in January 2024.",
            "order": "1",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/roadmap/legal/"
    theme.refresh_from_db()
    assert (theme.title_fr, theme.period_fr) == ("Cadres juridiques", "T1 2024")
    assert "Cadres juridiques" in client_for(None).get("/fr/roadmap/legal/").content.decode()


def test_a_theme_needs_its_title(client_for, chair):
    ThemeFactory(slug="legal")
    response = client_for(chair).post(
        "/roadmap/legal/edit/",
        {"original_language": "fr", "title_en": "Only English", "order": "1"},
    )
    assert response.status_code == 400
    assert "Give the title in the original language." in response.content.decode()
