"""The API: one NinjaAPI, a router per noun, the errors every operation may answer.

A new noun (the statistics, say) is one module with a `router` and one line in ROUTERS.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from . import (
    access,
    contributions,
    liaison,
    library,
    meetings,
    reference,
    statistics,
    submission,  # noqa: F401  (adds the POST to the contributions' router)
)
from .schemas import BadRequest

DESCRIPTION = """\
The public data of the CWG-COP Portal: meetings with their sessions and released agendas,
contributions (published ones: members-only ones only for members), liaison notes, the
resource library with its search and facets, the roadmap, the child helplines, and the
statistics of Resolution 67.

**Languages.** Every translated field comes in the six languages at once, keyed by the
document language code (`ar`, `zh`, `en`, `fr`, `ru`, `es`; `""` where there is no text),
with the object's `original_language`. Labels, snippets, search stemming and error messages
follow `Accept-Language` (only a malformed parameter's explanation from the validator, after
"Invalid request:", stays in English).

**Identity.** Without a token a request is anonymous (cookies are ignored). With
`Authorization: Bearer <token>` (a personal token made on your account page) it acts as
you: members see members-only contributions, delegates may submit contributions. An unknown
or revoked token is refused with 401.

**Lists** are paged (`page`, `per_page`) and give `count`, `pages`, `next` and `previous`.
Every answer to a GET has a weak `ETag`: send it back in `If-None-Match` to get a 304 when
nothing changed. **Rate limits** per token and per address without one: over them, 429
with `Retry-After`. Every refused request gets a JSON body with `detail` saying why.
"""

api = NinjaAPI(
    title="CWG-COP Portal API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=access.READ,
)

ROUTERS = [
    ("/v1/meetings/", meetings.router),
    ("/v1/contributions/", contributions.router),
    ("/v1/liaison-notes/", liaison.router),
    ("/v1/resources/", library.router),
    ("/v1/statistics/", statistics.router),
    ("/v1/", reference.router),
]
for prefix, router in ROUTERS:
    api.add_router(prefix, router)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    errors = [
        {"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors
    ]
    detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors)
    return api.create_response(
        request,
        {"detail": _("Invalid request: %(detail)s") % {"detail": detail}, "errors": errors},
        status=422,
    )


@api.exception_handler(BadRequest)
def bad_request(request, exc):
    return api.create_response(request, {"detail": exc.detail, "errors": exc.errors}, status=400)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    detail = (
        _("The token is unknown or revoked.")
        if request.headers.get("Authorization")
        else _("This operation needs a personal token: Authorization: Bearer <token>.")
    )
    response = api.create_response(request, {"detail": detail}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    detail = str(exc) or _("You may not do this.")
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(access.RateLimited)
def rate_limited(request, exc):
    response = api.create_response(
        request,
        {
            "detail": _("Too many requests: more than %(limit)s in a minute.")
            % {"limit": exc.limit}
            + " "
            + ngettext(
                "Try again in %(seconds)s second.",
                "Try again in %(seconds)s seconds.",
                exc.retry_after,
            )
            % {"seconds": exc.retry_after}
        },
        status=429,
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


_schema = api.get_openapi_schema


def _openapi_schema(**kwargs):
    """The schema, reading operations marked as open to anonymous requests too (security
    `{}` besides the token): a token only changes what they show."""
    schema = _schema(**kwargs)
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method == "get" and operation.get("security"):
                operation["security"] = [{}, *operation["security"]]
    return schema


api.get_openapi_schema = _openapi_schema
