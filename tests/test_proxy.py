"""TRUSTED_PROXY_COUNT: X-Forwarded-For is believed only from trusted proxies, and then only
the hop the outermost trusted proxy wrote."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from copportal.accounts.adapter import AccountAdapter
from copportal.middleware import client_ip

from .factories import PASSWORD

LOGIN = reverse("account_login")


def _request(forwarded=None, remote="10.0.0.2"):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = _request("203.0.113.9")
    assert client_ip(request) == "10.0.0.2"
    assert AccountAdapter().get_client_ip(request) == "10.0.0.2"


def test_last_hop_is_the_client_behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote "198.51.100.1" itself; the proxy appended the address it saw.
    request = _request("198.51.100.1, 203.0.113.9")
    assert client_ip(request) == "203.0.113.9"
    assert AccountAdapter().get_client_ip(request) == "203.0.113.9"


def test_two_proxies_take_the_second_hop_from_the_end(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(_request("198.51.100.1, 203.0.113.9, 10.0.0.7")) == "203.0.113.9"


def test_a_malformed_hop_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(_request("not-an-address")) == "10.0.0.2"
    assert client_ip(_request()) == "10.0.0.2"


def _fail(client, email, forwarded):
    return client.post(
        LOGIN, {"login": email, "password": "not the password"}, HTTP_X_FORWARDED_FOR=forwarded
    )


@pytest.mark.django_db
def test_spoofed_forwarded_for_does_not_escape_the_address_limit(client, settings, outsider):
    """With no proxy, a client cannot rotate X-Forwarded-For to get fresh per-address limits."""
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(10):
        _fail(client, f"nobody{n}@example.org", f"198.51.100.{n}")
    response = client.post(
        LOGIN, {"login": outsider.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.99"
    )
    assert "Too many failed login attempts" in response.content.decode()


@pytest.mark.django_db
def test_behind_a_proxy_limits_are_per_client(client, settings, outsider):
    """Behind one proxy (every request from its address), one client's failures do not
    block another client's sign-in."""
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(10):
        _fail(client, f"nobody{n}@example.org", "198.51.100.1")
    response = client.post(
        LOGIN, {"login": outsider.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.9"
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(outsider.pk)
