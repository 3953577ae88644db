"""What a contribution file may be: checked by its content, never by its name or the browser.

PDF is recognised by its signature, then parsed (pypdf): one that does not parse, is locked, or
carries active content (scripts, launch actions, embedded files) is refused. DOCX, PPTX and
XLSX are ZIP packages told apart (and from their macro-enabled cousins DOCM, PPTM, XLSM) by
[Content_Types].xml; ODT by its `mimetype` entry. Before anything is decompressed, the ZIP's
central directory is checked: entry names (no `..`, no absolute paths), the declared sizes and
the compression ratio (zip bombs).
"""

import hashlib
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import models
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


class FileType(models.TextChoices):
    """The file types the portal can accept (settings.CONTRIBUTION_FILE_TYPES picks among them)."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (DOCX)"
    PPTX = "pptx", "PowerPoint (PPTX)"
    XLSX = "xlsx", "Excel (XLSX)"
    ODT = "odt", "OpenDocument (ODT)"


TYPE_NAMES = dict(FileType.choices)
MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    # Not an upload type: the meetings' archives (contributions/archives.py).
    "zip": "application/zip",
}
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
CHUNK = 64 * 1024
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


@dataclass(frozen=True)
class CheckedFile:
    file_type: str
    name: str
    size: int
    sha256: str


def allowed_types() -> list[str]:
    return [t for t in settings.CONTRIBUTION_FILE_TYPES if t in TYPE_NAMES]


def limits_text() -> str:
    """The limits in one sentence, shown before anyone uploads and in every refusal."""
    return _("Accepted: %(types)s, up to %(size)s per file; no macros.") % {
        "types": ", ".join(TYPE_NAMES[t] for t in allowed_types()),
        "size": filesizeformat(settings.CONTRIBUTION_MAX_UPLOAD_BYTES),
    }


def _refuse(reason: str, code: str):
    raise ValidationError(f"{reason} {limits_text()}", code=code)


def safe_filename(name: str, file_type: str) -> str:
    """The user's file name without any path, control or odd characters, and our extension."""
    name = unicodedata.normalize("NFKC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = "".join(ch for ch in stem if unicodedata.category(ch)[0] in "LNZ" or ch in "-_.()")
    stem = re.sub(r"\s+", " ", stem).strip(" .-_")[:100]
    return f"{stem or 'document'}.{file_type}"


def _looks_like(head: bytes) -> str:
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


def _zip_type(upload) -> str:
    """The Office type of a ZIP package, after the central directory's checks."""
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse(_("This file is damaged: it is not a readable document."), "damaged")
    with archive:
        entries = archive.infolist()
        if len(entries) > ZIP_MAX_ENTRIES:
            _refuse(_("This file holds too many parts to be a document."), "zip-bomb")
        total = sum(entry.file_size for entry in entries)
        packed = sum(entry.compress_size for entry in entries)
        limit = settings.CONTRIBUTION_MAX_UNPACKED_BYTES
        if total > limit or (
            total > ZIP_RATIO_MIN_BYTES and total > ZIP_MAX_RATIO * max(packed, 1)
        ):
            _refuse(
                _("This file would expand to %(size)s when opened: it looks like a zip bomb.")
                % {"size": filesizeformat(total)},
                "zip-bomb",
            )
        for entry in entries:
            if _bad_entry_name(entry.filename):
                _refuse(_("This file contains a part with a path outside it."), "zip-path")
            if entry.file_size > ZIP_RATIO_MIN_BYTES and entry.file_size > ZIP_MAX_RATIO * max(
                entry.compress_size, 1
            ):
                _refuse(_("This file looks like a zip bomb."), "zip-bomb")
        names = {entry.filename for entry in entries}
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            _refuse(_("This file contains macros, which are not accepted."), "macro")
        if "mimetype" in names:
            mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
            return ODF_MIME_TYPES.get(mimetype, "")
        if "[Content_Types].xml" in names:
            if archive.getinfo("[Content_Types].xml").file_size > ZIP_RATIO_MIN_BYTES:
                _refuse(_("This file is damaged: it is not a readable document."), "damaged")
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


def _check_pdf(upload) -> None:
    """Refuse a PDF that does not parse, is locked, or carries active content."""
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            _refuse(
                _("This PDF is protected by a password: send it without the password."),
                "encrypted",
            )
        active = _pdf_active_content(reader.trailer)
        if not reader.pages:
            raise ValueError("no pages")
    except ValidationError:
        raise
    except Exception:
        # pypdf raises many kinds of errors (and Python's own) on a broken file.
        _refuse(_("This PDF is damaged: it could not be read."), "damaged")
    finally:
        upload.seek(0)
    if active:
        _refuse(
            _(
                "This PDF contains active content (%(what)s), which is not accepted. Print it "
                "to a new PDF, or export it again without scripts, attachments or actions."
            )
            % {"what": active},
            "pdf-active",
        )


def check_upload(upload) -> CheckedFile:
    """Check an uploaded file; raise ValidationError saying why and what is allowed.

    The size comes from the upload's metadata (Django streams big files to disk); the content
    is read in chunks for the type and the checksum, never whole into memory.
    """
    limit = settings.CONTRIBUTION_MAX_UPLOAD_BYTES
    if upload.size > limit:
        _refuse(
            _("This file is %(size)s, more than the limit.")
            % {"size": filesizeformat(upload.size)},
            "too-large",
        )
    if upload.size == 0:
        _refuse(_("This file is empty."), "empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        file_type = "pdf"
        if file_type in allowed_types():
            _check_pdf(upload)
    elif head.startswith(b"PK\x03\x04"):
        file_type = _zip_type(upload)
        upload.seek(0)
        if file_type in MACRO_TYPES:
            _refuse(
                _(
                    "This is a macro-enabled file (%(type)s): macros are not accepted. Save it as "
                    "a plain document."
                )
                % {"type": file_type.upper()},
                "macro",
            )
    else:
        file_type = ""
    if file_type not in allowed_types():
        what = _looks_like(head)
        if what:
            reason = _("This file is not an accepted document: it looks like %(what)s.") % {
                "what": what
            }
        else:
            reason = _(
                "This file is not an accepted document (its content was checked, not its name)."
            )
        _refuse(reason, "file-type")
    digest = hashlib.sha256()
    for chunk in upload.chunks(CHUNK):
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        file_type=file_type,
        name=safe_filename(upload.name, file_type),
        size=upload.size,
        sha256=digest.hexdigest(),
    )


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops storing an uploaded file as soon as it passes the size limit.

    The rest of the file is read from the network and dropped, so a huge upload never fills
    the disk; the view finds the file's field in `request.oversized_uploads` and says why.
    """

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.CONTRIBUTION_MAX_UPLOAD_BYTES:
            if self.request is not None:
                oversized = getattr(self.request, "oversized_uploads", {})
                oversized[self.field_name] = self.file_name
                self.request.oversized_uploads = oversized
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def too_large_error(file_name: str) -> ValidationError:
    return ValidationError(
        _("%(name)s is more than the limit.") % {"name": file_name} + " " + limits_text(),
        code="too-large",
    )


class StoredFile(models.Model):
    """What the portal keeps of a checked upload: a stored name of its own, the name it came
    with, its type, size and digest, who uploaded it and when. Each subclass declares its own
    `file` field (its folder): contributions' revisions, liaison attachments, chair's reports."""

    stored_name = models.CharField(max_length=100, editable=False)
    original_name = models.CharField(gettext_lazy("file name"), max_length=150)
    file_type = models.CharField(gettext_lazy("file type"), max_length=5, choices=FileType.choices)
    size = models.PositiveBigIntegerField(gettext_lazy("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("uploaded by"),
    )
    uploaded_at = models.DateTimeField(gettext_lazy("uploaded at"), default=timezone.now)

    class Meta:
        abstract = True

    def store(self, checked, upload, *, by) -> None:
        """Take the checked upload's facts and save its file under a new name (not the row)."""
        self.stored_name = f"{uuid.uuid4().hex}.{checked.file_type}"
        self.original_name = checked.name
        self.file_type = checked.file_type
        self.size = checked.size
        self.sha256 = checked.sha256
        self.uploaded_by = by
        self.uploaded_at = timezone.now()
        self.file.save(self.stored_name, upload, save=False)


def stored_file_response(
    file, *, allowed: bool, filename: str, file_type: str, cache_control: str = "private, no-cache"
) -> FileResponse:
    """A stored file as a download, to a reader the caller's permission check `allowed`:
    anyone else (and a missing file) gets a 404, which does not tell that the file exists.

    The file is opened through the storage API (the local folder, or the object store) and
    streamed in chunks, never read whole; always as an attachment, never sniffed. The store
    is never reached by URL: no address of it leaves the portal, so a file is as private as
    its view's check, drafts and members-only files included.
    """
    if not allowed or not file:
        raise Http404
    try:
        stream = file.storage.open(file.name, "rb")
    except FileNotFoundError:  # the row outlived its file (an archive replaced meanwhile)
        raise Http404 from None
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=filename,
        content_type=MIME_TYPES.get(file_type, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = cache_control
    return response
