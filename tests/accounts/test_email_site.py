"""Every e-mail names the site by its configured name and address, never the request's host."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from copportal.accounts.adapter import MfaAdapter

from .test_auth import RESET, _signup

HOST = "127.0.0.1:8101"


@pytest.fixture
def site(settings):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "portal.example.org"]
    settings.SITE_URL = "https://portal.example.org"
    settings.SITE_NAME = "CWG-COP Portal"


@pytest.mark.django_db
def test_verification_mail_names_the_configured_site(client, site):
    _signup(client, "new@example.org")  # the test client's host is "testserver"
    client.cookies.clear()
    message = mail.outbox[0]
    body = message.body
    assert "CWG-COP Portal · https://portal.example.org" in body
    assert "https://portal.example.org/accounts/confirm-email/" in body
    assert "testserver" not in body and "testserver" not in message.subject
    assert message.subject.startswith("[CWG-COP] ")


@pytest.mark.django_db
def test_verification_mail_ignores_a_forged_host(client, site):
    client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "full_name": "Someone",
            "password1": "a sturdy passphrase 2024",
            "password2": "a sturdy passphrase 2024",
        },
        HTTP_HOST=HOST,
    )
    body = mail.outbox[0].body
    assert HOST not in body
    assert "https://portal.example.org/accounts/confirm-email/" in body


@pytest.mark.django_db
def test_password_reset_mail_names_the_configured_site(client, outsider, site):
    client.post(RESET, {"email": outsider.email}, HTTP_HOST=HOST)
    message = mail.outbox[0]
    assert HOST not in message.body
    assert "CWG-COP Portal" in message.body
    assert "https://portal.example.org/accounts/password/reset/key/" in message.body


@pytest.mark.django_db
def test_subject_prefix_is_french_on_french_pages(client, outsider, site):
    client.post("/fr" + RESET, {"email": outsider.email})
    assert mail.outbox[0].subject.startswith("[GTC-COP] ")


def test_totp_issuer_follows_the_language(settings):
    settings.MFA_TOTP_ISSUER = settings.SITE_NAME  # the lazy default
    with translation.override("fr"):
        assert MfaAdapter().get_totp_issuer() == "Portail du GTC-COP"
    with translation.override("en"):
        assert MfaAdapter().get_totp_issuer() == "CWG-COP Portal"
