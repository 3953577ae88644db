"""Account enumeration by timing: signing up (or asking a password reset) with an address that
has an account takes as long as with one that has none.

A real password hasher here (the other tests use MD5, which takes no time): Django's PBKDF2,
with 600,000 iterations (production: 1,500,000) so that 40 sign-ups stay quick on a busy
machine;
the work is the same kind, and still dominates the sign-up of a new account.
"""

import statistics
import time

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import mail
from django.urls import reverse

from copportal.accounts.tasks import send_password_reset

from ..factories import UserFactory

SIGNUP = reverse("account_signup")
RESET = reverse("account_reset_password")
ROUNDS = 20
TOLERANCE = 0.20


class QuickerPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = 600_000


@pytest.fixture
def real_hasher(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.QuickerPBKDF2PasswordHasher"]


def _timed(client, url, data, address):
    client.cookies.clear()
    started = time.perf_counter()
    response = client.post(url, data, REMOTE_ADDR=address)
    took = time.perf_counter() - started
    assert response.status_code == 302
    return took


def _report(what, known, unknown, difference):
    """Printed (pytest -s) for the figures in the issue's note."""
    a, b = statistics.median(known) * 1000, statistics.median(unknown) * 1000
    print(f"{what} medians: account {a:.0f} ms, no account {b:.0f} ms, {difference:.0%} apart")


def _differ(known: list[float], unknown: list[float]) -> float:
    a, b = statistics.median(known), statistics.median(unknown)
    return abs(a - b) / min(a, b)


@pytest.mark.django_db
def test_signup_takes_as_long_for_an_existing_address(client, real_hasher):
    existing = UserFactory(email="taken@example.org")
    password = "a sturdy passphrase 2024"
    known, unknown = [], []
    for n in range(ROUNDS):  # interleaved, so that load on the machine hits both alike
        address = f"198.51.100.{n}"  # allauth limits sign-ups per address
        base = {"full_name": "Someone", "password1": password, "password2": password}
        known.append(_timed(client, SIGNUP, {**base, "email": existing.email}, address))
        unknown.append(_timed(client, SIGNUP, {**base, "email": f"new{n}@example.org"}, address))
    difference = _differ(known, unknown)
    _report("signup", known, unknown, difference)
    assert difference < TOLERANCE


@pytest.fixture
def queued(monkeypatch):
    """Tasks queued as in production (a worker runs them later), not run in the request."""
    from copportal.accounts import tasks

    calls = []
    monkeypatch.setattr(tasks.send_password_reset, "delay", lambda **kw: calls.append(kw))
    return calls


@pytest.mark.django_db
def test_password_reset_queues_the_same_task_for_both(client, queued):
    UserFactory(email="taken@example.org")
    client.post(RESET, {"email": "Taken@example.org"})
    client.post(RESET, {"email": "nobody@example.org"})
    assert queued == [
        {"email": "taken@example.org", "language": "en"},
        {"email": "nobody@example.org", "language": "en"},
    ]
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_task_sends_the_link_or_says_there_is_no_account(settings):
    settings.SITE_URL = "https://portal.example.org"
    UserFactory(email="taken@example.org")
    send_password_reset(email="taken@example.org", language="fr")
    send_password_reset(email="nobody@example.org", language="en")
    reset, unknown = mail.outbox
    assert reset.to == ["taken@example.org"]
    assert "https://portal.example.org/fr/accounts/password/reset/key/" in reset.body
    assert reset.subject.startswith("[GTC-COP] ")
    assert unknown.to == ["nobody@example.org"]
    assert "/accounts/password/reset/key/" not in unknown.body
    assert "https://portal.example.org/accounts/signup/" in unknown.body


@pytest.mark.django_db
def test_password_reset_takes_as_long_for_an_unknown_address(client, real_hasher, queued):
    # One account per round: allauth allows 5 reset requests a minute per address.
    existing = [UserFactory(email=f"taken{n}@example.org") for n in range(ROUNDS)]
    known, unknown = [], []
    for n in range(ROUNDS):
        address = f"198.51.100.{n}"
        known.append(_timed(client, RESET, {"email": existing[n].email}, address))
        unknown.append(_timed(client, RESET, {"email": f"nobody{n}@example.org"}, address))
    difference = _differ(known, unknown)
    _report("reset", known, unknown, difference)
    assert difference < TOLERANCE
