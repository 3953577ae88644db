"""What a contribution file may be: checked by its content, never by its name or the browser.

PDF is recognised by its signature, then parsed (pypdf): one that does not parse, is locked, or
carries active content (scripts, launch actions, embedded files) is refused. DOCX, PPTX and
XLSX are ZIP packages told apart (and from their macro-enabled cousins DOCM, PPTM, XLSM) by
[Content_Types].xml; ODT by its `mimetype` entry. Before anything is decompressed, the ZIP's
central directory is checked: entry names (no `..`, no absolute paths), the declared sizes and
the compression ratio (zip bombs). Those readings of the content are copportal/file_content.py;
this module decides, words the refusal, stores the accepted file and serves it back.
"""

import contextlib
import contextvars
import hashlib
import re
import unicodedata
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import models, transaction
from django.http import FileResponse, Http404, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .file_content import MACRO_TYPES, Refused, check_pdf, looks_like, zip_type


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
CHUNK = 64 * 1024


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


def _content_type(upload, head: bytes) -> str:
    """The type the content shows (a PDF checked when PDFs are accepted), or ""."""
    if head.startswith(b"%PDF-"):
        if "pdf" in allowed_types():
            check_pdf(upload)
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        file_type = zip_type(upload)
        upload.seek(0)
        return file_type
    return ""


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
    try:
        file_type = _content_type(upload, head)
    except Refused as refused:
        _refuse(refused.reason, refused.code)
    if file_type in MACRO_TYPES:
        _refuse(
            _(
                "This is a macro-enabled file (%(type)s): macros are not accepted. Save it as "
                "a plain document."
            )
            % {"type": file_type.upper()},
            "macro",
        )
    if file_type not in allowed_types():
        what = looks_like(head)
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


# The files stored inside the innermost atomic_with_uploads() block: (storage, name).
_stored_in_block = contextvars.ContextVar("stored_in_block", default=None)


@contextlib.contextmanager
def atomic_with_uploads():
    """transaction.atomic(), and the files StoredFile.store() saved inside it deleted again
    when it fails: the rows that named them are rolled back, so nothing would ever serve
    them. A block inside another hands its files to the outer one when it succeeds (the
    outer block may still fail). Usable as a decorator, like atomic()."""
    stored = []
    outer = _stored_in_block.get()
    token = _stored_in_block.set(stored)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for storage, name in stored:
            storage.delete(name)
        raise
    else:
        if outer is not None:
            outer.extend(stored)
    finally:
        _stored_in_block.reset(token)


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
        stored = _stored_in_block.get()
        if stored is not None:
            stored.append((self.file.storage, self.file.name))


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


def generated_file_response(
    content: bytes | str = b"",
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
    cache_control: str | None = None,
) -> HttpResponse:
    """A file the portal makes on request (a template, a report draft, a CSV, a calendar) as
    a response: an attachment unless `inline`, never sniffed. The file name is sent as RFC 6266
    says, with `filename*` (UTF-8) when it is not plain ASCII, as stored_file_response does.
    The caller may write more content to the response (a CSV row by row)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    response["X-Content-Type-Options"] = "nosniff"
    if cache_control:
        response["Cache-Control"] = cache_control
    return response
