"""All documents of a meeting as one ZIP per language: what each language's ZIP holds (the
original where a language has no version, said so in the index), members-only and unsent
material left out, the cache kept until a document changes, and the progress page while it
is built."""

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from contributions import services
from contributions.models import MeetingArchive
from contributions.tasks import build_meeting_archive
from meetings.agenda import services as agenda_services
from meetings.liaison import services as liaison_services
from meetings.models import LiaisonNote
from meetings.outcomes import services as outcome_services

from ..factories import make_docx, make_pdf, pdf_upload
from .conftest import make_draft, make_published

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def url(meeting, language):
    return f"/meetings/{meeting.number}/documents/{language}.zip"


@pytest.fixture
def documents(meeting, delegate, secretariat, chair):
    """An English contribution with a French version; a French one with no English version;
    a members-only one; a draft; the agenda released; a sent note with an attachment and a
    draft note; the chair's report in French."""
    english = make_published(user=delegate, meeting=meeting, secretariat=secretariat)
    services.revision_add(
        contribution_id=english.pk,
        by=delegate,
        language="fr",
        upload=SimpleUploadedFile("fr.docx", make_docx("Version française"), DOCX),
    )
    french = make_published(
        user=delegate,
        meeting=meeting,
        secretariat=secretariat,
        title="Journée des filles dans le secteur des TIC",
        original_language="fr",
    )
    members = make_published(
        user=delegate, meeting=meeting, secretariat=secretariat, visibility="members"
    )
    make_draft(user=delegate, meeting=meeting, title="An unfinished draft")
    agenda_services.agenda_item_create(meeting=meeting, by=chair, version=None, title="Opening")
    agenda_services.agenda_release(meeting=meeting, by=chair, version=None)
    sent = LiaisonNote.objects.create(
        meeting=meeting, subject="To ITU-T SG17 on age assurance", body="The group asks."
    )
    liaison_services.liaison_attachment_add(
        note=sent, by=secretariat, upload=pdf_upload("annex.pdf")
    )
    LiaisonNote.objects.filter(pk=sent.pk).update(status=LiaisonNote.Status.SENT)
    LiaisonNote.objects.create(meeting=meeting, subject="A draft note to ITU-D SG2")
    outcome_services.chair_report_save(
        meeting=meeting, by=chair, language="fr", upload=pdf_upload("rapport.pdf")
    )
    return {"english": english, "french": french, "members": members, "note": sent}


def built(client, meeting, language, django_capture_on_commit_callbacks):
    """The ZIP as a client downloads it, built by its task on the way."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url(meeting, language))
    if response.status_code == 202:
        response = client.get(url(meeting, language))
    assert response.status_code == 200, response.content[:500]
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_english_zip(client, meeting, documents, django_capture_on_commit_callbacks):
    archive = built(client, meeting, "en", django_capture_on_commit_callbacks)
    n = meeting.number
    english, french = documents["english"].number, documents["french"].number
    note = documents["note"].pk
    names = set(archive.namelist())
    assert f"contributions/CWG-COP-{n}-{english}-E.pdf" in names
    # No English version of the French original: the original, said so in the index.
    assert f"contributions/CWG-COP-{n}-{french}-F.pdf" in names
    index = archive.read("index.txt").decode()
    assert (
        f"CWG-COP-{n}-{french}-F.pdf: CWG-COP-{n}/{french}, “Journée des filles dans le secteur "
        "des TIC”, has no English version: this is the original, in French."
    ) in index
    assert "agenda.html" in names
    assert "Opening" in archive.read("agenda.html").decode()
    assert f"liaison-notes/{note}/note.txt" in names
    assert "The group asks." in archive.read(f"liaison-notes/{note}/note.txt").decode()
    assert any(
        name.startswith(f"liaison-notes/{note}/") and name.endswith("-annex.pdf") for name in names
    )
    assert archive.read(f"contributions/CWG-COP-{n}-{english}-E.pdf") == make_pdf()
    # The chair's report is in French only: not in the English ZIP.
    assert not any(name.startswith("chair-report") for name in names)


def test_members_only_drafts_and_unsent_notes_are_left_out(
    client_for, delegate, meeting, documents, django_capture_on_commit_callbacks
):
    members = documents["members"].number
    # A member gets the same (public) ZIP: members-only contributions are on their pages.
    archive = built(client_for(delegate), meeting, "en", django_capture_on_commit_callbacks)
    text = " ".join(archive.namelist()) + archive.read("index.txt").decode()
    assert f"-{members}-E.pdf" not in text
    assert "An unfinished draft" not in text
    assert "A draft note" not in text
    assert "Members-only contributions are not in this archive" in text
    assert len(archive.namelist()) == 1 + 2 + 1 + 2  # index, contributions, agenda, note


def test_the_french_zip(client, meeting, documents, django_capture_on_commit_callbacks):
    archive = built(client, meeting, "fr", django_capture_on_commit_callbacks)
    n = meeting.number
    english, french = documents["english"].number, documents["french"].number
    names = set(archive.namelist())
    assert f"contributions/CWG-COP-{n}-{english}-F.docx" in names
    assert f"contributions/CWG-COP-{n}-{french}-F.pdf" in names
    assert "chair-report-fr.pdf" in names
    index = archive.read("index.txt").decode()
    with translation.override("fr"):
        assert translation.gettext("Agenda") in index
        assert translation.gettext("Liaison notes") in index
    assert "has no" not in index  # both have a French file
    assert "Ordre du jour" in archive.read("agenda.html").decode()


def test_every_language_has_its_zip_and_others_are_404(client, meeting, documents):
    for language in ["ar", "zh", "en", "fr", "ru", "es"]:
        assert client.get(url(meeting, language)).status_code in (200, 202)
    assert client.get(url(meeting, "de")).status_code == 404
    assert client.get("/meetings/999/documents/en.zip").status_code == 404


def test_the_progress_page_while_it_is_built(client, meeting, documents):
    response = client.get(url(meeting, "en"))  # the build waits for the commit
    assert response.status_code == 202
    text = response.content.decode()
    assert "The ZIP is being prepared: 0 of 5 documents." in text
    assert '<meta http-equiv="refresh" content="3">' in text
    assert response["Cache-Control"] == "no-store"
    archive = MeetingArchive.objects.get()
    MeetingArchive.objects.filter(pk=archive.pk).update(done=3)
    assert "3 of 5 documents" in client.get(url(meeting, "en")).content.decode()
    assert MeetingArchive.objects.count() == 1  # asking again queued nothing new
    build_meeting_archive(archive.pk)
    response = client.get(url(meeting, "en"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_zip_is_reused_until_a_document_changes(
    client, meeting, documents, delegate, django_capture_on_commit_callbacks
):
    built(client, meeting, "en", django_capture_on_commit_callbacks)
    first = MeetingArchive.objects.get()
    assert first.status == MeetingArchive.Status.READY
    assert default_storage.exists(first.file.name)
    assert first.fingerprint in first.file.name
    built(client, meeting, "en", django_capture_on_commit_callbacks)
    assert list(MeetingArchive.objects.all()) == [first]

    # A new revision: a new fingerprint, a new ZIP with it; the old one is gone.
    with django_capture_on_commit_callbacks(execute=True):
        services.revision_add(
            contribution_id=documents["english"].pk,
            by=delegate,
            language="en",
            upload=pdf_upload("rev1.pdf", text="Revised"),
        )
    archive = built(client, meeting, "en", django_capture_on_commit_callbacks)
    n, number = meeting.number, documents["english"].number
    assert f"contributions/CWG-COP-{n}-{number}(Rev.1)-E.pdf" in archive.namelist()
    second = MeetingArchive.objects.get()
    assert second.pk != first.pk and second.fingerprint != first.fingerprint
    assert not default_storage.exists(first.file.name)


def test_a_contribution_made_members_only_leaves_the_zip(
    client, meeting, documents, secretariat, django_capture_on_commit_callbacks
):
    built(client, meeting, "en", django_capture_on_commit_callbacks)
    services.contribution_set_visibility(
        contribution_id=documents["english"].pk, by=secretariat, visibility="members"
    )
    archive = built(client, meeting, "en", django_capture_on_commit_callbacks)
    assert not any(f"-{documents['english'].number}-E" in n for n in archive.namelist())


def test_the_task_is_safe_to_run_twice(client, meeting, documents):
    client.get(url(meeting, "en"))
    archive = MeetingArchive.objects.get()
    build_meeting_archive(archive.pk)
    name = MeetingArchive.objects.get().file.name
    build_meeting_archive(archive.pk)
    assert MeetingArchive.objects.get().file.name == name
    assert default_storage.exists(name)


def test_the_meeting_page_links_the_six_zips(client, meeting):
    text = client.get(f"/meetings/{meeting.number}/").content.decode()
    for language in ["ar", "zh", "en", "fr", "ru", "es"]:
        assert f'href="/meetings/{meeting.number}/documents/{language}.zip"' in text
