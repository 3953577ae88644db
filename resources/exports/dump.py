"""The public data dump: every public list (copportal/exports.py's registered tables) as CSV
and JSON in one dated ZIP, with a README.txt, built into the default storage.

One dump a day (`PublicDataDump.day`): celery beat builds today's every night
(`tasks.build_public_data`), an officer may build it now from /data/; building again the same
day rewrites that day's file, so running twice leaves one row and one file. The dumps of the
last KEEP_DAYS days are kept, older ones removed. The ZIP is written entry by entry to a
temporary file, then saved through the storage API: never whole in memory.
"""

import datetime
import tempfile
import zipfile

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation

from copportal.exports import TABLES, chunks

from .models import PublicDataDump

FORMATS = ("csv", "json")
KEEP_DAYS = 7
# A build that has not moved for this long lost its worker: the button may queue another.
STALE_AFTER = datetime.timedelta(minutes=15)


def file_names() -> list[str]:
    """The files in a dump, README.txt first."""
    return ["README.txt", *(f"{t.name}.{fmt}" for t in TABLES.values() for fmt in FORMATS)]


def readme(generated_at: datetime.datetime) -> str:
    """What the dump holds, in English (the files' column names and codes are English)."""
    lines = [
        "CWG-COP Portal: public data",
        "",
        f"Generated at {generated_at.astimezone(datetime.UTC):%Y-%m-%d %H:%M:%S} UTC "
        f"from {settings.SITE_URL}.",
        "",
        "Every public list of the portal, each as CSV and as JSON, with the rows an anonymous",
        "visitor sees on its page at that time, without filters. Members-only contributions",
        "and drafts are not included.",
        "",
        "Files",
        "",
    ]
    for table in TABLES.values():
        lines.append(f"{table.name}.csv, {table.name}.json: {table.title}.")
        lines.append(f"  {table.description}")
        lines.append(f"  Columns: {', '.join(table.headers)}.")
        lines.append("")
    lines += [
        "Format",
        "",
        "CSV: UTF-8 with a byte order mark, comma-separated, one header row. JSON: one object",
        'with "list", "generated_at", "query", "columns" and "rows"; each row has the CSV\'s',
        "columns as keys. A translated text has one column per language: <field>_ar, _zh, _en,",
        "_fr, _ru, _es (ITU's six languages), empty where there is no text in that language;",
        "original_language says which one it was written in. Lists of values are JSON arrays",
        'and, in CSV, joined with "; ". Values such as kind, type, mode or direction are codes,',
        "not translated labels. Dates and times are ISO 8601; times are in UTC.",
        "",
        "Source",
        "",
        "The data are those entered in the CWG-COP Portal by the group's chair, secretariat",
        "and delegates. This file states no licence of its own: each row's url column links to",
        "its page on the portal, and helplines name the public source each entry was copied",
        "from (source_url) and when it was checked (source_date).",
        "",
    ]
    return "\n".join(lines)


def write(dump: PublicDataDump, progress) -> int:
    """Write the dump's ZIP to a temporary file, then save it under its day's name (the
    previous file of that day replaced); `progress(n)` after each file. Returns its size."""
    folder = dump.download_name.removesuffix(".zip")
    generated_at = timezone.now()
    with tempfile.TemporaryFile() as spool:
        with (
            zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive,
            translation.override("en"),
        ):
            archive.writestr(f"{folder}/README.txt", readme(generated_at))
            done = 1
            progress(done)
            for table in TABLES.values():
                for fmt in FORMATS:
                    name = f"{folder}/{table.name}.{fmt}"
                    with archive.open(name, "w", force_zip64=True) as target:
                        for piece in chunks(table, fmt, QueryDict()):
                            target.write(piece.encode())
                    done += 1
                    progress(done)
        size = spool.tell()
        spool.seek(0)
        storage, name = dump.file.field.storage, dump_name(dump)
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, File(spool))
    dump.file.name = saved
    return size


def dump_name(dump: PublicDataDump) -> str:
    return dump.file.field.generate_filename(dump, dump.download_name)


def public_data_dump_build(*, dump_id: int) -> PublicDataDump | None:
    """Build the dump's ZIP now, with its progress on the row. Safe to run twice: a second
    run rewrites the same day's file and row."""
    dump = PublicDataDump.objects.filter(pk=dump_id).first()
    if dump is None:
        return None
    total = len(file_names())
    PublicDataDump.objects.filter(pk=dump.pk).update(
        status=PublicDataDump.Status.BUILDING, done=0, total=total, updated_at=timezone.now()
    )

    def progress(done):
        PublicDataDump.objects.filter(pk=dump.pk).update(done=done, updated_at=timezone.now())

    try:
        size = write(dump, progress)
    except Exception:
        PublicDataDump.objects.filter(pk=dump.pk).update(status=PublicDataDump.Status.FAILED)
        raise
    PublicDataDump.objects.filter(pk=dump.pk).update(
        status=PublicDataDump.Status.READY,
        file=dump.file.name,
        size=size,
        done=total,
        built_at=timezone.now(),
    )
    _remove_old(keep_from=dump.day - datetime.timedelta(days=KEEP_DAYS - 1))
    dump.refresh_from_db()
    return dump


def _remove_old(*, keep_from: datetime.date) -> None:
    with transaction.atomic():
        old = list(PublicDataDump.objects.filter(day__lt=keep_from))
        PublicDataDump.objects.filter(pk__in=[d.pk for d in old]).delete()
        for dump in old:
            if dump.file:
                transaction.on_commit(lambda d=dump: d.file.storage.delete(d.file.name))


def public_data_dump_today(*, day: datetime.date | None = None) -> PublicDataDump:
    """Build the dump of `day` (today by default) now: the beat's task and the command."""
    dump, _created = PublicDataDump.objects.get_or_create(day=day or timezone.localdate())
    return public_data_dump_build(dump_id=dump.pk)


def public_data_dump_request(*, by) -> PublicDataDump:
    """An officer's "build it now": today's dump, its build queued after commit unless one
    is already under way (and moving)."""
    from ..tasks import build_public_data_dump

    if not by.has_perm("resources.build_public_data"):
        raise PermissionDenied
    with transaction.atomic():
        dump, created = PublicDataDump.objects.select_for_update().get_or_create(
            day=timezone.localdate()
        )
        moving = dump.is_building and dump.updated_at > timezone.now() - STALE_AFTER
        if created or not moving:
            PublicDataDump.objects.filter(pk=dump.pk).update(
                status=PublicDataDump.Status.BUILDING, done=0, updated_at=timezone.now()
            )
            transaction.on_commit(lambda: build_public_data_dump.delay(dump.pk))
    dump.refresh_from_db()
    return dump
