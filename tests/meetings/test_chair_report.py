"""The chair's report, a document per language: who may upload, replace and remove it; the
file checked by its content (PDF or DOCX only); the public meeting page and the download."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from meetings.models import ChairReport
from meetings.outcomes import services

from ..factories import MeetingFactory, make_docx, make_pdf, pdf_upload

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=20)


def docx_upload(name="report.docx", text="The chair's report"):
    return SimpleUploadedFile(name, make_docx(text), content_type=DOCX)


def edit_url(meeting):
    return f"/meetings/{meeting.number}/report/edit/"


class TestWhoMay:
    @pytest.mark.parametrize(
        "who,status",
        [(None, 302), ("outsider", 403), ("delegate", 403), ("chair", 200), ("secretariat", 200)],
    )
    def test_who_may_open_the_upload_page(self, client_for, request, meeting, who, status):
        user = request.getfixturevalue(who) if who else None
        assert client_for(user).get(edit_url(meeting)).status_code == status

    @pytest.mark.parametrize("who", [None, "outsider", "delegate"])
    def test_others_cannot_upload(self, client_for, request, meeting, who):
        user = request.getfixturevalue(who) if who else None
        response = client_for(user).post(
            edit_url(meeting), {"language": "en", "file": pdf_upload("report.pdf")}
        )
        assert response.status_code in (302, 403)
        assert not ChairReport.objects.exists()

    @pytest.mark.parametrize("who", [None, "outsider", "delegate"])
    def test_others_cannot_remove(self, client_for, request, meeting, chair, who):
        services.chair_report_save(meeting=meeting, by=chair, language="en", upload=pdf_upload())
        user = request.getfixturevalue(who) if who else None
        response = client_for(user).post(f"/meetings/{meeting.number}/report/en/remove/")
        assert response.status_code in (302, 403)
        assert ChairReport.objects.count() == 1

    def test_the_service_refuses_a_delegate(self, meeting, delegate):
        with pytest.raises(PermissionDenied):
            services.chair_report_save(
                meeting=meeting, by=delegate, language="en", upload=pdf_upload()
            )


class TestUploading:
    @pytest.mark.parametrize("who", ["chair", "secretariat"])
    def test_an_officer_uploads_a_report_per_language(self, client_for, request, meeting, who):
        client = client_for(request.getfixturevalue(who))
        response = client.post(
            edit_url(meeting), {"language": "en", "file": pdf_upload("Chair report.pdf")}
        )
        assert response.status_code == 302
        response = client.post(edit_url(meeting), {"language": "fr", "file": docx_upload()})
        assert response.status_code == 302
        reports = {r.language: r for r in meeting.chair_reports.all()}
        assert set(reports) == {"en", "fr"}
        assert (
            reports["en"].file_type == "pdf" and reports["en"].original_name == "Chair report.pdf"
        )
        assert reports["fr"].file_type == "docx"
        page = client.get(edit_url(meeting)).content.decode()
        assert "Chair report.pdf" in page and "report.docx" in page

    def test_a_second_file_in_a_language_replaces_the_first(self, client_for, meeting, chair):
        client = client_for(chair)
        client.post(edit_url(meeting), {"language": "en", "file": pdf_upload("first.pdf")})
        first = ChairReport.objects.get()
        old_name, storage = first.file.name, first.file.storage
        second = docx_upload("second.docx")
        content = second.read()
        second.seek(0)
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.post(edit_url(meeting), {"language": "en", "file": second})
        assert response.status_code == 302
        report = ChairReport.objects.get()
        assert report.pk == first.pk
        assert report.original_name == "second.docx" and report.file_type == "docx"
        assert report.file.read() == content  # a DOCX's bytes differ each time it is made
        assert not storage.exists(old_name)
        assert "is replaced" in client.get(edit_url(meeting)).content.decode()

    def test_a_report_is_removed(self, client_for, meeting, chair, secretariat):
        report = services.chair_report_save(
            meeting=meeting, by=chair, language="fr", upload=pdf_upload()
        )
        name, storage = report.file.name, report.file.storage
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client_for(secretariat).post(f"/meetings/{meeting.number}/report/fr/remove/")
        assert response.status_code == 302
        assert not ChairReport.objects.exists()
        assert not storage.exists(name)

    def test_removing_takes_a_post(self, client_for, meeting, chair):
        services.chair_report_save(meeting=meeting, by=chair, language="en", upload=pdf_upload())
        response = client_for(chair).get(f"/meetings/{meeting.number}/report/en/remove/")
        assert response.status_code == 405
        assert ChairReport.objects.count() == 1


class TestRefusedFiles:
    def test_a_program_is_refused_with_what_it_looks_like(self, client_for, meeting, chair):
        program = SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 100)
        response = client_for(chair).post(edit_url(meeting), {"language": "en", "file": program})
        assert response.status_code == 400
        page = response.content.decode()
        assert "it looks like a Windows program" in page
        assert not ChairReport.objects.exists()

    def test_another_accepted_document_type_is_refused_for_a_report(
        self, client_for, meeting, chair
    ):
        import io
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
        odt = SimpleUploadedFile("report.odt", buffer.getvalue())
        response = client_for(chair).post(edit_url(meeting), {"language": "en", "file": odt})
        assert response.status_code == 400
        assert "must be a PDF or a Word (DOCX) document; this file is ODT" in (
            response.content.decode()
        )
        assert not ChairReport.objects.exists()

    def test_a_missing_file_is_asked_for(self, client_for, meeting, chair):
        response = client_for(chair).post(edit_url(meeting), {"language": "en"})
        assert response.status_code == 400
        assert "Choose the file to upload." in response.content.decode()

    def test_a_refused_replacement_keeps_the_report_there_is(self, client_for, meeting, chair):
        services.chair_report_save(meeting=meeting, by=chair, language="en", upload=pdf_upload())
        bad = SimpleUploadedFile("report.pdf", b"%PDF-1.4 broken")
        response = client_for(chair).post(edit_url(meeting), {"language": "en", "file": bad})
        assert response.status_code == 400
        assert "This PDF is damaged" in response.content.decode()
        assert ChairReport.objects.get().file.read() == make_pdf()


class TestPublic:
    def test_the_meeting_page_lists_the_languages_with_download_links(
        self, client_for, meeting, chair
    ):
        services.chair_report_save(meeting=meeting, by=chair, language="en", upload=pdf_upload())
        services.chair_report_save(meeting=meeting, by=chair, language="fr", upload=docx_upload())
        page = client_for(None).get(f"/meetings/{meeting.number}/").content.decode()
        assert "The chair's report" in page
        assert f'href="/meetings/{meeting.number}/report/en/"' in page
        assert f'href="/meetings/{meeting.number}/report/fr/"' in page
        assert "Upload the chair" not in page  # no upload link for the public

    def test_the_upload_link_is_for_officers(self, client_for, meeting, secretariat):
        page = client_for(secretariat).get(f"/meetings/{meeting.number}/").content.decode()
        assert f'href="/meetings/{meeting.number}/report/edit/"' in page

    def test_anyone_downloads_a_report_as_an_attachment(self, client_for, meeting, chair):
        services.chair_report_save(
            meeting=meeting, by=chair, language="en", upload=pdf_upload("Report 20.pdf")
        )
        response = client_for(None).get(f"/meetings/{meeting.number}/report/en/")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == make_pdf()
        assert response["Content-Type"] == "application/pdf"
        assert 'attachment; filename="Report 20.pdf"' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"

    def test_a_language_without_a_report_is_not_found(self, client, meeting, chair):
        services.chair_report_save(meeting=meeting, by=chair, language="en", upload=pdf_upload())
        assert client.get(f"/meetings/{meeting.number}/report/fr/").status_code == 404
        assert client.get(f"/meetings/{meeting.number + 1}/report/en/").status_code == 404

    def test_no_report_no_outcomes_section(self, client, meeting):
        page = client.get(f"/meetings/{meeting.number}/").content.decode()
        assert "The chair's report" not in page
