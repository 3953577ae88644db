"""Writes on affiliations: requests and the secretariat's decisions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from copportal import emails

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
    from .tasks import notify_affiliation_decision

    transaction.on_commit(lambda: notify_affiliation_decision.delay(affiliation.pk))
    return affiliation


@transaction.atomic
def affiliation_notify(*, affiliation_id: int) -> bool:
    """Send the decision e-mail unless it was sent already. Returns whether it sent one.

    The row lock makes concurrent runs wait; a crash after sending and before the commit
    sends again on retry (at least once, and once in every other case).
    """
    affiliation = (
        Affiliation.objects.select_for_update(of=("self",))
        .select_related("user", "organization")
        .get(pk=affiliation_id)
    )
    if affiliation.notified_at or affiliation.status == Affiliation.Status.PENDING:
        return False
    emails.affiliation_decided(affiliation)
    affiliation.notified_at = timezone.now()
    affiliation.save(update_fields=["notified_at"])
    return True


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
