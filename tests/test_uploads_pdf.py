"""PDFs are parsed: active content (scripts, launch actions, embedded files) and PDFs that do
not parse are refused, with a message saying why. The hostile files are built here (pypdf)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from copportal.uploads import check_upload

from .factories import make_pdf


def _upload(data: bytes, name="contribution.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def _write(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _writer() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    return writer


def _action(kind: str, **entries) -> DictionaryObject:
    action = DictionaryObject({NameObject("/Type"): NameObject("/Action")})
    action[NameObject("/S")] = NameObject(kind)
    for key, value in entries.items():
        action[NameObject(f"/{key}")] = value
    return action


def pdf_with_document_javascript() -> bytes:
    """A script in the document's /Names /JavaScript tree (runs when the file opens)."""
    writer = _writer()
    script = writer._add_object(_action("/JavaScript", JS=TextStringObject("app.alert(0)")))
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("opening"), script])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(tree)}
    )
    return _write(writer)


def pdf_with_open_action_script() -> bytes:
    writer = _writer()
    script = _action("/JavaScript", JS=TextStringObject("app.alert(1)"))
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(script)
    return _write(writer)


def pdf_with_launch_action() -> bytes:
    writer = _writer()
    launch = _action("/Launch", F=TextStringObject("cmd.exe"))
    writer._root_object[NameObject("/OpenAction")] = launch
    return _write(writer)


def pdf_with_embedded_file() -> bytes:
    writer = _writer()
    writer.add_attachment("payload.exe", b"MZ not really a program")
    return _write(writer)


def pdf_with_page_additional_action() -> bytes:
    writer = _writer()
    page = writer.pages[0]
    script = _action("/JavaScript", JS=TextStringObject("this.print()"))
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): writer._add_object(script)})
    return _write(writer)


def pdf_with_script_hidden_in_an_annotation() -> bytes:
    writer = _writer()
    script = _action("/JavaScript", JS=TextStringObject("app.alert(2)"))
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/A"): script,
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    return _write(writer)


HOSTILE = [
    (pdf_with_document_javascript, "JavaScript"),
    (pdf_with_open_action_script, "JavaScript"),
    (pdf_with_launch_action, "launch action"),
    (pdf_with_embedded_file, "embedded file"),
    (pdf_with_page_additional_action, "JavaScript"),
    (pdf_with_script_hidden_in_an_annotation, "JavaScript"),
]


@pytest.mark.parametrize(("maker", "what"), HOSTILE, ids=[m.__name__ for m, _ in HOSTILE])
def test_pdf_with_active_content_is_refused(maker, what):
    with pytest.raises(ValidationError) as refused:
        check_upload(_upload(maker()))
    assert refused.value.code == "pdf-active"
    message = refused.value.messages[0]
    assert "active content" in message and what in message


def test_escaped_names_do_not_hide_javascript():
    """/J#61vaScript is /JavaScript to a viewer, and to the check."""
    data = pdf_with_document_javascript().replace(b"/JavaScript", b"/J#61vaScript")
    assert b"/JavaScript" not in data
    with pytest.raises(ValidationError) as refused:
        check_upload(_upload(data))
    assert refused.value.code == "pdf-active"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n" + b"garbage" * 50,
        make_pdf()[: len(make_pdf()) // 3],
        b"%PDF-1.7\n%%EOF\n",
    ],
    ids=["garbage", "truncated", "empty-body"],
)
def test_pdf_that_does_not_parse_is_refused(data):
    with pytest.raises(ValidationError) as refused:
        check_upload(_upload(data))
    assert refused.value.code == "damaged"
    assert "could not be read" in refused.value.messages[0]


def test_password_protected_pdf_is_refused():
    writer = _writer()
    writer.encrypt(user_password="secret", owner_password="owner")
    with pytest.raises(ValidationError) as refused:
        check_upload(_upload(_write(writer)))
    assert refused.value.code == "encrypted"


def test_plain_pdf_with_a_link_is_accepted():
    writer = _writer()
    writer.add_uri(0, "https://www.itu.int/", [0, 0, 50, 50])
    writer.add_metadata({"/Title": "A contribution"})
    checked = check_upload(_upload(_write(writer)))
    assert checked.file_type == "pdf"


def test_plain_pdf_is_accepted_and_left_readable():
    upload = _upload(make_pdf("Proposal"))
    assert check_upload(upload).file_type == "pdf"
    assert upload.read(5) == b"%PDF-"
