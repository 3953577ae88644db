from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def extract_resource_text(resource_id: int, file_name: str) -> None:
    """Extract a resource file's text for search (queued after commit; safe to run twice)."""
    services.resource_extract_text(resource_id=resource_id, file_name=file_name)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def build_public_data_dump(dump_id: int) -> None:
    """Build a public data dump an officer asked for (safe to run twice: the same day's file
    is rewritten)."""
    from .exports.dump import public_data_dump_build

    public_data_dump_build(dump_id=dump_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def build_public_data() -> None:
    """Celery beat, each night at 02:30 UTC (crontab(30, 2) in settings): today's public data
    dump (safe to run twice: rebuilt in place)."""
    from .exports.dump import public_data_dump_today

    public_data_dump_today()
