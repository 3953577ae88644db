"""The interactive documentation: Swagger UI from the portal's own static files (no CDN),
working under the portal's Content Security Policy."""

import pytest


@pytest.mark.django_db
def test_docs_page_loads_no_asset_from_elsewhere(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_swagger_ui_renders_the_schema_without_csp_violations(browser_page):
    refused = []
    browser_page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    hosts = set()
    browser_page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    browser_page.goto("/api/docs")
    browser_page.get_by_text("CWG-COP Portal API").first.wait_for()
    browser_page.get_by_text("/api/v1/contributions/").first.wait_for()
    assert refused == []
    assert len(hosts) == 1  # the live server only
