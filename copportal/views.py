import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from meetings.models import LiaisonNote, Meeting

from .celery import app as celery_app

logger = logging.getLogger(__name__)


def home(request):
    upcoming = Meeting.objects.upcoming().select_related("theme")
    notes = LiaisonNote.objects.public().select_related("meeting").order_by("-sent_at", "-pk")[:5]
    return render(request, "home.html", {"next_meeting": upcoming.first(), "latest_notes": notes})


def _database_up() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_up() -> bool:
    cache.set("healthz", "ok", 5)
    return cache.get("healthz") == "ok"


def _broker_up() -> bool:
    if celery_app.conf.task_always_eager:
        return True
    # One bounded attempt: a health check answers in seconds instead of retrying with back-off.
    with celery_app.connection_for_write(connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=0, timeout=2)
    return True


CHECKS = {"database": _database_up, "cache": _cache_up, "broker": _broker_up}


@never_cache
def healthz(request):
    """Liveness and readiness: 200 when the database, cache and broker answer, else 503."""
    states = {}
    for name, check in CHECKS.items():
        try:
            states[name] = "up" if check() else "down"
        except Exception as exc:
            logger.warning("healthz: the %s check failed", name, exc_info=True)
            states[name] = f"down: {type(exc).__name__}"
    down = [name for name, state in states.items() if state != "up"]
    body = {"status": "down" if down else "up", "checks": states, "down": down}
    return JsonResponse(body, status=503 if down else 200)
