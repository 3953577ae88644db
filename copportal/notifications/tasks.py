from celery import shared_task
from django.conf import settings

from . import services


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=None,
    soft_time_limit=settings.NOTIFICATIONS_TASK_TIME_LIMIT - 10,
    time_limit=settings.NOTIFICATIONS_TASK_TIME_LIMIT,
)
def send_delivery(self, delivery_id: int) -> str:
    """Send one delivery; safe to run twice or more (it is claimed before sending).

    On an SMTP error the row goes back to waiting and the task retries with exponential
    back-off (NOTIFICATIONS_RETRY_BASE_SECONDS doubling up to ..._MAX_SECONDS, less than the
    broker's visibility timeout). Eagerly run (development, tests), it leaves the retry to
    the sweep instead of recursing.
    """
    outcome, delay = services.delivery_send(delivery_id=delivery_id)
    if outcome == services.Outcome.RETRY and not self.request.is_eager:
        raise self.retry(countdown=delay)
    return outcome


@shared_task(acks_late=True)
def requeue_stalled_deliveries() -> int:
    """Beat: queue again deliveries whose task was lost (a dead worker, a lost message)."""
    return services.deliveries_requeue_stalled()
