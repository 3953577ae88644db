from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=3600, max_retries=None)
def notify_affiliation_decision(affiliation_id: int) -> None:
    """E-mail the person the secretariat's decision; safe to run twice (sent once)."""
    services.affiliation_notify(affiliation_id=affiliation_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=3600, max_retries=5)
def send_password_reset(*, email: str, language: str) -> None:
    """The reset link, or the "no account with this address" mail (allauth's), in `language`."""
    services.password_reset_send(email=email, language=language)
