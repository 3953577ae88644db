"""The chair's and the secretariat's forms take the text in all six languages: a fieldset per
language, the original language's first, each input with its language's lang and dir."""

import re

import pytest

from copportal.content import column
from copportal.languages import Language
from meetings.models import Meeting, Session, Theme
from resources.models import Resource

from .test_meeting_editing import data as meeting_data
from .test_theme_editing import theme_data

pytestmark = pytest.mark.django_db

SIX = {
    "en": "Age verification",
    "fr": "Vérification de l'âge",
    "es": "Verificación de la edad",
    "ru": "Проверка возраста",
    "ar": "التحقق من العمر",
    "zh": "年龄验证",
}


def _in_six(field: str, texts: dict = SIX, prefix: str = "") -> dict:
    return {prefix + column(field, code): text for code, text in texts.items()}


def _input(page: str, name: str) -> str:
    match = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page)
    assert match, name
    return match.group(0)


def test_the_chair_saves_a_theme_in_six_languages(client_for, chair):
    posted = theme_data(**_in_six("title"), **_in_six("period"), **_in_six("description"))
    response = client_for(chair).post("/roadmap/new/", posted)
    assert response.status_code == 302
    theme = Theme.objects.get(title_en="Age verification")
    for code, text in SIX.items():
        assert theme.text_in("title", code) == text
        assert theme.text_in("period", code) == text
        assert theme.text_in("description", code) == text


def test_the_chair_saves_a_meeting_and_its_session_in_six_languages(client_for, chair):
    posted = meeting_data(**_in_six("summary"), **_in_six("title", prefix="sessions-0-"))
    assert client_for(chair).post("/meetings/new/", posted).status_code == 302
    meeting = Meeting.objects.get(number=30)
    session = Session.objects.get(meeting=meeting)
    for code, text in SIX.items():
        assert meeting.text_in("summary", code) == text
        assert session.text_in("title", code) == text


@pytest.mark.parametrize("who", [None, "delegate", "secretariat"])
def test_others_cannot_save_a_theme_in_six_languages(client_for, request, who):
    user = request.getfixturevalue(who) if who else None
    posted = theme_data(**_in_six("title"))
    assert client_for(user).post("/roadmap/new/", posted).status_code in (302, 403)
    assert not Theme.objects.filter(title_ar=SIX["ar"]).exists()


def test_each_input_has_its_languages_lang_and_dir_and_label(client_for, chair):
    page = client_for(chair).get("/roadmap/new/").content.decode()
    for language in Language:
        tag = _input(page, column("title", language))
        assert f'lang="{language.locale}"' in tag
        assert f'dir="{language.direction}"' in tag
    assert 'dir="rtl"' in _input(page, "title_ar")
    assert 'dir="ltr"' in _input(page, "title_en")
    assert ">Title (Arabic)" in page and ">Period (Chinese)" in page
    assert '<fieldset class="border rounded p-2 mb-3" lang="ar" dir="rtl">' in page


def test_the_original_languages_fieldset_comes_first(client_for, chair):
    theme = Theme.objects.create(
        slug="x", title_fr="Cadres", title_en="Frameworks", original_language="fr", order=9
    )
    page = client_for(chair).get(f"/roadmap/{theme.slug}/edit/").content.decode()
    positions = [page.index(f'name="{column("title", language)}"') for language in Language]
    assert positions[Language.values.index("fr")] == min(positions)
    assert "(original language)" in page
    # The meeting form: sessions and summary grouped by language too.
    page = client_for(chair).get("/meetings/new/").content.decode()
    assert page.index('name="summary_en"') < page.index('name="summary_ar"')
    assert 'lang="ar" dir="rtl"' in _input(page, "sessions-0-title_ar")


def test_the_secretariat_saves_a_resource_in_six_languages_original_first(client_for, secretariat):
    posted = {
        "original_language": "ar",
        **_in_six("title"),
        **_in_six("summary"),
        "type": "guideline",
        "language": "ar",
    }
    response = client_for(secretariat).post("/resources/new/", posted)
    assert response.status_code == 302, response.context["form"].errors
    resource = Resource.objects.get()
    for code, text in SIX.items():
        assert resource.text_in("title", code) == text
        assert resource.text_in("summary", code) == text
    page = client_for(secretariat).get(f"/resources/{resource.slug}/edit/").content.decode()
    assert page.index('name="title_ar"') < page.index('name="title_en"')
    assert 'dir="rtl"' in _input(page, "title_ar")
    assert ">Title (Arabic)" in page
