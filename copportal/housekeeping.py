"""Beat's daily housekeeping: expired sessions, upload files no row references, and delivery
rows past their retention."""

import datetime
import logging
import posixpath

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import models
from django.utils import timezone

logger = logging.getLogger(__name__)


def referenced_upload_names() -> set[str]:
    """The storage names of every file a row refers to: each installed app's FileFields
    (contributions' revisions today, the library's resources when it has files)."""
    names = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and not field.many_to_many:
                values = model._default_manager.exclude(**{field.name: ""}).values_list(
                    field.name, flat=True
                )
                names.update(name for name in values.iterator() if name)
    return names


def stored_names(storage, folder: str = ""):
    """Every file's name in the storage, folder by folder (through the storage API: the local
    folder or the object store alike)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # the local folder does not exist yet
        return
    for filename in files:
        yield posixpath.join(folder, filename) if folder else filename
    for sub in folders:
        yield from stored_names(storage, posixpath.join(folder, sub) if folder else sub)


def remove_unreferenced_uploads(now: datetime.datetime | None = None) -> list[str]:
    """Delete stored files that no row names, once older than the grace period (an upload in
    progress writes its file just before its row commits). Returns the names."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.UPLOAD_ORPHAN_GRACE_HOURS)
    referenced = referenced_upload_names()
    removed = []
    for name in list(stored_names(default_storage)):
        if name in referenced or default_storage.get_modified_time(name) > cutoff:
            continue
        default_storage.delete(name)
        removed.append(name)
    if removed:
        logger.info("Removed %s upload files no row references", len(removed))
    return removed


def housekeeping() -> dict:
    from copportal.notifications.services import deliveries_delete_expired

    call_command("clearsessions")
    return {
        "uploads_removed": len(remove_unreferenced_uploads()),
        "deliveries_deleted": deliveries_delete_expired(),
    }
