from celery import shared_task

from . import housekeeping as chores


@shared_task(acks_late=True)
def housekeeping() -> dict:
    """Beat (daily): expired sessions, unreferenced uploads, old delivery rows."""
    return chores.housekeeping()
