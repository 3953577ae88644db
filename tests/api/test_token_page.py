"""Personal tokens on the account page: made by their owner (the secret shown once), listed
with their last use, revoked after a confirmation; others' tokens are a 404."""

import pytest
from django.test import Client

from copportal.accounts.models import ApiToken
from copportal.accounts.tokens import digest


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client):
    response = client.post("/accounts/me/tokens/", {"name": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_a_user_creates_a_token_shown_once(client_for, api, outsider):
    client = client_for(outsider)
    response = client.post("/accounts/me/tokens/", {"name": "My script"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    secret = response.context["secret"]
    token = ApiToken.objects.get(user=outsider)
    assert token.hashed_secret == digest(secret) and secret not in token.hashed_secret
    assert secret in response.content.decode()
    page = client.get("/accounts/me/").content.decode()
    assert "My script" in page and secret not in page and "Never" in page
    api("get", "/api/v1/meetings/", secret)
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_a_token_needs_a_name(client_for, outsider):
    response = client_for(outsider).post("/accounts/me/tokens/", {"name": " "}, follow=True)
    assert "Give the token a name" in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_creating_needs_the_csrf_token(outsider):
    client = Client(enforce_csrf_checks=True)
    client.force_login(outsider)
    assert client.post("/accounts/me/tokens/", {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_revoking_asks_first_then_revokes(client_for, api, token_for, delegate):
    secret = token_for(delegate, name="Old script")
    token = ApiToken.objects.get()
    client = client_for(delegate)
    confirm = client.get(f"/accounts/me/tokens/{token.pk}/revoke/")
    assert confirm.status_code == 200 and "Old script" in confirm.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    response = client.post(f"/accounts/me/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api("get", "/api/v1/meetings/", secret).status_code == 401
    assert "Revoked" in client.get("/accounts/me/").content.decode()


@pytest.mark.django_db
def test_others_tokens_are_a_404(client_for, token_for, delegate, other_delegate):
    token_for(delegate, name="Harvester 9000")
    token = ApiToken.objects.get()
    client = client_for(other_delegate)
    assert client.get(f"/accounts/me/tokens/{token.pk}/revoke/").status_code == 404
    assert client.post(f"/accounts/me/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "Harvester 9000" not in client.get("/accounts/me/").content.decode()
    assert "Harvester 9000" in client_for(delegate).get("/accounts/me/").content.decode()


@pytest.mark.django_db
def test_revoking_needs_the_csrf_token(token_for, delegate):
    token_for(delegate)
    token = ApiToken.objects.get()
    client = Client(enforce_csrf_checks=True)
    client.force_login(delegate)
    assert client.post(f"/accounts/me/tokens/{token.pk}/revoke/").status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
