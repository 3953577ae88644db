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

from .models import Affiliation, Organization, User


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


def _pending(affiliation_id: int) -> Affiliation:
    """The request, locked; refused if another decision came first (a second tab, a colleague)."""
    affiliation = Affiliation.objects.select_for_update().get(pk=affiliation_id)
    if affiliation.status != Affiliation.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    return affiliation


def _decide(affiliation: Affiliation, *, by: User, status: str, reason: str = "") -> Affiliation:
    if not by.has_perm("accounts.review_affiliations"):
        raise PermissionDenied
    affiliation.status = status
    affiliation.reason = reason
    affiliation.decided_by = by
    affiliation.decided_at = timezone.now()
    affiliation.full_clean()
    affiliation.save()
    _notify_decision(affiliation)
    return affiliation


def _notify_decision(affiliation: Affiliation) -> None:
    """Tell the person, in their language, once (the delivery is sent after commit)."""
    notify(
        kind="affiliation-decided",
        key=f"affiliation-decision:{affiliation.pk}",
        recipients=[Recipient(user=affiliation.user)],
        context={
            "status": affiliation.status,
            # In the six languages (a Member State's UN names): the mail's language picks.
            "organization": affiliation.organization.names_by_language()
            if affiliation.organization
            else affiliation.proposed_name,
            "reason": affiliation.reason,
            "account_path": reverse("accounts:me"),
        },
    )


@transaction.atomic
def affiliation_approve(*, affiliation_id: int, by: User) -> Affiliation:
    """Approve the request; an organization the person named is added to the portal first."""
    affiliation = _pending(affiliation_id)
    if affiliation.proposes_organization:
        affiliation.organization, _created = Organization.objects.get_or_create(
            name_en=affiliation.proposed_name.strip(),  # its one name, in every language
            defaults={"kind": affiliation.proposed_kind or Organization.Kind.OTHER},
        )
    return _decide(affiliation, by=by, status=Affiliation.Status.APPROVED)


@transaction.atomic
def affiliation_refuse(*, affiliation_id: int, by: User, reason: str) -> Affiliation:
    if not reason.strip():
        raise ValidationError(_("Say why the request is refused: the person sees the reason."))
    return _decide(
        _pending(affiliation_id), by=by, status=Affiliation.Status.REFUSED, reason=reason
    )


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
