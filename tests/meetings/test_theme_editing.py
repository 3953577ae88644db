"""The chair creates, edits and deletes roadmap themes; each theme page lists its published
resources (through the reverse relation: meetings/ imports nothing from resources)."""

import pytest

from meetings.models import Meeting, Theme
from meetings.roadmap import services
from resources.models import Resource

from ..factories import MeetingFactory, PublishedContributionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def theme_data(**extra):
    data = {
        "original_language": "en",
        "title_en": "Age verification",
        "title_fr": "Vérification de l'âge",
        "period_en": "Q2 2026",
        "period_fr": "T2 2026",
        "description_en": "How services check a user's age.",
        "description_fr": "Comment les services vérifient l'âge.",
        "order": "6",
    }
    data.update(extra)
    return data


class TestCreating:
    @pytest.mark.parametrize(
        "who,status", [(None, 302), ("delegate", 403), ("secretariat", 403), ("chair", 200)]
    )
    def test_who_may_open_the_new_theme_page(self, client_for, request, who, status):
        user = request.getfixturevalue(who) if who else None
        assert client_for(user).get("/roadmap/new/").status_code == status

    @pytest.mark.parametrize("who", [None, "delegate", "secretariat"])
    def test_others_cannot_create_a_theme(self, client_for, request, who):
        user = request.getfixturevalue(who) if who else None
        response = client_for(user).post("/roadmap/new/", theme_data())
        assert response.status_code in (302, 403)
        assert not Theme.objects.exists()

    def test_the_chair_creates_a_theme_in_english_and_french(self, client_for, chair):
        meeting = MeetingFactory(number=27)
        response = client_for(chair).post("/roadmap/new/", theme_data(meetings=[meeting.pk]))
        assert response.status_code == 302
        theme = Theme.objects.get()
        assert response["Location"] == "/roadmap/age-verification/"
        assert theme.kind == Theme.Kind.ROADMAP and theme.order == 6
        assert (theme.title_fr, theme.period_fr) == ("Vérification de l'âge", "T2 2026")
        meeting.refresh_from_db()
        assert meeting.theme == theme
        roadmap = client_for(None).get("/fr/roadmap/").content.decode()
        assert "Vérification de l&#x27;âge" in roadmap and "T2 2026" in roadmap
        page = client_for(None).get("/fr/roadmap/age-verification/").content.decode()
        assert "Comment les services vérifient" in page and "27e réunion du GTC-COP" in page

    def test_a_new_theme_needs_its_title(self, client_for, chair):
        response = client_for(chair).post("/roadmap/new/", theme_data(title_en="", title_fr=""))
        assert response.status_code == 400
        assert "Give the title in the original language." in response.content.decode()
        assert not Theme.objects.exists()

    def test_addresses_stay_unique_and_never_new(self, chair):
        ThemeFactory(slug="age-verification")
        second = services.theme_create(by=chair, title_en="Age verification", order=1)
        assert second.slug == "age-verification-2"
        reserved = services.theme_create(by=chair, title_en="New", order=1)
        assert reserved.slug == "new-2"

    def test_the_add_link_is_the_chairs(self, client_for, chair, secretariat):
        assert 'href="/roadmap/new/"' in client_for(chair).get("/roadmap/").content.decode()
        assert 'href="/roadmap/new/"' not in (
            client_for(secretariat).get("/roadmap/").content.decode()
        )


class TestEditingMeetings:
    def test_editing_a_theme_moves_its_meetings(self, client_for, chair):
        theme = ThemeFactory(slug="legal", title_en="Legal frameworks")
        other = ThemeFactory(slug="other")
        kept, dropped = MeetingFactory(theme=theme), MeetingFactory(theme=theme)
        taken = MeetingFactory(theme=other)
        data = theme_data(title_en="Legal frameworks", meetings=[kept.pk, taken.pk])
        assert client_for(chair).post("/roadmap/legal/edit/", data).status_code == 302
        themes = dict(Meeting.objects.values_list("pk", "theme__slug"))
        assert themes == {kept.pk: "legal", dropped.pk: None, taken.pk: "legal"}

    def test_the_edit_form_shows_the_themes_meetings(self, client_for, chair):
        theme = ThemeFactory(slug="legal")
        meeting = MeetingFactory(theme=theme)
        page = client_for(chair).get("/roadmap/legal/edit/").content.decode()
        assert f'value="{meeting.pk}" selected' in page


class TestDeleting:
    @pytest.mark.parametrize("who", [None, "delegate", "secretariat"])
    def test_others_cannot_delete(self, client_for, request, who):
        ThemeFactory(slug="legal")
        user = request.getfixturevalue(who) if who else None
        response = client_for(user).post("/roadmap/legal/delete/")
        assert response.status_code in (302, 403)
        assert Theme.objects.filter(slug="legal").exists()

    def test_the_chair_deletes_an_unused_theme(self, client_for, chair):
        ThemeFactory(slug="legal", title_en="Legal frameworks")
        response = client_for(chair).post("/roadmap/legal/delete/")
        assert response.status_code == 302 and response["Location"] == "/roadmap/"
        assert not Theme.objects.exists()

    def test_deleting_takes_a_post(self, client_for, chair):
        ThemeFactory(slug="legal")
        assert client_for(chair).get("/roadmap/legal/delete/").status_code == 405
        assert Theme.objects.exists()

    @pytest.mark.parametrize("user_of_theme", ["meeting", "contribution", "resource"])
    def test_a_theme_in_use_is_kept_with_a_clear_message(self, client_for, chair, user_of_theme):
        theme = ThemeFactory(slug="legal")
        if user_of_theme == "meeting":
            MeetingFactory(theme=theme)
        elif user_of_theme == "contribution":
            PublishedContributionFactory().themes.add(theme)
        else:
            Resource.objects.create(slug="r", title_en="R", type="report").themes.add(theme)
        client = client_for(chair)
        response = client.post("/roadmap/legal/delete/", follow=True)
        assert Theme.objects.filter(slug="legal").exists()
        assert "This theme is still in use" in response.content.decode()


class TestResourcesOnTheThemePage:
    def test_published_resources_only(self, client, django_assert_max_num_queries):
        theme = ThemeFactory(slug="legal")
        published = Resource.objects.create(
            slug="toolkit", title_en="A national toolkit", type="toolkit", status="published"
        )
        draft = Resource.objects.create(slug="draft", title_en="A draft guide", type="guideline")
        other = Resource.objects.create(
            slug="other", title_en="Another theme's", type="report", status="published"
        )
        published.themes.add(theme)
        draft.themes.add(theme)
        other.themes.add(ThemeFactory())
        page = client.get("/roadmap/legal/").content.decode()
        assert 'href="/resources/toolkit/"' in page and "A national toolkit" in page
        assert "A draft guide" not in page and "Another theme" not in page

    def test_queries_stay_constant_with_resources(self, client, django_assert_num_queries):
        theme = ThemeFactory(slug="legal")

        def add(count):
            for i in range(count):
                Resource.objects.create(
                    slug=f"r-{Resource.objects.count()}-{i}",
                    title_en=f"Resource {i}",
                    type="report",
                    status="published",
                ).themes.add(theme)

        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        add(2)
        client.get("/roadmap/legal/")
        with CaptureQueriesContext(connection) as few:
            client.get("/roadmap/legal/")
        add(30)
        with django_assert_num_queries(len(few)):
            page = client.get("/roadmap/legal/").content.decode()
        assert page.count('href="/resources/r-') == 32

    def test_no_resource_says_so(self, client):
        ThemeFactory(slug="legal")
        page = client.get("/roadmap/legal/").content.decode()
        assert "No resource of the library is tagged with this theme yet." in page
