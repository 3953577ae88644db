"""The API's addresses (/api/...): every operation answers in JSON, even a refusal Django
would make (405, or an address that is no operation: 404), and every successful GET carries
a weak ETag computed from its content (304 when the client's If-None-Match matches). Labels,
snippets and messages are in the language Accept-Language asks for (/api/ has no language
prefix, where LocaleMiddleware would always choose English).

A GET without a token is anonymous, the same for everyone: its answer comes from the page
cache (copportal/pagecache.py: per language, dropped when the data changes), after the
address's rate limit is counted. A request with `Authorization` is always answered afresh."""

import hashlib
from functools import wraps

from django.http import HttpResponseNotModified, JsonResponse
from django.urls import path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from copportal import pagecache

from . import access
from .main import api, rate_limited

VARY = ["Authorization", "Accept-Language"]


def _etag(content: bytes) -> str:
    return 'W/"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def _matches(header: str, etag: str) -> bool:
    """Weak comparison (RFC 9110): W/"x" and "x" are the same tag."""
    wanted = etag.removeprefix("W/")
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or wanted in tags


def _with_etag(view):
    """The view, its successful GET answers tagged (before the cache, which keeps the tag)."""

    @wraps(view)
    def tagged(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
        ):
            response["ETag"] = _etag(response.content)
        return response

    return tagged


def _answer(view):
    """From the page cache for an anonymous GET, its rate counted first; else the view."""
    tagged = _with_etag(view)
    cached = pagecache.public(tagged)

    @wraps(view)
    def answer(request, *args, **kwargs):
        if request.method != "GET" or request.headers.get("Authorization"):
            return tagged(request, *args, **kwargs)
        try:
            access.check_anonymous_rate(request)
        except access.RateLimited as exc:
            return rate_limited(request, exc)
        return cached(request, *args, **kwargs)

    return answer


def in_requested_language(view):
    """The view in the language Accept-Language asks for (the API has no language prefix)."""

    @wraps(view)
    def translated(request, *args, **kwargs):
        language = translation.get_language_from_request(request, check_path=False)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            return view(request, *args, **kwargs)

    return translated


def json_and_etag(view):
    answer = _answer(view)

    @wraps(view)
    @in_requested_language
    def wrapped(request, *args, **kwargs):
        response = answer(request, *args, **kwargs)
        if response.status_code == 405:
            allowed = response.get("Allow", "")
            response = JsonResponse(
                {
                    "detail": _("Method %(method)s is not allowed here; allowed: %(allowed)s.")
                    % {"method": request.method, "allowed": allowed}
                },
                status=405,
            )
            response["Allow"] = allowed
        patch_vary_headers(response, VARY)
        etag = response.get("ETag")
        if (
            etag
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and _matches(request.headers.get("If-None-Match", ""), etag)
        ):
            not_modified = HttpResponseNotModified()
            not_modified["ETag"] = etag
            patch_vary_headers(not_modified, VARY)
            return not_modified
        return response

    return wrapped


@csrf_exempt
@in_requested_language
def unknown(request, rest=""):
    """Any other address under /api/: a JSON 404."""
    return JsonResponse(
        {"detail": _("No API operation at %(path)s. See /api/docs.") % {"path": request.path}},
        status=404,
    )


# (Not named app_name: include() would take it for this module's namespace.)
operations, ninja_app, ninja_namespace = api.urls
for pattern in operations:
    pattern.callback = json_and_etag(pattern.callback)

urlpatterns = [
    path("", (operations, ninja_app, ninja_namespace)),
    path("<path:rest>", unknown),
    path("", unknown),
]
