"""Every page carries the security headers: HSTS, a strict CSP, no framing, no sniffing."""

import json
import textwrap

import pytest

from .test_settings import manage, production


def _csp(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as directive -> sources."""
    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        directives[name] = sources
    return directives


@pytest.fixture(params=["/", "/no-such-page/"], ids=["page", "not-found"])
def response(request, client, db):
    return client.get(request.param, secure=True)


def test_hsts_for_a_year_with_subdomains(response):
    hsts = [part.strip() for part in response["Strict-Transport-Security"].split(";")]
    max_age = int(hsts[0].removeprefix("max-age="))
    assert max_age >= 31536000
    assert "includeSubDomains" in hsts


def test_no_hsts_over_plain_http(client, db):
    assert "Strict-Transport-Security" not in client.get("/")


def test_csp_forbids_inline_scripts_and_framing(response):
    csp = _csp(response)
    assert csp["default-src"] == ["'self'"]
    assert "'self'" in csp["script-src"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]


def test_other_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_production_cookies_are_secure_and_http_redirects(tmp_path):
    """The settings module decides these from DEBUG at import: read them in a fresh process."""
    script = textwrap.dedent(
        """
        import json
        from django.conf import settings
        names = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
                 "SESSION_COOKIE_HTTPONLY", "SECURE_SSL_REDIRECT", "ACCOUNT_DEFAULT_HTTP_PROTOCOL"]
        print(json.dumps({name: getattr(settings, name) for name in names}))
        """
    )
    result = manage("shell", "--no-imports", "-c", script, **production(tmp_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "LANGUAGE_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_SSL_REDIRECT": True,
        "ACCOUNT_DEFAULT_HTTP_PROTOCOL": "https",
    }
