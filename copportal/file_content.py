"""What a file's content is, read without trusting its name: the ZIP package checks (entry
names, declared sizes, compression ratio, before anything is decompressed), the Office type
from [Content_Types].xml or ODF's `mimetype`, and the PDF checks (parses, not locked, no active
content). copportal/uploads.py check_upload decides with these and words the refusal.
"""

import re
import zipfile
from xml.etree import ElementTree

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# The main part's content type in [Content_Types].xml, for each Office Open XML format.
OOXML_MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "docm",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": "pptm",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": "ppsm",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsm",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "dotx",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "dotm",
}
MACRO_TYPES = {"docm", "pptm", "ppsm", "xlsm", "dotm"}
ODF_MIME_TYPES = {"application/vnd.oasis.opendocument.text": "odt"}
# Signatures of things people send by mistake or on purpose, to say what a refused file is.
LOOKS_LIKE = [
    (b"MZ", gettext_lazy("a Windows program")),
    (b"\x7fELF", gettext_lazy("a Linux program")),
    (b"\xcf\xfa\xed\xfe", gettext_lazy("a macOS program")),
    (b"#!", gettext_lazy("a script")),
    (b"\xd0\xcf\x11\xe0", gettext_lazy("an old Office file (DOC, PPT or XLS)")),
    (b"{\\rtf", gettext_lazy("an RTF document")),
    (b"\x89PNG", gettext_lazy("an image")),
    (b"\xff\xd8\xff", gettext_lazy("an image")),
]
# The ZIP checks: more than this uncompressed, or compressed better than this ratio, is refused.
ZIP_MAX_ENTRIES = 5000
ZIP_MAX_RATIO = 100
ZIP_RATIO_MIN_BYTES = 1024 * 1024
# PDF dictionary keys that carry active content wherever they appear.
PDF_ACTIVE_KEYS = {
    "/JavaScript": "JavaScript",
    "/JS": "JavaScript",
    "/Launch": gettext_lazy("a launch action (it starts a program)"),
    "/EmbeddedFile": gettext_lazy("an embedded file"),
    "/EmbeddedFiles": gettext_lazy("an embedded file"),
    "/RichMedia": gettext_lazy("embedded media"),
    "/XFA": gettext_lazy("an XFA form (it can run scripts)"),
}
# Action types (/S) that run something; an /OpenAction or /AA made of them is refused.
PDF_ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": gettext_lazy("a launch action (it starts a program)"),
    "/ImportData": gettext_lazy("an action that imports data"),
    "/SubmitForm": gettext_lazy("an action that sends data"),
}
# A PDF with more objects than this is not a contribution (and would take long to check).
PDF_MAX_OBJECTS = 200_000


class Refused(Exception):
    """A file that is not accepted: why (a sentence for the uploader) and a code."""

    def __init__(self, reason: str, code: str):
        super().__init__(reason)
        self.reason = reason
        self.code = code


def refuse(reason: str, code: str):
    raise Refused(reason, code)


def looks_like(head: bytes) -> str:
    start = head.lstrip()[:200].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml")):
        return _("an HTML or XML page")
    for signature, what in LOOKS_LIKE:
        if head.startswith(signature):
            return str(what)
    return ""


def _bad_entry_name(name: str) -> bool:
    parts = re.split(r"[/\\]", name)
    return (
        name.startswith(("/", "\\"))
        or re.match(r"^[A-Za-z]:", name) is not None
        or ".." in parts
        or "\x00" in name
    )


def zip_type(upload) -> str:
    """The Office type of a ZIP package, after the central directory's checks."""
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError):
        refuse(_("This file is damaged: it is not a readable document."), "damaged")
    with archive:
        entries = archive.infolist()
        if len(entries) > ZIP_MAX_ENTRIES:
            refuse(_("This file holds too many parts to be a document."), "zip-bomb")
        total = sum(entry.file_size for entry in entries)
        packed = sum(entry.compress_size for entry in entries)
        limit = settings.CONTRIBUTION_MAX_UNPACKED_BYTES
        if total > limit or (
            total > ZIP_RATIO_MIN_BYTES and total > ZIP_MAX_RATIO * max(packed, 1)
        ):
            refuse(
                _("This file would expand to %(size)s when opened: it looks like a zip bomb.")
                % {"size": filesizeformat(total)},
                "zip-bomb",
            )
        for entry in entries:
            if _bad_entry_name(entry.filename):
                refuse(_("This file contains a part with a path outside it."), "zip-path")
            if entry.file_size > ZIP_RATIO_MIN_BYTES and entry.file_size > ZIP_MAX_RATIO * max(
                entry.compress_size, 1
            ):
                refuse(_("This file looks like a zip bomb."), "zip-bomb")
        names = {entry.filename for entry in entries}
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            refuse(_("This file contains macros, which are not accepted."), "macro")
        if "mimetype" in names:
            mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
            return ODF_MIME_TYPES.get(mimetype, "")
        if "[Content_Types].xml" in names:
            if archive.getinfo("[Content_Types].xml").file_size > ZIP_RATIO_MIN_BYTES:
                refuse(_("This file is damaged: it is not a readable document."), "damaged")
            return _ooxml_type(archive.read("[Content_Types].xml"))
    return ""


def _ooxml_type(content_types: bytes) -> str:
    try:
        root = ElementTree.fromstring(content_types)  # noqa: S314 (size-checked, no DTD fetch)
    except ElementTree.ParseError:
        return ""
    for element in root:
        found = OOXML_MAIN_PARTS.get(element.get("ContentType", ""))
        if found:
            return found
    return ""


def _pdf_active_content(root) -> str:
    """What active content the PDF's object graph reaches, or "" when none.

    Walks every object reachable from the trailer (document catalogue, pages, annotations,
    form fields, name trees), each once; content streams' data is not decoded.
    """
    seen = set()
    stack = [root]
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        visited += 1
        if visited > PDF_MAX_OBJECTS:
            return str(_("too many objects to check"))
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in PDF_ACTIVE_KEYS:
                    return str(PDF_ACTIVE_KEYS[key])
                if key == "/S":
                    action = value.get_object() if isinstance(value, IndirectObject) else value
                    if action in PDF_ACTIVE_ACTIONS:
                        return str(PDF_ACTIVE_ACTIONS[action])
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return ""


def check_pdf(upload) -> None:
    """Refuse a PDF that does not parse, is locked, or carries active content."""
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            refuse(
                _("This PDF is protected by a password: send it without the password."),
                "encrypted",
            )
        active = _pdf_active_content(reader.trailer)
        if not reader.pages:
            raise ValueError("no pages")
    except Refused:
        raise
    except Exception:
        # pypdf raises many kinds of errors (and Python's own) on a broken file.
        refuse(_("This PDF is damaged: it could not be read."), "damaged")
    finally:
        upload.seek(0)
    if active:
        refuse(
            _(
                "This PDF contains active content (%(what)s), which is not accepted. Print it "
                "to a new PDF, or export it again without scripts, attachments or actions."
            )
            % {"what": active},
            "pdf-active",
        )
