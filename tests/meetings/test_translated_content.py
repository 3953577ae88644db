"""Content in six languages: meetings' text in the reader's language, or the original, marked."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.utils import translation

from copportal.accounts.models import Organization
from copportal.content import column
from copportal.languages import Language
from copportal.templatetags.portal import plural_count
from meetings.models import (
    Audience,
    DraftResolution,
    LiaisonNote,
    Meeting,
    Recommendation,
    Session,
    Theme,
)

from ..factories import MeetingFactory, ThemeFactory


@pytest.fixture
def seeded(db):
    call_command("load_seeds", "--no-demo", verbosity=0)


@pytest.fixture
def english_and_french_only(seeded):
    """The themes as the chair's report gives them: French, and its English rendering (the
    seeds' translations into the other four languages taken out)."""
    Theme.objects.update(
        **{f"{field}_{code}": "" for field in ("title", "period") for code in ("ar", "es")}
    )


@pytest.fixture
def seeded_demo(db):
    call_command("load_seeds", verbosity=0)


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# The pages, in French and in English.


@pytest.mark.django_db
class TestMeeting19:
    def test_in_french_it_shows_country_names_titles_and_summaries_in_french(self, client, seeded):
        page = _page(client, "/fr/meetings/19/")
        assert "<bdi>Albanie</bdi>, <bdi>Arménie</bdi>, <bdi>Malawi</bdi>" in page
        assert "De la théorie à la pratique" in page
        assert "qui a reçu 24 contributions, une première dans son histoire" in page
        assert "porter à un jour et demi le temps imparti" in page
        assert "Deux Résolutions présentées par la République des Philippines" in page
        assert "From theory to practice" not in page
        assert "Armenia" not in page
        assert "(original en" not in page  # everything has its French text

    def test_in_english_it_shows_the_english(self, client, seeded):
        page = _page(client, "/meetings/19/")
        assert "<bdi>Albania</bdi>, <bdi>Armenia</bdi>, <bdi>Malawi</bdi>" in page
        assert "From theory to practice" in page
        assert "which received 24" in page
        assert "De la théorie" not in page
        assert "(original in" not in page

    def test_meeting_20_in_french(self, client, seeded):
        page = _page(client, "/fr/meetings/20/")
        assert "Cadres juridiques" in page
        assert "Un nombre sans précédent de contributions (plus de 30)" in page
        assert "examen de sa Résolution 1306 concernant le mandat du GTC-COP" in page
        assert "la Journée internationale des jeunes filles dans le secteur des TIC" in page
        assert "Résultats des dix-neuvième et vingtième réunions du GTC-COP" in page
        assert "Legal frameworks" not in page


@pytest.mark.django_db
class TestRoadmap:
    def test_in_french_the_themes_are_french(self, client, seeded):
        page = _page(client, "/fr/roadmap/")
        for title in [
            "Cadres juridiques",
            "Cadres réglementaires et mécanismes de signalement",
            "Éducation, maîtrise des outils numériques et sensibilisation nationale",
            "Recherche et outils techniques",
            "Intégration de la protection en ligne des enfants dans des initiatives plus larges",
        ]:
            assert title in page
        assert "Premier trimestre de 2024" in page
        assert "Legal frameworks" not in page and "Q1 2024" not in page

    def test_in_english_the_themes_are_english(self, client, seeded):
        page = _page(client, "/roadmap/")
        assert "Legal frameworks" in page and "Q1 2024" in page
        assert "Cadres juridiques" not in page

    def test_a_language_without_translation_shows_the_english_before_the_french_original(
        self, client, english_and_french_only
    ):
        page = _page(client, "/es/roadmap/")
        assert '<span lang="en" dir="ltr">Legal frameworks</span>' in page
        assert "Cadres juridiques" not in page

    def test_arabic_readers_get_the_english_not_the_french_original(
        self, client, english_and_french_only
    ):
        page = _page(client, "/ar/roadmap/")
        assert '<span lang="en" dir="ltr">Legal frameworks</span>' in page
        assert '<span lang="en" dir="ltr">Q1 2024</span>' in page
        assert "Cadres juridiques" not in page and "Premier trimestre" not in page
        # The page's <title>, which reads theme.title, follows the same rule.
        page = _page(client, "/ar/roadmap/legal-frameworks/")
        title = page.split("<title>")[1].split("</title>")[0]
        assert "Legal frameworks" in title and "Cadres" not in title


@pytest.mark.django_db
def test_home_shows_the_next_meetings_theme_in_the_readers_language(client, seeded_demo):
    assert "Integrating child online protection into broader initiatives" in _page(client, "/")
    page = _page(client, "/fr/")
    assert "Intégration de la protection en ligne des enfants dans des initiatives" in page


@pytest.mark.django_db
def test_liaison_notes_in_french(client, seeded):
    page = _page(client, "/fr/liaison-notes/")
    assert "Résultats des dix-neuvième et vingtième réunions du GTC-COP" in page
    assert "chiffrement de bout en bout" in page
    note = LiaisonNote.objects.get(subject_en__startswith="Results of the 19th")
    page = _page(client, f"/fr/liaison-notes/{note.pk}/")
    assert "Note de liaison à la CE 2 de l&#x27;UIT-D" in page


# A missing translation: the original, with its language and a note.


@pytest.mark.django_db
def test_missing_translation_shows_the_original_with_its_note_in_english(client):
    ThemeFactory(title=None, title_fr="Thème sans traduction", original_language="fr")
    page = _page(client, "/roadmap/")
    assert (
        '<span lang="fr" dir="ltr">Thème sans traduction</span> '
        '<small class="text-body-secondary">(original in French)</small>'
    ) in page


@pytest.mark.django_db
def test_missing_translation_shows_the_original_with_its_note_in_french(client):
    MeetingFactory(number=41, summary="Only in English.\n\nTwo paragraphs.")
    page = _page(client, "/fr/meetings/41/")
    assert (
        '<div lang="en" dir="ltr"><p>Only in English.</p>\n\n<p>Two paragraphs.</p></div>'
    ) in page
    assert "(original en anglais)" in page


# Plurals: a number next to a noun.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("days", "url", "text"),
    [
        ("1", "/meetings/{n}/", "1 day of meeting time"),
        ("1.5", "/meetings/{n}/", "1.5 days of meeting time"),
        ("2", "/meetings/{n}/", "2 days of meeting time"),
        ("1", "/fr/meetings/{n}/", "1 jour de réunion"),
        ("1.5", "/fr/meetings/{n}/", "1,5 jour de réunion"),
        ("2", "/fr/meetings/{n}/", "2 jours de réunion"),
    ],
)
def test_days_of_meeting_time_agree_with_their_number(client, days, url, text):
    meeting = MeetingFactory(number=42, duration_days=Decimal(days))
    page = _page(client, url.format(n=meeting.number))
    assert text in page


@pytest.mark.parametrize(
    ("language", "number", "count"),
    [
        ("en", 1, 1),
        ("en", Decimal("1.0"), 1),
        ("en", Decimal("1.5"), 2),
        ("fr", Decimal("1.5"), 1),
        ("fr", Decimal("0.5"), 1),
        ("fr", Decimal("2.5"), 2),
        ("fr", 3, 3),
        ("zh-hans", Decimal("1.5"), 2),
    ],
)
def test_plural_count_follows_cldr_for_decimals(language, number, count):
    with translation.override(language):
        assert plural_count(number) == count


# TranslatedContent.shown and the tag, on their own.


def _theme(**texts) -> Theme:
    return Theme(slug="t", **texts)


def test_shown_is_the_readers_language_when_it_has_the_text():
    theme = _theme(
        title_en="Legal frameworks", title_fr="Cadres juridiques", original_language="fr"
    )
    shown = theme.shown("title", "en")
    assert (shown.text, shown.language, shown.is_fallback) == (
        "Legal frameworks",
        Language.ENGLISH,
        False,
    )
    assert theme.shown("title", "fr").text == "Cadres juridiques"


def test_shown_falls_back_to_the_original_and_says_so():
    theme = _theme(title_fr="Cadres juridiques", original_language="fr")
    shown = theme.shown("title", "ru")
    assert (shown.text, shown.language, shown.is_fallback, shown.is_original) == (
        "Cadres juridiques",
        Language.FRENCH,
        True,
        True,
    )


def test_shown_falls_back_to_english_before_the_original_and_says_it_is_a_translation():
    theme = _theme(
        title_en="Legal frameworks", title_fr="Cadres juridiques", original_language="fr"
    )
    for reader in ["ar", "ru", "es", "zh-hans"]:
        shown = theme.shown("title", reader)
        assert (shown.text, shown.language, shown.is_fallback, shown.is_original) == (
            "Legal frameworks",
            Language.ENGLISH,
            True,
            False,
        ), reader
    assert theme.shown("title", "fr").is_fallback is False
    # Without the English, the original; then any translation, which is not the original.
    theme = _theme(title_ru="Правовые основы", title_ar="الأطر القانونية", original_language="ru")
    assert theme.shown("title", "es").text == "Правовые основы"
    theme = _theme(title_es="Marcos jurídicos", title_ar="الأطر القانونية", original_language="fr")
    shown = theme.shown("title", "ru")
    assert (shown.language, shown.is_original) == (Language.ARABIC, False)


def test_plain_attribute_access_follows_the_same_rule():
    """theme.title (the admin, <title>, feeds, calendars, mails) is what the tag shows:
    modeltranslation's own fallback (English, then French) would give the French here."""
    theme = _theme(title_ru="Правовые основы", title_fr="Cadres juridiques", original_language="ru")
    with translation.override("ar"):
        assert theme.title == "Правовые основы"
        assert str(theme) == "Правовые основы"
    theme.title_en = "Legal frameworks"
    with translation.override("ar"):
        assert theme.title == "Legal frameworks"
    with translation.override("fr"):
        assert theme.title == "Cadres juridiques"
        theme.title = "Cadres juridiques (révisé)"  # setting writes the active language
    assert theme.title_fr == "Cadres juridiques (révisé)"
    assert theme.title_en == "Legal frameworks"


def test_the_feeds_and_the_mails_give_arabic_readers_the_english():
    note = LiaisonNote(
        subject_en="Results", subject_fr="Résultats", body_fr="Texte", original_language="fr"
    )
    with translation.override("ar"):
        assert note.subject == "Results"  # what the feed's item_title returns
    assert note.shown("subject", "ar").text == "Results"  # the liaison note's mail
    assert note.shown("body", "ar").text == "Texte"  # no English: the French original


def test_shown_without_the_original_takes_any_language_that_has_it():
    theme = _theme(title_es="Marcos jurídicos", original_language="fr")
    shown = theme.shown("title", "en")
    assert (shown.text, shown.language, shown.is_fallback) == (
        "Marcos jurídicos",
        Language.SPANISH,
        True,
    )
    assert _theme(original_language="fr").shown("title", "en").text == ""


def test_shown_reads_chinese_from_the_zh_hans_column():
    assert column("title", "zh") == "title_zh_hans"
    theme = _theme(title_zh_hans="法律框架", title_en="Legal frameworks")
    assert theme.shown("title", "zh-hans").text == "法律框架"
    assert theme.text_in("title", "ar") == ""  # text_in never falls back


def test_shown_uses_the_active_language_by_default():
    theme = _theme(title_en="Legal frameworks", title_fr="Cadres juridiques")
    with translation.override("fr"):
        assert theme.shown("title").text == "Cadres juridiques"


def _render(obj, linebreaks=False) -> str:
    source = '{% load portal %}{% translated obj "title" linebreaks=lb %}'
    return Template(source).render(Context({"obj": obj, "lb": linebreaks}))


def test_the_tag_escapes_the_text_and_marks_nothing_when_translated():
    theme = _theme(title_en="<b>Legal</b> & frameworks")
    with translation.override("en"):
        assert _render(theme) == "&lt;b&gt;Legal&lt;/b&gt; &amp; frameworks"


def test_the_tag_wraps_the_original_with_its_lang_and_a_note():
    theme = _theme(title_fr="Cadres <juridiques>", original_language="fr")
    with translation.override("en"):
        assert _render(theme) == (
            '<span lang="fr" dir="ltr">Cadres &lt;juridiques&gt;</span> '
            '<small class="text-body-secondary">(original in French)</small>'
        )
    theme = _theme(title_zh_hans="法律框架", original_language="zh")
    with translation.override("fr"):
        html = _render(theme, linebreaks=True)
    assert html.startswith('<div lang="zh-hans" dir="ltr"><p>法律框架</p></div>')
    assert "(original en chinois)" in html


def test_the_tag_marks_an_english_fallback_as_a_translation_not_the_original():
    theme = _theme(
        title_en="Legal frameworks", title_fr="Cadres juridiques", original_language="fr"
    )
    with translation.override("ar"):
        html = _render(theme)
    assert html.startswith('<span lang="en" dir="ltr">Legal frameworks</span> <small')
    assert "French" not in html and "Cadres" not in html
    from copportal.templatetags.portal import fallback_note

    with translation.override("en"):
        assert fallback_note(theme.shown("title", "ar")) == "English translation"
        assert fallback_note(_theme(title_fr="x", original_language="fr").shown("title")) == (
            "original in French"
        )


def test_the_tag_gives_an_arabic_fallback_its_direction():
    theme = _theme(title_ar="الأطر القانونية", original_language="ar")
    with translation.override("en"):
        assert _render(theme).startswith('<span lang="ar" dir="rtl">الأطر القانونية</span>')


# Seeding: French and English for everything, and idempotent.


@pytest.mark.django_db
def test_seeds_give_every_text_its_english_and_french_and_say_the_original(seeded_demo):
    fields = {
        Theme: ["title"],
        Audience: ["name"],
        Meeting: ["summary"],
        Session: ["title", "description"],
        Recommendation: ["text"],
        DraftResolution: ["title", "summary"],
        LiaisonNote: ["subject", "body"],
    }
    for model, names in fields.items():
        assert model.objects.exists(), model
        for row in model.objects.all():
            for name in names:
                assert row.text_in(name, "en"), (row, name)
                assert row.text_in(name, "fr"), (row, name)
                assert row.text_in(name, "fr") != row.text_in(name, "en"), (row, name)
    for theme in Theme.objects.roadmap():
        assert theme.text_in("period", "en") and theme.text_in("period", "fr"), theme
    assert set(Session.objects.values_list("original_language", flat=True)) == {"fr"}
    assert Theme.objects.get(slug="legal-frameworks").original_language == "fr"
    assert Meeting.objects.get(number=99).original_language == "en"
    resolution = DraftResolution.objects.get(meeting__number=20)
    assert resolution.text_fr.startswith("Le Conseil de l'UIT,")
    assert "[footnote" not in resolution.text_fr


@pytest.mark.django_db
def test_seeding_again_changes_nothing(seeded_demo):
    def snapshot():
        rows = {}
        for model in [Theme, Audience, Meeting, Session, Recommendation, DraftResolution]:
            rows[model.__name__] = sorted(
                model.objects.values_list(
                    "pk", "original_language", *(column(f, "fr") for f in _fields(model))
                )
            )
        rows["notes"] = sorted(LiaisonNote.objects.values_list("pk", "subject_en", "subject_fr"))
        rows["organizations"] = Organization.objects.count()
        return rows

    before = snapshot()
    demo_dates = Meeting.objects.filter(number=99).values_list("start_date", flat=True).get()
    call_command("load_seeds", verbosity=0)
    assert snapshot() == before
    assert Meeting.objects.get(number=99).start_date == demo_dates


def _fields(model) -> list[str]:
    from modeltranslation.translator import translator

    return sorted(translator.get_options_for_model(model).fields)


@pytest.mark.django_db
def test_seeding_runs_in_english_whatever_the_active_language(db):
    with translation.override("fr"):
        call_command("load_seeds", "--no-demo", verbosity=0)
    session = Session.objects.get()
    with connection.cursor() as cursor:  # the base column, which Meta.ordering sorts by
        cursor.execute("SELECT title FROM meetings_session")
        assert cursor.fetchall() == [("From theory to practice",)]
    assert session.title_fr == "De la théorie à la pratique"
    assert Organization.objects.get(name_en="Armenia").name_fr == "Arménie"
    assert datetime.date(2023, 10, 10) == Meeting.objects.get(number=19).start_date


@pytest.mark.django_db
def test_a_contributions_themes_are_in_the_readers_language(client, seeded):
    from ..factories import PublishedContributionFactory

    contribution = PublishedContributionFactory(meeting=Meeting.objects.get(number=20))
    untranslated = ThemeFactory(title=None, title_fr="Thème en français", original_language="fr")
    contribution.themes.set([Theme.objects.get(slug="legal-frameworks"), untranslated])
    url = contribution.get_absolute_url()
    page = _page(client, url)
    assert "Legal frameworks" in page
    assert '<span lang="fr" dir="ltr">Thème en français</span>' in page
    with translation.override("fr"):
        url = contribution.get_absolute_url()
    assert url.startswith("/fr/")
    assert "Cadres juridiques" in _page(client, url)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "fields"),
    [
        ("/admin/meetings/meeting/{meeting}/change/", ["summary_fr", "sessions-0-title_fr"]),
        ("/admin/meetings/theme/{theme}/change/", ["title_ar", "description_zh_hans"]),
        ("/admin/accounts/organization/{armenia}/change/", ["name_fr", "name_ru"]),
    ],
)
def test_the_admin_has_a_field_per_language(client, seeded, django_user_model, url, fields):
    admin = django_user_model.objects.create_superuser("admin@example.org", "x")
    client.force_login(admin)
    ids = {
        "meeting": Meeting.objects.get(number=19).pk,
        "theme": Theme.objects.get(slug="legal-frameworks").pk,
        "armenia": Organization.objects.get(iso_code="ARM").pk,
    }
    response = client.get(url.format(**ids))
    assert response.status_code == 200
    page = response.content.decode()
    for field in fields:
        assert f'name="{field}"' in page
