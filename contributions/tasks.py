from celery import shared_task

from . import archives, services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def extract_revision_text(revision_id: int) -> None:
    """Extract a revision's text for search (queued after commit; safe to run twice)."""
    services.revision_extract_text(revision_id=revision_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3, acks_late=True)
def build_meeting_archive(archive_id: int) -> None:
    """Build a meeting's ZIP in one language (queued after commit; safe to run twice)."""
    archives.meeting_archive_build(archive_id=archive_id)


@shared_task(acks_late=True)
def send_due_reminders() -> int:
    """Beat (send-due-reminders): make the deliveries of every deadline reminder due now."""
    from . import reminders

    return reminders.send_due_reminders()
