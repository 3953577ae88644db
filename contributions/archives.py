"""All documents of a meeting as one ZIP per language: what goes in, its fingerprint, and
the writing of the archive.

In a language's archive: the published public contributions' latest revision in that language
(the original's where there is none, said so in the index), the released agenda (its printable
page rendered to HTML), the sent liaison notes (their text) with their attachments, and the
chair's report in that language when uploaded; `index.txt`, in that language, lists them.
Members-only contributions are never in it: the archive is the same for every reader.

The fingerprint is a digest of the included files' ids, digests and times (and what the
index says of them): a changed document gives a new fingerprint, hence a new archive
(contributions/services.py meeting_archive_request).
"""

import hashlib
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.files import File
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from copportal.languages import Language
from meetings.models import ChairReport, LiaisonNote, Meeting

from .models import Contribution, MeetingArchive

CHUNK = 64 * 1024


@dataclass
class Entry:
    """One file of the archive: a stored file (`stored`, a FieldFile) or text made on demand
    (`make`); `key` is what the fingerprint takes of it; `note` a line of the index."""

    name: str
    key: list
    stored: object = None
    make: Callable[[], bytes] | None = None
    note: str = ""
    section: str = ""


def _contribution_entries(meeting: Meeting, language: str) -> list[Entry]:
    contributions = (
        Contribution.objects.published()
        .for_meeting(meeting)
        .filter(visibility=Contribution.Visibility.PUBLIC)
        .select_related("meeting")
        .prefetch_related("documents__revisions")
        .order_by("number", "pk")
    )
    entries = []
    for contribution in contributions:
        documents = {document.language: document for document in contribution.documents.all()}
        document = documents.get(language)
        revision = document.latest if document else None
        fallback = revision is None
        if fallback:
            original = documents.get(contribution.original_language)
            revision = original.latest if original else None
        if revision is None:
            continue
        revision.document.contribution = contribution
        label = contribution.symbol or contribution.title
        if fallback:
            note = _(
                "%(file)s: %(symbol)s, “%(title)s”, has no %(language)s version: this is the "
                "original, in %(original)s."
            ) % {
                "file": revision.download_name,
                "symbol": label,
                "title": contribution.title,
                "language": Language(language).in_text,
                "original": Language(revision.document.language).in_text,
            }
        else:
            note = f"{revision.download_name}: {label}, “{contribution.title}”"
        entries.append(
            Entry(
                name=f"contributions/{revision.download_name}",
                key=["c", contribution.pk, revision.pk, revision.sha256, fallback],
                stored=revision.file,
                note=note,
                section="contributions",
            )
        )
    return entries


def _agenda_html(meeting: Meeting, locale: str) -> bytes:
    """The released agenda's printable page as the public reads it, rendered to a file."""
    from meetings.agenda.views import agenda_public

    request = RequestFactory().get(reverse("meetings:agenda", args=[meeting.number]))
    request.user = AnonymousUser()
    request.LANGUAGE_CODE = locale
    return agenda_public(request, number=meeting.number).content


def _agenda_entries(meeting: Meeting, language: str) -> list[Entry]:
    release = meeting.agenda_releases.order_by("-version").values("pk", "version").first()
    if release is None:
        return []
    locale = Language(language).locale
    return [
        Entry(
            name="agenda.html",
            key=["a", release["pk"], release["version"]],
            make=lambda: _agenda_html(meeting, locale),
            note=_("agenda.html: the agenda, version %(version)s.")
            % {"version": release["version"]},
            section="agenda",
        )
    ]


def _note_text(note: LiaisonNote, language: str) -> str:
    subject, body = note.shown("subject", language), note.shown("body", language)
    recipients = ", ".join(str(recipient) for recipient in note.recipients.all())
    lines = [subject.text, "", _("To: %(recipients)s") % {"recipients": recipients}]
    if note.sent_at:
        lines.append(_("Sent: %(date)s") % {"date": note.sent_at.date().isoformat()})
    return "\n".join([*lines, "", body.text, ""])


def _liaison_entries(meeting: Meeting, language: str) -> list[Entry]:
    notes = (
        LiaisonNote.objects.public()
        .filter(meeting=meeting)
        .prefetch_related("recipients", "attachments")
        .order_by("sent_at", "pk")
    )
    entries = []
    for note in notes:
        text = _note_text(note, language)
        folder = f"liaison-notes/{note.pk}"
        entries.append(
            Entry(
                name=f"{folder}/note.txt",
                key=["n", note.pk, hashlib.sha256(text.encode()).hexdigest()],
                make=lambda text=text: text.encode(),
                note=f"{folder}/note.txt: {note.shown('subject', language).text}",
                section="liaison",
            )
        )
        for attachment in note.attachments.all():
            name = f"{folder}/{attachment.pk}-{attachment.original_name}"
            entries.append(
                Entry(
                    name=name,
                    key=["l", attachment.pk, attachment.sha256],
                    stored=attachment.file,
                    note=name,
                    section="liaison",
                )
            )
    return entries


def _report_entries(meeting: Meeting, language: str) -> list[Entry]:
    report = ChairReport.objects.filter(meeting=meeting, language=language).first()
    if report is None:
        return []
    name = f"chair-report-{language}.{report.file_type}"
    return [
        Entry(
            name=name,
            key=["r", report.pk, report.sha256, report.uploaded_at.isoformat()],
            stored=report.file,
            note=name,
            section="report",
        )
    ]


def entries(meeting: Meeting, language: str) -> list[Entry]:
    """What the language's archive holds, in order (the index comes first, apart)."""
    with translation.override(Language(language).locale):
        return [
            *_contribution_entries(meeting, language),
            *_agenda_entries(meeting, language),
            *_liaison_entries(meeting, language),
            *_report_entries(meeting, language),
        ]


def fingerprint(found: list[Entry]) -> str:
    keys = json.dumps([[entry.name, *entry.key] for entry in found], default=str)
    return hashlib.sha256(keys.encode()).hexdigest()


def index_text(meeting: Meeting, language: str, found: list[Entry]) -> str:
    """index.txt, in the archive's language."""
    headings = {
        "contributions": _("Contributions"),
        "agenda": _("Agenda"),
        "liaison": _("Liaison notes"),
        "report": _("Chair's report"),
    }
    lines = [
        _("Documents of %(meeting)s") % {"meeting": meeting.title},
        "",
        _(
            "Members-only contributions are not in this archive: members download them from "
            "each contribution's page."
        ),
    ]
    for section, heading in headings.items():
        notes = [entry.note for entry in found if entry.section == section]
        if notes:
            lines += ["", heading, *(f"- {note}" for note in notes)]
    return "\n".join([*lines, ""])


def write(archive: MeetingArchive, found: list[Entry], progress: Callable[[int], None]):
    """Write the archive to a temporary file, entry by entry from the storage in chunks, and
    save it through the storage API; `progress(n)` after each entry. Never whole in memory."""
    language = archive.language
    with tempfile.TemporaryFile() as spool:
        with (
            zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as zip_file,
            translation.override(Language(language).locale),
        ):
            zip_file.writestr("index.txt", index_text(archive.meeting, language, found))
            for done, entry in enumerate(found, start=1):
                with zip_file.open(entry.name, "w", force_zip64=True) as target:
                    if entry.stored is not None:
                        with entry.stored.storage.open(entry.stored.name, "rb") as source:
                            shutil.copyfileobj(source, target, CHUNK)
                    else:
                        target.write(entry.make())
                progress(done)
        size = spool.tell()
        spool.seek(0)
        archive.file.save(archive.download_name, File(spool), save=False)
    return size
