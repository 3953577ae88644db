"""The library's public pages and the secretariat's editing, for every kind of reader."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from copportal.languages import Language
from resources import services
from resources.models import Resource

READERS = ["anonymous", "delegate", "chair", "secretariat"]


@pytest.fixture
def reader(request, delegate, chair, secretariat):
    return {"anonymous": None, "delegate": delegate, "chair": chair, "secretariat": secretariat}[
        request.param
    ]


@pytest.mark.parametrize("reader", READERS, indirect=True)
def test_published_resource_is_public(client_for, reader, make_resource):
    resource = make_resource("Guidelines for industry on Child Online Protection")
    client = client_for(reader)
    assert client.get(reverse("resources:list")).status_code == 200
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    assert "Guidelines for industry" in response.text


@pytest.mark.parametrize(
    ("reader", "status"),
    [("anonymous", 404), ("delegate", 404), ("chair", 404), ("secretariat", 200)],
    indirect=["reader"],
)
def test_drafts_are_never_public(client_for, reader, status, make_resource):
    draft = make_resource("A draft nobody may read", publish=False)
    client = client_for(reader)
    assert client.get(draft.get_absolute_url()).status_code == status
    listing = client.get(reverse("resources:list") + "?q=draft").text
    assert "A draft nobody may read" not in listing


@pytest.mark.parametrize(
    ("reader", "status"),
    [("anonymous", 302), ("delegate", 403), ("chair", 403), ("secretariat", 200)],
    indirect=["reader"],
)
def test_only_the_secretariat_edits(client_for, reader, status, make_resource):
    resource = make_resource("Editable")
    client = client_for(reader)
    for name, args in [("create", []), ("manage", []), ("edit", [resource.slug])]:
        assert client.get(reverse(f"resources:{name}", args=args)).status_code == status, name
    response = client.post(reverse("resources:unpublish", args=[resource.slug]))
    assert response.status_code == (302 if status == 200 else status)
    resource.refresh_from_db()
    assert resource.is_published is (status != 200)


def test_secretariat_creates_edits_publishes_and_unpublishes(client_for, secretariat, audiences):
    client = client_for(secretariat)
    response = client.post(
        reverse("resources:create"),
        {
            "original_language": "fr",
            "title_fr": "Lignes directrices à l'intention des parents",
            "summary_fr": "Pour les parents et les éducateurs.",
            "title_en": "Guidelines for parents",
            "body_en": "# Heading\n\n<script>alert(1)</script> *emphasis*",
            "type": "guideline",
            "language": "fr",
            "audiences": [audiences[1].pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    resource = Resource.objects.get()
    assert resource.status == Resource.Status.DRAFT
    assert list(resource.audiences.all()) == [audiences[1]]
    page = client.get(resource.get_absolute_url()).text
    assert "<script>alert(1)</script>" not in page
    assert "<em>emphasis</em>" in page
    client.post(reverse("resources:publish", args=[resource.slug]))
    resource.refresh_from_db()
    assert resource.is_published and resource.published_at
    assert client_for(None).get(resource.get_absolute_url()).status_code == 200
    client = client_for(secretariat)
    client.post(reverse("resources:unpublish", args=[resource.slug]))
    assert client_for(None).get(resource.get_absolute_url()).status_code == 404


def test_the_form_shows_english_and_french_fieldsets(client_for, secretariat):
    page = client_for(secretariat).get(reverse("resources:create")).text
    assert 'name="title_en"' in page and 'name="title_fr"' in page
    assert 'name="title_ar"' in page  # folded, but there


def test_a_title_in_the_original_language_is_required(client_for, secretariat):
    response = client_for(secretariat).post(
        reverse("resources:create"),
        {"original_language": "fr", "title_en": "Only English", "type": "report", "language": "en"},
    )
    assert response.status_code == 200
    assert not Resource.objects.exists()


def test_files_are_checked_stored_privately_and_served_to_those_who_may(
    client_for, secretariat, make_resource, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import make_docx

    resource = make_resource("With a file", publish=False)
    upload = SimpleUploadedFile("guide.docx", make_docx("Age assurance toolkit"))
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_update(resource_id=resource.pk, by=secretariat, upload=upload)
    resource.refresh_from_db()
    assert resource.file_type == "docx" and "Age assurance" in resource.file_text
    assert resource.file_name == "guide.docx"
    assert not resource.file.name.endswith("guide.docx")
    url = reverse("resources:file", args=[resource.slug])
    assert client_for(None).get(url).status_code == 404
    response = client_for(secretariat).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    services.resource_publish(resource_id=resource.pk, by=secretariat)
    assert client_for(None).get(url).status_code == 200


def test_a_refused_file_is_refused(client_for, secretariat):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(secretariat).post(
        reverse("resources:create"),
        {
            "original_language": "en",
            "title_en": "Bad file",
            "type": "report",
            "language": "en",
            "upload": SimpleUploadedFile("x.pdf", b"MZ\x90\x00 a program", "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "Windows program" in response.text
    assert not Resource.objects.exists()


def test_translations_are_linked(client_for, make_resource):
    english = make_resource("Guidelines for children", language="en")
    french = make_resource(
        "Lignes directrices pour les enfants", language="fr", translation_of=english
    )
    page = client_for(None).get(english.get_absolute_url()).text
    assert french.get_absolute_url() in page
    page = client_for(None).get(french.get_absolute_url()).text
    assert english.get_absolute_url() in page


def test_arabic_readers_get_the_english_body_marked_as_a_translation(client_for, make_resource):
    resource = make_resource(
        "Lignes directrices", language="fr", body="Texte original.", body_en="English text."
    )
    page = client_for(None).get(f"/ar/resources/{resource.slug}/").text
    assert '<div class="resource-body" lang="en" dir="ltr"><p>English text.</p>' in page
    assert "Texte original." not in page
    with translation.override("ar"):
        note = gettext("%(language)s translation") % {"language": Language.ENGLISH.in_text}
    assert f"({note})" in page and "ترجمة" in note
    page = client_for(None).get(f"/es/resources/{resource.slug}/").text
    assert "English text." in page
    resource.body_en = ""
    resource.save()
    page = client_for(None).get(f"/ar/resources/{resource.slug}/").text
    assert '<div class="resource-body" lang="fr" dir="ltr"><p>Texte original.</p>' in page
