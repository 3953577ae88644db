from django.conf import settings
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

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
