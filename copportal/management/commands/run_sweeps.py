"""Celery beat's schedule run in this process, for `make run` (no broker, no beat).

Each task of CELERY_BEAT_SCHEDULE (copportal/settings.py) runs once at start (a reminder
missed while the portal was stopped goes then, as with beat and a worker coming back) and
then on its schedule, in this process (`Task.apply`). A task that fails is logged and the
others go on. Production runs `celery -A copportal beat` and a worker instead.
"""

import logging
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from copportal.celery import app

logger = logging.getLogger(__name__)


def sweep_once(last_run: dict, now) -> float:
    """Run every entry that is due (all of them the first time); return the seconds until the
    next one is due."""
    from celery.schedules import maybe_schedule

    app.loader.import_default_modules()
    wait = 3600.0
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        schedule = maybe_schedule(entry["schedule"], app=app)
        due = name not in last_run or schedule.is_due(last_run[name]).is_due
        if due:
            result = app.tasks[entry["task"]].apply(
                args=entry.get("args", ()), kwargs=entry.get("kwargs", {}), throw=False
            )
            if result.failed():
                logger.error("%s (%s) failed:\n%s", name, entry["task"], result.traceback)
            last_run[name] = now
        wait = min(wait, schedule.is_due(last_run[name]).next)
    return max(wait, 1.0)


class Command(BaseCommand):
    help = "Run celery beat's schedule in this process (make run): each task now, then when due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run every task once and stop")

    def handle(self, *args, once=False, **options):
        last_run: dict = {}
        stop = threading.Event()
        try:
            while True:
                wait = sweep_once(last_run, app.now())
                if once:
                    return
                close_old_connections()  # as after a request: none kept past its age
                stop.wait(wait)
                close_old_connections()
        except KeyboardInterrupt:
            return  # Ctrl-C in make run's terminal: the launcher stops the rest
