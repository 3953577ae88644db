"""The portal's own error pages: its header, translated, a way back; the 500 page needs no
database; the CSRF failure page says what happened and what to do."""

import html as html_lib

import pytest
from django.core.exceptions import BadRequest, PermissionDenied
from django.test import Client, RequestFactory
from django.urls import path

from copportal import urls as portal_urls
from copportal import views


def _boom(request):
    raise RuntimeError("the database is down")


def _forbidden(request):
    raise PermissionDenied


def _bad(request):
    raise BadRequest


urlpatterns = [
    path("test-errors/boom/", _boom),
    path("test-errors/forbidden/", _forbidden),
    path("test-errors/bad/", _bad),
    *portal_urls.urlpatterns,
]
handler400 = portal_urls.handler400
handler403 = portal_urls.handler403
handler404 = portal_urls.handler404
handler500 = portal_urls.handler500

HEADER = 'class="navbar-brand'
HOME_LINK = 'href="/"'


@pytest.fixture
def errors_client():
    client = Client(raise_request_exception=False)
    return client


@pytest.mark.urls(__name__)
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/test-errors/bad/", 400, "This request could not be understood"),
        ("/test-errors/forbidden/", 403, "You may not see this page"),
        ("/no-such-page/", 404, "This page does not exist"),
        ("/test-errors/boom/", 500, "Something went wrong on our side"),
    ],
)
def test_error_pages_are_the_portals_own(errors_client, url, status, heading):
    response = errors_client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert HEADER in html and HOME_LINK in html
    assert heading in html
    assert f"error {status}" in html


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_error_pages_are_translated(errors_client):
    html = errors_client.get("/fr/no-such-page/").content.decode()
    assert 'lang="fr"' in html
    assert "Cette page n'existe pas" in html_lib.unescape(html)
    assert 'href="/fr/"' in html


@pytest.mark.urls(__name__)
def test_500_page_renders_with_the_database_blocked(errors_client, django_db_blocker):
    with django_db_blocker.block():
        response = errors_client.get("/test-errors/boom/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_500_view_makes_no_query_for_a_signed_in_person(django_db_blocker):
    request = RequestFactory().get("/contributions/")
    request.user = object()  # touching it, or the session, would fail the test

    with django_db_blocker.block():
        response = views.server_error(request)
    assert response.status_code == 500
    assert HEADER in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_says_what_happened_and_to_go_back():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert HEADER in html
    assert "The form expired before it was sent" in html
    assert "Go Back in your browser" in html
    assert "Reload that page" in html


@pytest.mark.django_db
def test_csrf_failure_is_translated():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/fr/accounts/login/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "Le formulaire a expiré" in html_lib.unescape(response.content.decode())


@pytest.mark.browser
@pytest.mark.urls(__name__)
@pytest.mark.django_db(transaction=True)
def test_error_pages_have_no_axe_violations(browser_page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = {}
    for url in ["/no-such-page/", "/ar/no-such-page/", "/test-errors/boom/", "/test-errors/bad/"]:
        browser_page.goto(url)
        results = axe.run(browser_page)
        if results.violations_count:
            problems[url] = results.generate_report()
    assert not problems, "\n\n".join(f"{url}\n{report}" for url, report in problems.items())
