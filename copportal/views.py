import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from .celery import app as celery_app

logger = logging.getLogger(__name__)


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


# Error pages: the portal's layout, translated (LocaleMiddleware has run), a way back.


@requires_csrf_token
def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return render(request, "404.html", {"path": request.path}, status=404)


def server_error(request):
    """The 500 page, rendered without context processors: no session, user or database (the
    database may be what failed), so the header shows the signed-out links."""
    if not hasattr(request, "LANGUAGE_CODE"):  # failed before LocaleMiddleware ran
        request.LANGUAGE_CODE = translation.get_language() or settings.LANGUAGE_CODE
    html = loader.get_template("500.html").render({"request": request})
    return HttpResponseServerError(html)


def csrf_failure(request, reason=""):
    """A form sent with a missing or stale CSRF token: most often the page stayed open past
    the session, or the person signed in or out in another tab."""
    return render(request, "csrf_failure.html", status=403)
