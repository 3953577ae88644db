"""Files: checked by content; hostile uploads refused with a message saying why and what is
allowed; stored privately under names of our own; text extracted after commit."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from contributions import services
from contributions.models import Contribution, Revision
from copportal.uploads import check_upload, safe_filename

from ..factories import make_docx, make_pdf, pdf_upload
from .conftest import make_draft


def upload(name, data, content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def office_zip(content_type: str, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/word/document.xml" ContentType="{content_type}"/>'
            "</Types>",
        )
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_pptx() -> bytes:
    from pptx import Presentation

    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "Slides about child online protection"
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def make_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Helplines by region"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def make_odt() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text="An OpenDocument contribution"))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("maker", "file_type"),
    [
        (make_pdf, "pdf"),
        (make_docx, "docx"),
        (make_pptx, "pptx"),
        (make_xlsx, "xlsx"),
        (make_odt, "odt"),
    ],
)
def test_accepted_types_are_recognised_by_content_whatever_the_name(maker, file_type):
    checked = check_upload(upload("no-extension", maker(), "application/octet-stream"))
    assert checked.file_type == file_type
    assert checked.name == f"no-extension.{file_type}"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("report.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML"),
        ("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "Windows program"),
        ("report.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "Linux program"),
        ("report.docx", b"just some text", "not an accepted document"),
    ],
)
def test_files_pretending_to_be_documents_are_refused(name, data, says):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, data))
    message = error.value.messages[0]
    assert says in message
    assert "Accepted: PDF, Word (DOCX)" in message  # says what is allowed


def test_macro_enabled_word_file_is_refused_even_named_docx():
    docm = office_zip("application/vnd.ms-word.document.macroEnabled.main+xml")
    with pytest.raises(ValidationError, match="macro-enabled file \\(DOCM\\)"):
        check_upload(upload("innocent.docx", docm))


def test_a_docx_carrying_a_vba_project_is_refused():
    sneaky = office_zip(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        {"word/vbaProject.bin": b"\x00" * 10},
    )
    with pytest.raises(ValidationError, match="macros"):
        check_upload(upload("sneaky.docx", sneaky))


def test_zip_bomb_is_refused_from_the_central_directory():
    bomb = office_zip(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        {"word/media/huge.bin": b"\x00" * (30 * 1024 * 1024)},
    )
    assert len(bomb) < 100_000
    with pytest.raises(ValidationError, match="zip bomb"):
        check_upload(upload("bomb.docx", bomb))


@pytest.mark.parametrize("entry", ["../../etc/cron.d/evil", "/etc/passwd", "C:/Windows/evil"])
def test_zip_entries_with_paths_outside_are_refused(entry):
    evil = office_zip(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        {entry: b"x"},
    )
    with pytest.raises(ValidationError, match="path outside"):
        check_upload(upload("evil.docx", evil))


def test_oversized_file_is_refused_by_its_size(settings):
    settings.CONTRIBUTION_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError, match="more than the limit"):
        check_upload(upload("big.pdf", make_pdf() + b"\x00" * 2000))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\system.ini.pdf", "system.ini.pdf"),
        ("<script>x</script>.pdf", "script.pdf"),
        ("Contribution\u202eFDP.exe", "ContributionFDP.pdf"),
        ("", "document.pdf"),
        ("Projet de résolution.docx", "Projet de résolution.pdf"),
    ],
)
def test_file_names_are_sanitised(name, expected):
    assert safe_filename(name, "pdf") == expected


@pytest.mark.django_db
def test_upload_is_stored_privately_under_a_name_of_our_own(settings, delegate, meeting):
    contribution = make_draft(user=delegate, meeting=meeting, file=False)
    revision = services.revision_add(
        contribution_id=contribution.pk,
        by=delegate,
        language="en",
        upload=upload("../../../../tmp/evil name.pdf", make_pdf()),
    )
    stored = revision.file.path
    assert stored.startswith(str(settings.MEDIA_ROOT / "contributions"))
    assert "evil" not in stored and ".." not in revision.file.name
    assert revision.original_name == "evil name.pdf"
    assert not str(settings.MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))


@pytest.mark.django_db
def test_path_in_the_posted_file_name_is_dropped(client_for, delegate, meeting, settings):
    client = client_for(delegate)
    response = client.post(
        "/contributions/submit/",
        _form(meeting, delegate, file=upload("../../static/evil.pdf", make_pdf())),
    )
    assert response.status_code == 302
    revision = Revision.objects.get()
    assert revision.original_name == "evil.pdf"
    assert revision.file.name.startswith("contributions/")


def _form(meeting, delegate, **extra):
    data = {
        "meeting": meeting.pk,
        "title": "A title kept on error",
        "sources": [delegate.approved_organizations[0].pk],
        "kind": "contribution",
        "purpose": "information",
        "abstract": "An abstract kept on error.",
        "original_language": "en",
        "action": "draft",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file", "says"),
    [
        (lambda: upload("evil.pdf", b"<html><body>hi</body></html>"), "HTML"),
        (
            lambda: upload(
                "macro.docm", office_zip("application/vnd.ms-word.document.macroEnabled.main+xml")
            ),
            "macro-enabled",
        ),
    ],
)
def test_refused_file_keeps_the_rest_of_the_form(client_for, delegate, meeting, file, says):
    response = client_for(delegate).post(
        "/contributions/submit/", _form(meeting, delegate, file=file())
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert says in text and "Accepted: PDF" in text
    assert "A title kept on error" in text and "An abstract kept on error." in text
    assert "choose it again" in text
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_oversized_post_is_dropped_while_streaming_and_explained(
    client_for, delegate, meeting, settings
):
    settings.CONTRIBUTION_MAX_UPLOAD_BYTES = 70 * 1024  # the handler reads 64 KiB chunks
    big = upload("big.pdf", make_pdf() + b"\x00" * (300 * 1024))
    response = client_for(delegate).post(
        "/contributions/submit/", _form(meeting, delegate, file=big)
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "big.pdf is more than the limit" in text and "70.0\xa0KB" in text
    assert "A title kept on error" in text
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_text_is_extracted_after_commit_for_search(
    delegate, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        contribution = make_draft(user=delegate, meeting=meeting, file=False)
        services.revision_add(
            contribution_id=contribution.pk,
            by=delegate,
            language="en",
            upload=upload("a.docx", make_docx("Age assurance and end-to-end encryption")),
        )
    assert len(callbacks) == 1
    revision = Revision.objects.get()
    assert "end-to-end encryption" in revision.text
    assert revision.text_extracted_at is not None
    # Safe to run twice.
    again = services.revision_extract_text(revision_id=revision.pk)
    assert again.text_extracted_at == revision.text_extracted_at


@pytest.mark.django_db
def test_a_file_whose_text_cannot_be_extracted_is_still_accepted(delegate, meeting, monkeypatch):
    """A PDF that passes the checks but trips the text extractor stays accepted, unsearchable.
    (A PDF that does not parse at all is refused at upload: tests/test_uploads_pdf.py.)"""
    from copportal import extraction

    def broken_reader(handle):
        raise ValueError("the extractor could not read this PDF")

    contribution = make_draft(user=delegate, meeting=meeting, file=False)
    revision = services.revision_add(
        contribution_id=contribution.pk,
        by=delegate,
        language="en",
        upload=upload("b.pdf", make_pdf()),
    )
    monkeypatch.setitem(extraction.READERS, "pdf", broken_reader)
    revision = services.revision_extract_text(revision_id=revision.pk)
    assert Revision.objects.filter(pk=revision.pk).exists()
    assert revision.text_extracted_at is not None
    assert revision.text == ""
    assert revision.extraction_error


def test_pdf_upload_helper_is_a_real_pdf():
    assert pdf_upload().read().startswith(b"%PDF-")
