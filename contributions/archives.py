"""All documents of a meeting as one ZIP per language: what goes in, its fingerprint, the
writing of the archive, and the services that ask for it and build it (a task, after commit).

In a language's archive: the published public contributions' latest revision in that language
(the original's where there is none, said so in the index), the released agenda (its printable
page rendered to HTML), the sent liaison notes (their text) with their attachments, and the
chair's report in that language when uploaded; `index.txt`, in that language, lists them.
Members-only contributions are never in it: the archive is the same for every reader.

The fingerprint is a digest of the included files' ids, digests and times (and what the
index says of them): a changed document gives a new fingerprint, hence a new archive
(meeting_archive_request, below).
"""

import datetime
import hashlib
import json
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.files import File
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
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


# --- The services: ask for a meeting's archive, build it ---------------------------------------
# A build not finished after this long (its worker died, its message was lost) is queued again.
ARCHIVE_STALE_AFTER = datetime.timedelta(minutes=10)


@transaction.atomic
def meeting_archive_request(*, meeting: Meeting, language: str) -> MeetingArchive:
    """The archive of the meeting's documents in `language` as they are now: the one already
    built for this fingerprint, or a new one whose build is queued after commit (and queued
    again when a build has stalled). Anyone may ask: it holds public material only."""
    from .tasks import build_meeting_archive

    found = entries(meeting, language)
    archive, created = MeetingArchive.objects.get_or_create(
        meeting=meeting,
        language=language,
        fingerprint=fingerprint(found),
        defaults={"total": len(found)},
    )
    stalled = (
        archive.status == MeetingArchive.Status.BUILDING
        and archive.updated_at < timezone.now() - ARCHIVE_STALE_AFTER
    )
    if stalled:
        MeetingArchive.objects.filter(pk=archive.pk).update(updated_at=timezone.now())
    if created or stalled:
        transaction.on_commit(lambda: build_meeting_archive.delay(archive.pk))
    return archive


def meeting_archive_build(*, archive_id: int) -> MeetingArchive | None:
    """Write the archive's ZIP through the storage API, with its progress on the row; then
    remove the meeting's older archives in that language. Safe to run twice: a ready archive
    is left alone, and of two builds at once the first to finish is kept. An archive whose
    documents changed since it was asked for is dropped (the next request makes the new one).
    """
    archive = MeetingArchive.objects.select_related("meeting").filter(pk=archive_id).first()
    if archive is None or archive.status == MeetingArchive.Status.READY:
        return archive
    found = entries(archive.meeting, archive.language)
    if fingerprint(found) != archive.fingerprint:
        archive.delete()
        return None
    MeetingArchive.objects.filter(pk=archive.pk).update(total=len(found), done=0)

    def progress(done):
        MeetingArchive.objects.filter(pk=archive.pk).update(done=done, updated_at=timezone.now())

    size = write(archive, found, progress)
    with transaction.atomic():
        finished = MeetingArchive.objects.filter(
            pk=archive.pk, status=MeetingArchive.Status.BUILDING
        ).update(status=MeetingArchive.Status.READY, file=archive.file.name, size=size)
        name, storage = archive.file.name, archive.file.storage
        if not finished:  # another build finished first: this file is not needed
            transaction.on_commit(lambda: storage.delete(name))
        else:  # the archives made before this one (a newer one, finished first, stays)
            older = list(
                MeetingArchive.objects.filter(
                    meeting=archive.meeting,
                    language=archive.language,
                    created_at__lt=archive.created_at,
                ).exclude(file="")
            )
            MeetingArchive.objects.filter(pk__in=[old.pk for old in older]).delete()
            for old in older:
                transaction.on_commit(lambda old=old: old.file.storage.delete(old.file.name))
    archive.refresh_from_db()
    return archive
