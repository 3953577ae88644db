from celery import shared_task


@shared_task(acks_late=True)
def send_remote_links() -> int:
    """Beat (send-remote-links): mail each meeting's remote-participation link to its
    participants the day before; safe to run twice (one delivery per participant)."""
    from . import services

    return services.remote_links_send()
