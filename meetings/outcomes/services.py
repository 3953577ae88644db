"""Writes of a meeting's outcomes: recommendations, draft resolutions, the chair's report."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from copportal.accounts.models import User
from copportal.uploads import atomic_with_uploads, check_upload

from ..models import Meeting
from ..services import require
from .models import ChairReport


@transaction.atomic
def meeting_outcomes_save(*, by: User, meeting: Meeting, formsets) -> Meeting:
    """Save a meeting's recommendations and draft resolutions (validated inline formsets)."""
    require(by, "meetings.change_outcomes", meeting)
    for formset in formsets:
        formset.save()
    return meeting


# --- The chair's report ----------------------------------------------------------------------
def _check_report_file(upload):
    checked = check_upload(upload)
    if checked.file_type not in ChairReport.FILE_TYPES:
        raise ValidationError(
            _("The chair's report must be a PDF or a Word (DOCX) document; this file is %(type)s.")
            % {"type": checked.file_type.upper()},
            code="file-type",
        )
    return checked


@atomic_with_uploads()
def chair_report_save(*, meeting: Meeting, by: User, language: str, upload) -> ChairReport:
    """Upload the chair's report in one language, or replace the one there is.

    The file is checked by its content (copportal/uploads) and must be a PDF or a DOCX; a
    replaced file is deleted from storage once the new one is committed.
    """
    require(by, "meetings.change_chair_report", meeting)
    checked = _check_report_file(upload)
    report = (
        ChairReport.objects.select_for_update().filter(meeting=meeting, language=language).first()
    )
    old_file = report.file.name if report else None
    if report is None:
        report = ChairReport(meeting=meeting, language=language)
    report.store(checked, upload, by=by)
    report.full_clean()
    report.save()
    if old_file:
        storage = report.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return report


@transaction.atomic
def chair_report_remove(*, report: ChairReport, by: User) -> None:
    """Remove one language's report (its file goes once the removal is committed)."""
    require(by, "meetings.change_chair_report", report.meeting)
    name, storage = report.file.name, report.file.storage
    report.delete()
    transaction.on_commit(lambda: storage.delete(name))
