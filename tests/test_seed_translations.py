"""The seeds' editorial content is in all six languages (copportal/seed_translations.py)."""

import pytest
from django.core.management import call_command
from django.utils import translation

from copportal import seed_translations
from copportal.content import column
from copportal.languages import Language


@pytest.mark.django_db
def test_every_seeded_text_is_in_the_six_languages():
    call_command("load_seeds", verbosity=0)
    missing = []
    for model, field in seed_translations.seeded_fields():
        for row in model.objects.all():
            if not seed_translations.source(row, field):
                continue
            for language in Language:
                if not getattr(row, column(field, language)):
                    missing.append(f"{model.__name__} {row.pk} {field} {language.value}")
    assert not missing, "\n".join(missing)


@pytest.mark.django_db
def test_a_text_edited_in_the_portal_is_kept_when_the_seeds_run_again():
    from meetings.models import Theme

    call_command("load_seeds", "--no-demo", verbosity=0)
    theme = Theme.objects.get(slug="legal-frameworks")
    Theme.objects.filter(pk=theme.pk).update(title_ar="نص عدّله الرئيس")
    call_command("load_seeds", "--no-demo", verbosity=0)
    theme.refresh_from_db()
    assert theme.title_ar == "نص عدّله الرئيس"
    assert theme.title_zh_hans  # the others are still filled


def test_each_translation_file_translates_the_same_texts():
    keys = {
        language: set(seed_translations.translations(language))
        for language in seed_translations.LANGUAGES
    }
    arabic = keys[Language.ARABIC]
    assert arabic
    for language, texts in keys.items():
        assert texts == arabic, language


@pytest.mark.django_db
def test_the_demo_agendas_releases_are_frozen_in_the_six_languages(client):
    """A release freezes its items' texts: the seeds translate them before releasing."""
    call_command("load_seeds", verbosity=0)
    page = client.get("/ar/meetings/99/agenda/").text
    assert "Opening of the meeting" not in page
    assert "(للعرض التوضيحي)" in page


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_seeded_resources_are_found_by_their_translated_words(client):
    """The translations are written after the resources were saved: their search vectors
    are refreshed, so a Russian reader finds the Day by a word of its Russian title."""
    from resources.models import Resource

    call_command("load_seeds", verbosity=0)
    day = Resource.objects.get(title_en="International Girls in ICT Day")
    assert "Девушки" in day.title_ru
    with translation.override("ru"):
        found = Resource.objects.published().search("девушки")
    assert day in found
