"""Probes: /livez (the process answers), /healthz (and its database does), /readyz (and the
cache and the broker do: whether to send it traffic).

/livez is also the benchmarks' constant view (bench/http.py): a fixed response through the
whole middleware stack, nothing else. /healthz is cheap enough to probe every few seconds
(one `SELECT 1` on the request's persistent connection). /readyz opens a broker connection
each time: probe it from the load balancer or the container's health check (every 30 s in
docker-compose.yml), not from a tight loop.
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from .celery import app as celery_app

logger = logging.getLogger(__name__)


def _database_up() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_up() -> bool:
    cache.set("readyz", "ok", 5)
    return cache.get("readyz") == "ok"


def _broker_up() -> bool:
    if celery_app.conf.task_always_eager:
        return True
    # One bounded attempt: a health check answers in seconds instead of retrying with back-off.
    with celery_app.connection_for_write(connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=0, timeout=2)
    return True


CHECKS = {"database": _database_up, "cache": _cache_up, "broker": _broker_up}
LIVENESS = ("database",)


def _report(names) -> JsonResponse:
    states = {}
    for name in names:
        try:
            states[name] = "up" if CHECKS[name]() else "down"
        except Exception as exc:
            logger.warning("health: the %s check failed", name, exc_info=True)
            states[name] = f"down: {type(exc).__name__}"
    down = [name for name, state in states.items() if state != "up"]
    body = {"status": "down" if down else "up", "checks": states, "down": down}
    return JsonResponse(body, status=503 if down else 200)


@never_cache
def livez(request):
    """200 "ok", checking nothing: the process serves requests."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def healthz(request):
    """Liveness: 200 when the database answers, else 503. No cache, no broker."""
    return _report(LIVENESS)


@never_cache
def readyz(request):
    """Readiness: 200 when the database, cache and broker answer, else 503 naming what is down."""
    return _report(CHECKS)
