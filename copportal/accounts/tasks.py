from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=3600, max_retries=None)
def notify_affiliation_decision(affiliation_id: int) -> None:
    """E-mail the person the secretariat's decision; safe to run twice (sent once)."""
    services.affiliation_notify(affiliation_id=affiliation_id)
