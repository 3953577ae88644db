"""A contribution promoted to the library brings its files: the original's file on the new
resource, each other language version's on a draft translation of it; stored through the
storage API, their text extracted for search as an uploaded file's is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contributions import services as contribution_services
from resources import services
from resources.models import Resource
from tests.contributions.conftest import make_published
from tests.factories import MeetingFactory, make_docx, make_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def meeting(audiences):
    return MeetingFactory(number=30)


@pytest.fixture
def published(delegate, meeting, secretariat, django_capture_on_commit_callbacks):
    """Published, with its English original (a PDF) and a French version (a DOCX)."""
    with django_capture_on_commit_callbacks(execute=True):
        contribution = make_published(user=delegate, meeting=meeting, secretariat=secretariat)
        contribution_services.revision_add(
            contribution_id=contribution.pk,
            by=delegate,
            language="fr",
            upload=SimpleUploadedFile(
                "version.docx", make_docx("Campagne nationale de sensibilisation"), DOCX
            ),
        )
    return contribution


def promote(client, contribution, **data):
    return client.post(
        reverse("resources:from_contribution", args=[contribution.pk]),
        {"original_language": "en", "title_en": "The campaign", "type": "toolkit",
         "language": "en", **data},
    )  # fmt: skip


def download(client, resource) -> bytes:
    response = client.get(reverse("resources:file", args=[resource.slug]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_form_lists_the_files_the_resource_will_carry(client_for, secretariat, published):
    page = client_for(secretariat).get(reverse("resources:from_contribution", args=[published.pk]))
    assert "a copy of the contribution's file" in page.text
    assert f"CWG-COP-30-{published.number}-E.pdf" in page.text
    assert f"CWG-COP-30-{published.number}-F.docx" in page.text


def test_a_promoted_resource_carries_the_file_of_each_language_version(
    client_for, secretariat, published, django_capture_on_commit_callbacks
):
    client = client_for(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = promote(client, published)
    assert response.status_code == 302
    resource = Resource.objects.get(source_contribution=published, language="en")
    assert resource.file and resource.file_type == "pdf"
    assert resource.file_name == f"CWG-COP-30-{published.number}-E.pdf"
    assert resource.file.name.startswith("resources/")  # a copy, not the contribution's file
    assert download(client, resource) == make_pdf()

    french = Resource.objects.get(source_contribution=published, language="fr")
    assert french.translation_of == resource
    assert french.status == Resource.Status.DRAFT
    assert french.file_type == "docx"
    assert "Campagne nationale" in french.file_text  # extracted after commit
    assert Resource.objects.matching("sensibilisation").filter(pk=french.pk).exists()
    assert [v.pk for v in resource.language_versions()] == []  # drafts: not listed publicly
    client.post(reverse("resources:publish", args=[french.slug]))
    client.post(reverse("resources:publish", args=[resource.slug]))
    assert [v.pk for v in resource.language_versions()] == [french.pk]
    assert (
        download(client_for(None), french)
        == published.documents.get(language="fr").latest.file.open("rb").read()
    )


def test_an_uploaded_file_replaces_the_contributions_in_its_language(
    client_for, secretariat, published
):
    upload = SimpleUploadedFile("poster.docx", make_docx("The poster"), DOCX)
    promote(client_for(secretariat), published, upload=upload)
    resource = Resource.objects.get(source_contribution=published, language="en")
    assert resource.file_name == "poster.docx"
    assert Resource.objects.filter(translation_of=resource, language="fr").exists()


def test_a_members_only_contributions_files_stay_out_of_the_library(
    client_for, secretariat, delegate, meeting
):
    hidden = make_published(
        user=delegate, meeting=meeting, secretariat=secretariat, visibility="members"
    )
    client = client_for(secretariat)
    page = client.get(reverse("resources:from_contribution", args=[hidden.pk])).text
    assert "for members only: its files are not copied" in page
    promote(client, hidden)
    resource = Resource.objects.get(source_contribution=hidden)
    assert not resource.file


def test_the_service_copies_the_file_without_a_view(secretariat, published):
    resource = services.resource_promote(
        contribution_id=published.pk,
        by=secretariat,
        original_language="en",
        language="en",
        title_en="From the service",
        type="report",
    )
    assert resource.file_type == "pdf"
    assert resource.file.storage.exists(resource.file.name)


@pytest.mark.s3
def test_the_copy_goes_through_the_object_store(
    s3_storage, client_for, secretariat, delegate, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contribution = make_published(user=delegate, meeting=meeting, secretariat=secretariat)
        promote(client_for(secretariat), contribution)
    resource = Resource.objects.get(source_contribution=contribution)
    keys = {item.key for item in s3_storage.objects.all()}
    assert resource.file.name in keys
    assert s3_storage.Object(resource.file.name).get()["Body"].read() == make_pdf()
    assert download(client_for(secretariat), resource) == make_pdf()
