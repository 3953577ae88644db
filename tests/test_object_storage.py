"""Uploads and downloads through the S3 backend (django-storages) against a real
S3-compatible server (moto's, started by .ci/run): a file lands in the bucket, its download
streams it back through the portal, and the permissions are those of the local folder."""

import datetime
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from contributions import services as contribution_services
from contributions.models import MeetingArchive, Revision
from copportal import housekeeping
from meetings.liaison import services as liaison_services
from meetings.models import LiaisonNote
from meetings.outcomes import services as outcome_services

from .contributions.conftest import make_draft, make_published
from .factories import MeetingFactory, make_docx, make_pdf, pdf_upload

pytestmark = [pytest.mark.s3, pytest.mark.django_db]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def meeting(audiences):
    return MeetingFactory(number=30)


def stored_keys(bucket) -> set[str]:
    return {item.key for item in bucket.objects.all()}


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_default_storage_is_the_bucket(s3_storage):
    assert default_storage.bucket_name == s3_storage.name


def test_an_upload_lands_in_the_bucket_and_its_download_streams_it_back(
    s3_storage, client_for, delegate, secretariat, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        published = make_published(user=delegate, meeting=meeting, secretariat=secretariat)
    revision = Revision.objects.get(document__contribution=published)
    assert revision.file.name in stored_keys(s3_storage)
    assert s3_storage.Object(revision.file.name).get()["Body"].read() == make_pdf()
    revision.refresh_from_db()
    assert revision.text_extracted_at is not None
    assert revision.extraction_error == ""

    response = client_for(None).get(revision.get_absolute_url())
    assert response.status_code == 200
    assert response.streaming
    assert body(response) == make_pdf()
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("who", "draft", "members_only"),
    [
        (None, 404, 302),
        ("outsider", 404, 404),
        ("other_delegate", 404, 200),
        ("delegate", 200, 200),
    ],
)
def test_the_permissions_are_unchanged(
    s3_storage, client_for, request, delegate, secretariat, meeting, who, draft, members_only
):
    draft_file = Revision.objects.get(
        document__contribution=make_draft(user=delegate, meeting=meeting)
    )
    members_file = Revision.objects.get(
        document__contribution=make_published(
            user=delegate, meeting=meeting, secretariat=secretariat, visibility="members"
        )
    )
    assert {draft_file.file.name, members_file.file.name} <= stored_keys(s3_storage)
    client = client_for(request.getfixturevalue(who) if who else None)
    for revision, expected in [(draft_file, draft), (members_file, members_only)]:
        response = client.get(revision.get_absolute_url())
        assert response.status_code == expected
        if expected == 200:
            assert body(response) == make_pdf()
        else:
            assert make_pdf() not in response.content


def test_a_draft_liaison_notes_attachment_stays_with_the_secretariat(
    s3_storage, client_for, secretariat, meeting
):
    note = LiaisonNote.objects.create(meeting=meeting, subject="To ITU-T SG17")
    attachment = liaison_services.liaison_attachment_add(
        note=note, by=secretariat, upload=pdf_upload("annex.pdf")
    )
    assert attachment.file.name in stored_keys(s3_storage)
    assert client_for(None).get(attachment.get_absolute_url()).status_code == 404
    response = client_for(secretariat).get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert body(response) == make_pdf()


def test_the_chair_report_is_stored_and_served_from_the_bucket(
    s3_storage, client_for, chair, meeting
):
    report = outcome_services.chair_report_save(
        meeting=meeting, by=chair, language="fr", upload=pdf_upload("rapport.pdf")
    )
    assert report.file.name in stored_keys(s3_storage)
    response = client_for(None).get(report.get_absolute_url())
    assert response.status_code == 200
    assert body(response) == make_pdf()


def test_the_text_is_extracted_from_the_bucket(
    s3_storage, delegate, meeting, django_capture_on_commit_callbacks
):
    contribution = make_draft(user=delegate, meeting=meeting, file=False)
    with django_capture_on_commit_callbacks(execute=True):
        revision = contribution_services.revision_add(
            contribution_id=contribution.pk,
            by=delegate,
            language="en",
            upload=SimpleUploadedFile("c.docx", make_docx("Age assurance in schools"), DOCX),
        )
    revision.refresh_from_db()
    assert revision.file.name in stored_keys(s3_storage)
    assert "Age assurance in schools" in revision.text


def test_a_replaced_draft_file_is_deleted_from_the_bucket(
    s3_storage, delegate, meeting, django_capture_on_commit_callbacks
):
    contribution = make_draft(user=delegate, meeting=meeting)
    first = Revision.objects.get(document__contribution=contribution).file.name
    with django_capture_on_commit_callbacks(execute=True):
        contribution_services.revision_add(
            contribution_id=contribution.pk,
            by=delegate,
            language="en",
            upload=pdf_upload("second.pdf", text="A second file"),
        )
    names = stored_keys(s3_storage)
    assert first not in names
    assert Revision.objects.get(document__contribution=contribution).file.name in names


def test_housekeeping_removes_what_no_row_names_from_the_bucket(
    s3_storage, delegate, meeting, settings
):
    kept = Revision.objects.get(
        document__contribution=make_draft(user=delegate, meeting=meeting)
    ).file.name
    s3_storage.put_object(Key="contributions/999/lost.pdf", Body=b"%PDF")
    later = timezone.now() + datetime.timedelta(hours=settings.UPLOAD_ORPHAN_GRACE_HOURS + 1)
    assert housekeeping.remove_unreferenced_uploads(now=later) == ["contributions/999/lost.pdf"]
    assert stored_keys(s3_storage) == {kept}


def test_a_meetings_zip_is_built_into_the_bucket_and_streamed_back(
    s3_storage, client, delegate, secretariat, meeting, django_capture_on_commit_callbacks
):
    published = make_published(user=delegate, meeting=meeting, secretariat=secretariat)
    address = f"/meetings/{meeting.number}/documents/en.zip"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(address).status_code == 202
    archive = MeetingArchive.objects.get()
    assert archive.file.name in stored_keys(s3_storage)
    response = client.get(address)
    assert response.status_code == 200
    contents = zipfile.ZipFile(io.BytesIO(body(response)))
    name = f"contributions/CWG-COP-{meeting.number}-{published.number}-E.pdf"
    assert contents.read(name) == make_pdf()
