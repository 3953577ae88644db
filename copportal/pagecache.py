"""Whole public pages cached for anonymous visitors, per language, dropped when their data changes.

`public(view)` wraps a view (in the app's urls.py). A signed-in visitor, a request carrying
messages, and any request but GET always get the view itself: their pages hold CSRF tokens,
menus and messages that are theirs. A page is stored only when rendering it for an anonymous
visitor used nothing of theirs (no CSRF token, no cookie set, the session unchanged).

Invalidation is one version, kept beside the pages: a cached page is served only while the
version it was rendered under is the current one. `bump()` changes the version. `watch()`
bumps it on every save and delete of the models given (post_save, post_delete, m2m_changed):
a receiver that does nothing else, because it is the one place every write path passes
(services, tasks, the admin, the seeds); the services that write with QuerySet.update() or
bulk_update(), which send no signal, call bump() themselves. The version is read before the
view renders and the page stored under it, so a page rendered from data that a write changes
meanwhile is stored under a version already outdated; the write bumps again after its
transaction commits, so a page rendered before then is never served afterwards.

Pages also expire after TIMEOUT seconds: what changes with the clock alone (the next meeting,
"the deadline has passed") is at most that late.
"""

import hashlib
import re
import secrets
from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

TIMEOUT = 60
VERSION_KEY = "pages:version"
# Headers the page's view set; the middleware adds the rest again on every response.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "Cache-Control",
    "Vary",
    "Link",
    "ETag",
)


ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def bump(*args, **kwargs) -> None:
    """A new version now and another after the current transaction commits (signal-ready)."""
    _new_version()
    transaction.on_commit(after_commit)


def _new_version() -> None:
    cache.set(VERSION_KEY, secrets.token_hex(8), None)


def after_commit() -> None:
    """The second bump, run by on_commit (a name of its own, so that tests can tell it)."""
    _new_version()


def watch(*models) -> None:
    """Bump the version whenever one of these models is saved or deleted."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(bump, sender=model, dispatch_uid=f"pages-save-{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"pages-delete-{label}")
        m2m_changed.connect(bump, sender=model, dispatch_uid=f"pages-m2m-{label}")


def _key(request) -> str:
    # htmx asks the same URL for a fragment (search as you type): its own entry.
    variant = f"{request.headers.get('HX-Request', '')}|{request.headers.get('HX-Target', '')}"
    # The host and scheme too: absolute links (the API's next and previous pages) carry them.
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{where}|{variant}".encode()).hexdigest()
    return f"pages:{translation.get_language()}:{digest[:32]}"


def _anonymous(request) -> bool:
    return not request.user.is_authenticated and not len(messages.get_messages(request))


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.session.modified
        and _anonymous(request)
    )


def _from_cache(request, entry) -> HttpResponse:
    """The stored page, already compressed when the visitor accepts gzip: GZipMiddleware
    leaves a response with a Content-Encoding alone. (Its BREACH padding guards secrets in a
    page; an anonymous page stored here holds none: no CSRF token, nothing of the visitor.)"""
    _version, content, compressed, headers = entry
    if not ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        return HttpResponse(content, headers=headers)
    response = HttpResponse(compressed, headers=headers)
    response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def public(view):
    """The view's page from the cache for anonymous visitors (see the module's docstring)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method != "GET" or not _anonymous(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        found = cache.get_many([VERSION_KEY, key])
        version, entry = found.get(VERSION_KEY), found.get(key)
        if version is not None and entry is not None and entry[0] == version:
            return _from_cache(request, entry)
        if version is None:
            cache.add(VERSION_KEY, secrets.token_hex(8), None)
            version = cache.get(VERSION_KEY)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if _storable(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            content = response.content
            cache.set(key, (version, content, compress_string(content), headers), TIMEOUT)
        return response

    return cached_view
