"""What pages weigh: HTML compressed when the browser asks, static files precompressed with
brotli, and htmx loaded only by pages that use it."""

import gzip
import re
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from whitenoise.compress import Compressor

ROOT = Path(__file__).resolve().parent.parent
HTMX = "vendor/htmx-2.0.11/htmx.min.js"


@pytest.mark.django_db
def test_html_is_gzipped_when_asked_for(client):
    response = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "<!doctype html>" in html


@pytest.mark.django_db
def test_html_is_plain_when_not_asked_for(client):
    response = client.get("/")
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"<!doctype html>")


def test_static_files_are_compressed_with_brotli_too():
    compressor = Compressor(quiet=True)
    assert compressor.use_brotli  # the brotli package is installed (pyproject.toml)


@pytest.mark.django_db
def test_pages_without_htmx_do_not_load_it(client):
    assert HTMX not in client.get("/").content.decode()
    assert HTMX not in client.get("/meetings/").content.decode()


def test_a_page_opting_in_loads_htmx():
    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block scripts %}{% include "includes/htmx.html" %}'
        "{% endblock %}"
    )
    request = RequestFactory().get("/")
    request.LANGUAGE_CODE = "en"
    html = template.render({"request": request})
    assert HTMX in html and 'name="htmx-config"' in html


def test_every_template_using_htmx_loads_it():
    """A template with hx- attributes includes htmx itself (block scripts), or is a partial
    that htmx swaps into a page that does (templates/**/partials/)."""
    templates = ROOT / "templates"
    missing = []
    for path in templates.rglob("*.html"):
        text = path.read_text()
        uses_htmx = re.search(r"\shx-[a-z]+=", text) and "partials" not in path.parts
        if uses_htmx and "includes/htmx.html" not in text:
            missing.append(str(path.relative_to(ROOT)))
    assert missing == []
