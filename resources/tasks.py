from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def extract_resource_text(resource_id: int, file_name: str) -> None:
    """Extract a resource file's text for search (queued after commit; safe to run twice)."""
    services.resource_extract_text(resource_id=resource_id, file_name=file_name)
