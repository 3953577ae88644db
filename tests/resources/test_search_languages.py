"""Searching the library in every ITU language: Chinese cut into words, Russian and Arabic
read in their own language whatever the page's, French and Spanish without accents."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resources import services
from resources.models import Resource
from tests.factories import make_docx

URL = reverse("resources:list")
CHINESE_SUMMARY = "理事会保护上网儿童工作组发布了新的指南"

pytestmark = pytest.mark.postgres


@pytest.fixture
def chinese(make_resource):
    make_resource("Other", summary="An English guide to online safety.")
    return make_resource("儿童在线保护", language="zh", body=CHINESE_SUMMARY)


@pytest.mark.parametrize("query", ["儿童", "指南", "工作组", "工作", "保护儿童的指南", "儿童 指南"])
@pytest.mark.parametrize("reader", ["zh", "en"])
def test_a_chinese_word_finds_a_chinese_text(chinese, query, reader):
    assert list(Resource.objects.published().search(query, reader)) == [chinese]


def test_chinese_words_are_all_required_and_can_be_left_out(chinese):
    assert not Resource.objects.search("儿童 隐私", "zh").exists()
    assert not Resource.objects.search("儿童 -指南", "zh").exists()
    assert list(Resource.objects.search('"上网儿童"', "zh")) == [chinese]
    assert not Resource.objects.search('"儿童上网"', "zh").exists()


def test_a_chinese_file_is_cut_into_words(
    make_resource, secretariat, django_capture_on_commit_callbacks
):
    resource = make_resource("一个工具包", language="zh")
    upload = SimpleUploadedFile("kit.docx", make_docx("家长如何防范网络欺凌的清单"))
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_update(resource_id=resource.pk, by=secretariat, upload=upload)
    assert list(Resource.objects.search("网络欺凌", "zh")) == [resource]
    assert list(Resource.objects.search("清单", "en")) == [resource]


def test_a_chinese_snippet_marks_the_words_found(client, make_resource):
    make_resource("儿童在线保护", language="zh", summary=CHINESE_SUMMARY)
    response = client.get("/zh-hans" + URL, {"q": "儿童指南"})
    (resource,) = response.context["page"].object_list
    assert "理事会保护上网<mark>儿童</mark>工作组发布了新的<mark>指南</mark>" in response.text
    assert "\u200b" not in response.text and resource.snippet


RUSSIAN = ("ru", "Защита детей в интернете: руководство для родителей", "защиты детей")
ARABIC = ("ar", "حماية الأطفال على الإنترنت: دليل للآباء", "الأطفال")


@pytest.mark.parametrize(
    ("language", "text", "query", "reader"),
    [
        (*RUSSIAN, "ru"),
        (*ARABIC, "ar"),
        # Cyrillic and Arabic script are read in their language on any page.
        (*RUSSIAN, "en"),
        (*ARABIC, "fr"),
        ("es", "Protección de los niños en línea: guía para las familias", "ninos en linea", "es"),
        ("fr", "Protéger les élèves du harcèlement en ligne", "eleves harcelement", "fr"),
    ],
)
def test_a_word_finds_its_text_in_every_language(make_resource, language, text, query, reader):
    found = make_resource("Found", language=language, summary=text)
    make_resource("Other", language=language, summary="Something else entirely.")
    assert list(Resource.objects.published().search(query, reader)) == [found]


@pytest.mark.parametrize(
    ("language", "text", "query"),
    [
        ("es", "La protección de los niños", "proteccion de los ninos"),
        ("es", "La protección de los ninos", "protección niños"),
        ("fr", "La sécurité des élèves", "securite eleves"),
        ("fr", "La securite des eleves", "sécurité élèves"),
    ],
)
def test_french_and_spanish_ignore_accents_both_ways(make_resource, language, text, query):
    found = make_resource("Found", language=language, summary=text)
    assert list(Resource.objects.search(query, language)) == [found]


def test_an_accentless_query_is_highlighted(client, make_resource):
    make_resource("Élèves", language="fr", summary="La sécurité des élèves en ligne")
    response = client.get("/fr" + URL, {"q": "securite"})
    assert "<mark>sécurité</mark>" in response.text
