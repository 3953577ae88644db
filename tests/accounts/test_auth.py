"""Sign-up, login and reset: verification is mandatory, passwords are strong, nothing leaks."""

import pytest
from django.core import mail
from django.urls import reverse

from copportal.accounts.models import User

from ..factories import PASSWORD, UserFactory

SIGNUP = reverse("account_signup")
LOGIN = reverse("account_login")
RESET = reverse("account_reset_password")


def _signup(client, email, password="a sturdy passphrase 2024"):
    return client.post(
        SIGNUP,
        {"email": email, "full_name": "Someone", "password1": password, "password2": password},
    )


@pytest.mark.django_db
class TestSignup:
    def test_sign_up_sends_a_verification_link_and_does_not_sign_in(self, client):
        response = _signup(client, "new@example.org")
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        assert "confirm-email" in mail.outbox[0].body
        assert client.get(reverse("accounts:me")).status_code != 200

    def test_short_password_is_refused(self, client):
        response = _signup(client, "new@example.org", password="short pass")
        assert "at least 12 characters" in response.content.decode()
        assert not User.objects.filter(email="new@example.org").exists()

    def test_common_password_is_refused(self, client):
        response = _signup(client, "new@example.org", password="password1234")
        assert "too common" in response.content.decode()

    def test_existing_address_looks_the_same_as_a_new_one(self, client, outsider):
        new = _signup(client, "brand-new@example.org")
        client.cookies.clear()
        existing = _signup(client, outsider.email)
        assert existing.status_code == new.status_code == 302
        assert existing["Location"] == new["Location"]
        assert User.objects.filter(email=outsider.email).count() == 1


@pytest.mark.django_db
class TestLogin:
    def test_unverified_address_cannot_sign_in(self, client):
        UserFactory(email="unverified@example.org", verified=False)
        response = client.post(LOGIN, {"login": "unverified@example.org", "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        assert "_auth_user_id" not in client.session

    def test_wrong_password_and_unknown_address_get_the_same_answer(self, client, outsider):
        wrong = client.post(LOGIN, {"login": outsider.email, "password": "not the password"})
        unknown = client.post(LOGIN, {"login": "nobody@example.org", "password": "whatever123"})
        assert wrong.status_code == unknown.status_code == 200
        assert wrong.context["form"].errors == unknown.context["form"].errors

    def test_failed_logins_are_rate_limited(self, client, outsider):
        for _ in range(5):
            client.post(LOGIN, {"login": outsider.email, "password": "not the password"})
        response = client.post(LOGIN, {"login": outsider.email, "password": PASSWORD})
        assert "Too many failed login attempts" in response.content.decode()
        assert "_auth_user_id" not in client.session


@pytest.mark.django_db
class TestPasswordReset:
    def test_unknown_and_known_addresses_get_the_same_answer(self, client, outsider):
        known = client.post(RESET, {"email": outsider.email})
        unknown = client.post(RESET, {"email": "nobody@example.org"})
        assert known.status_code == unknown.status_code == 302
        assert known["Location"] == unknown["Location"]

    def test_reset_mail_carries_a_link(self, client, outsider):
        client.post(RESET, {"email": outsider.email})
        assert "/accounts/password/reset/key/" in mail.outbox[-1].body


@pytest.mark.django_db
class TestOfficerMfa:
    @pytest.mark.parametrize("who", ["chair", "secretariat"])
    def test_officers_without_totp_must_set_it_up(self, client_for, request, who, settings):
        settings.REQUIRE_STAFF_MFA = True
        response = client_for(request.getfixturevalue(who)).get(reverse("meetings:list"))
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")

    def test_the_way_to_set_up_totp_stays_open(self, client_for, chair, settings):
        settings.REQUIRE_STAFF_MFA = True
        response = client_for(chair).get(reverse("meetings:list"), follow=True)
        assert response.status_code == 200
        # allauth asks for the password again before TOTP set-up; that page is reachable.
        assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))

    def test_delegates_are_not_forced(self, client_for, delegate, settings):
        settings.REQUIRE_STAFF_MFA = True
        assert client_for(delegate).get(reverse("meetings:list")).status_code == 200

    def test_officers_with_totp_pass(self, client_for, chair, settings):
        from allauth.mfa.models import Authenticator

        settings.REQUIRE_STAFF_MFA = True
        Authenticator.objects.create(user=chair, type=Authenticator.Type.TOTP, data={})
        assert client_for(chair).get(reverse("meetings:list")).status_code == 200

    def test_not_required_in_development(self, client_for, chair, settings):
        settings.REQUIRE_STAFF_MFA = False
        assert client_for(chair).get(reverse("meetings:list")).status_code == 200
