from celery import shared_task
from django.conf import settings

from . import sending, services

SEND_OPTIONS = {
    "bind": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "max_retries": None,
    "soft_time_limit": settings.NOTIFICATIONS_TASK_TIME_LIMIT - 10,
    "time_limit": settings.NOTIFICATIONS_TASK_TIME_LIMIT,
}


@shared_task(**SEND_OPTIONS)
def send_deliveries(self, delivery_ids: list[int]) -> dict:
    """Send a batch of deliveries over one SMTP connection; safe to run twice or more (each
    row is claimed before sending, so a duplicate task finds nothing to send).

    What the server refused, or could not take because it went down, goes back to waiting and
    the task retries with those ids only, after exponential back-off
    (NOTIFICATIONS_RETRY_BASE_SECONDS doubling up to ..._MAX_SECONDS, less than the broker's
    visibility timeout). Eagerly run (development, tests), it leaves the retry to the sweep
    instead of recursing.
    """
    batch = sending.deliveries_send(delivery_ids=delivery_ids)
    if batch.retry_ids and not self.request.is_eager:
        raise self.retry(args=[batch.retry_ids], countdown=batch.delay)
    counts: dict[str, int] = {}
    for outcome in batch.outcomes.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


@shared_task(**SEND_OPTIONS)
def send_delivery(self, delivery_id: int) -> str:
    """Send one delivery (tasks queued before batches existed, and tests); as above."""
    outcome, delay = sending.delivery_send(delivery_id=delivery_id)
    if outcome == sending.Outcome.RETRY and not self.request.is_eager:
        raise self.retry(countdown=delay)
    return outcome


@shared_task(acks_late=True)
def requeue_stalled_deliveries() -> int:
    """Beat: queue again deliveries whose task was lost (a dead worker, a lost message)."""
    return services.deliveries_requeue_stalled()
