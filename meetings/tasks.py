from celery import shared_task


@shared_task(acks_late=True)
def send_reply_reminders() -> int:
    """Beat (send-reply-reminders): remind the secretariat of liaison-note replies due."""
    from .liaison import reminders

    return reminders.send_reply_reminders()


# The remote-participation link's sweep: defined with registration, registered here.
from .registration.tasks import send_remote_links  # noqa: E402, F401
