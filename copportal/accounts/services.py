"""Writes on affiliations (requests and the secretariat's decisions); the password-reset mail."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from copportal.notifications.services import Recipient, notify

from . import tokens, workflow
from .models import Affiliation, Organization, User
from .tokens import ApiToken


@transaction.atomic
def affiliation_request(
    *,
    user: User,
    organization: Organization | None,
    proposed_name: str = "",
    proposed_kind: str = "",
    role_title: str = "",
    message: str = "",
) -> Affiliation:
    affiliation = Affiliation(
        user=user,
        organization=organization,
        proposed_name=proposed_name,
        proposed_kind=proposed_kind,
        role_title=role_title,
        message=message,
    )
    affiliation.full_clean()
    affiliation.save()
    return affiliation


def notify_decision(affiliation: Affiliation) -> None:
    """Tell the person, in their language, once (the delivery is sent after commit)."""
    notify(
        kind="affiliation-decided",
        key=f"affiliation-decision:{affiliation.pk}",
        recipients=[Recipient(user=affiliation.user)],
        context={
            "status": affiliation.status,
            "approved": affiliation.status == Affiliation.Status.APPROVED,
            # In the six languages (a Member State's UN names): the mail's language picks.
            "organization": affiliation.organization.names_by_language()
            if affiliation.organization
            else affiliation.proposed_name,
            "reason": affiliation.reason,
            "account_path": reverse("accounts:me"),
        },
    )


def affiliation_approve(*, affiliation_id: int, by: User) -> Affiliation:
    """Approve the request (copportal/accounts/workflow.py's table)."""
    return workflow.WORKFLOW.transition(affiliation_id, "approve", by=by)


def affiliation_refuse(*, affiliation_id: int, by: User, reason: str) -> Affiliation:
    if not reason.strip():
        raise ValidationError(_("Say why the request is refused: the person sees the reason."))
    return workflow.WORKFLOW.transition(affiliation_id, "refuse", by=by, note=reason)


def site_request() -> HttpRequest:
    """A request for SITE_URL, for allauth's flows run outside a request (in a task)."""
    parts = urlsplit(settings.SITE_URL)
    secure = parts.scheme == "https"
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = "/"
    request.META = {
        "HTTP_HOST": parts.netloc,
        "SERVER_NAME": parts.hostname or "localhost",
        "SERVER_PORT": str(parts.port or (443 if secure else 80)),
        "wsgi.url_scheme": parts.scheme or "http",
    }
    request._get_scheme = lambda: parts.scheme or "http"
    request.get_host = lambda: parts.netloc  # the configured host, whatever ALLOWED_HOSTS says
    request.user = AnonymousUser()
    return request


def password_reset_send(*, email: str, language: str) -> None:
    """Send the password-reset mail for `email` (allauth's flow), as the reset form would."""
    from allauth.account.internal import flows
    from allauth.account.internal.userkit import filter_users_by_email
    from allauth.core import context

    request = site_request()
    users = filter_users_by_email(email, is_active=True, prefer_verified=True, for_login=True)
    with translation.override(language), context.request_context(request):
        flows.password_reset.request_password_reset(request, email, users, default_token_generator)


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal API token for `user`. Returns (token, secret): the secret is shown to
    the user once and never stored (only its digest is)."""
    if not user.is_authenticated:
        raise PermissionDenied
    secret = tokens.new_secret()
    token = ApiToken(
        user=user,
        name=name.strip(),
        hashed_secret=tokens.digest(secret),
        shown_part=secret[: tokens.SHOWN],
    )
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def api_token_revoke(*, token_id: int, by: User) -> ApiToken:
    """Revoke one of `by`'s own tokens: it stops working at the next request."""
    token = ApiToken.objects.select_for_update().get(pk=token_id)
    if token.user_id != by.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
