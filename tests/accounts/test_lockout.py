"""Failed sign-ins cannot be turned into a lock-out of the owner, and guessing stays bounded.

The design is in the README's Security section; the limits in settings.ACCOUNT_RATE_LIMITS.
"""

import pytest
from django.test import Client
from django.urls import reverse

from copportal.accounts.devices import COOKIE

from ..factories import PASSWORD

LOGIN = reverse("account_login")
REFUSED = "Too many failed login attempts"


def _attempt(client, email, address, password="not the password"):
    return client.post(LOGIN, {"login": email, "password": password}, REMOTE_ADDR=address)


def _signed_in(response, client, user):
    return response.status_code == 302 and client.session.get("_auth_user_id") == str(user.pk)


@pytest.mark.django_db
def test_attacker_on_one_address_cannot_lock_out_the_owner_elsewhere(outsider):
    attacker = Client()
    for _ in range(25):  # allauth refuses more than 30 sign-in posts a minute per address
        _attempt(attacker, outsider.email, "198.51.100.7")
    # The attacker's own address is blocked for this account, even with the right password...
    assert REFUSED in _attempt(attacker, outsider.email, "198.51.100.7", PASSWORD).content.decode()
    # ...while the owner, on a new browser at another address, signs in.
    owner = Client()
    response = _attempt(owner, outsider.email, "203.0.113.20", PASSWORD)
    assert _signed_in(response, owner, outsider)


@pytest.mark.django_db
def test_guessing_from_many_addresses_is_bounded(outsider):
    attacker = Client()
    refused = 0
    for n in range(60):
        response = _attempt(attacker, outsider.email, f"198.51.100.{n}")
        refused += REFUSED in response.content.decode()
    assert refused == 30  # 30 guesses an hour for the account, whatever the addresses
    response = _attempt(attacker, outsider.email, "198.51.100.200", PASSWORD)
    assert not _signed_in(response, attacker, outsider)


@pytest.mark.django_db
def test_owners_known_browser_signs_in_through_a_distributed_attack(outsider):
    owner = Client()
    assert _signed_in(_attempt(owner, outsider.email, "203.0.113.20", PASSWORD), owner, outsider)
    device = owner.cookies[COOKIE].value
    owner.logout()
    attacker = Client()
    for n in range(60):
        _attempt(attacker, outsider.email, f"198.51.100.{n}")
    # A new browser is refused now; the owner's browser, even from a new address, is not.
    stranger = Client()
    assert REFUSED in _attempt(stranger, outsider.email, "203.0.113.21", PASSWORD).content.decode()
    owner.cookies[COOKIE] = device
    assert _signed_in(_attempt(owner, outsider.email, "192.0.2.50", PASSWORD), owner, outsider)


@pytest.mark.django_db
def test_a_device_cookie_is_for_one_account_only(outsider, delegate):
    owner = Client()
    _attempt(owner, delegate.email, "203.0.113.20", PASSWORD)
    device = owner.cookies[COOKIE].value
    attacker = Client()
    for n in range(60):
        _attempt(attacker, outsider.email, f"198.51.100.{n}")
    attacker.cookies[COOKIE] = device  # the delegate's cookie does not unlock the outsider
    response = _attempt(attacker, outsider.email, "192.0.2.50", PASSWORD)
    assert REFUSED in response.content.decode()


@pytest.mark.django_db
def test_known_browser_still_has_a_limit(outsider):
    owner = Client()
    _attempt(owner, outsider.email, "203.0.113.20", PASSWORD)
    device = owner.cookies[COOKIE].value
    owner.logout()
    owner.cookies[COOKIE] = device
    answers = [_attempt(owner, outsider.email, f"192.0.2.{n}").content.decode() for n in range(12)]
    assert sum(REFUSED in answer for answer in answers) == 2
