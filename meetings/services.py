"""Writes of meetings: a meeting and its sessions, its deadline; and what the packages'
services share (the permission check, the subscribers, recipients by language)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from copportal.accounts.models import User
from copportal.notifications.services import Recipient

from .models import DeadlineChange, Meeting


def require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(permission)


def subscribers() -> list[User]:
    """Who follows the group's work by mail: approved delegates and the officers (each may
    turn a kind of mail off on their preferences page)."""
    return list(
        User.objects.filter(is_active=True)
        .filter(
            models.Q(affiliations__status="approved")
            | models.Q(groups__name__in=["Chair", "Secretariat"])
        )
        .distinct()
    )


def by_language(users) -> dict[str, list[Recipient]]:
    """Recipients grouped by the language their mail is written in."""
    groups: dict[str, list[Recipient]] = {}
    for user in users:
        recipient = Recipient(user=user)
        groups.setdefault(recipient.mail_language, []).append(recipient)
    return groups


@transaction.atomic
def meeting_deadline_set(
    *, meeting_id: int, by: User, deadline: datetime.datetime | None, reason: str = ""
) -> bool:
    """Override a meeting's deadline (None: back to the rule), recording who and why.

    Only a deadline from a year before the meeting opens to its opening. Returns whether the
    deadline changed: the same deadline again changes and records nothing.
    """
    if not by.has_perm("meetings.change_deadline"):
        raise PermissionDenied
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if deadline is not None:
        earliest, latest = meeting.deadline_bounds
        if not earliest <= deadline <= latest:
            raise ValidationError(
                _("A deadline must fall between a year before the meeting opens and its opening."),
                code="out-of-range",
            )
        if deadline == meeting.rule_deadline and meeting.deadline_override is None:
            deadline = None  # the rule's own deadline: nothing to override
    old = meeting.deadline
    if deadline == meeting.deadline_override:
        return False
    meeting.deadline_override = deadline
    meeting.full_clean()
    meeting.save(update_fields=["deadline_override"])
    DeadlineChange.objects.create(
        meeting=meeting,
        changed_by=by,
        old_deadline=old,
        new_deadline=meeting.deadline,
        reason=reason.strip(),
    )
    return True


@transaction.atomic
def meeting_save(*, by: User, meeting: Meeting, sessions) -> Meeting:
    """Create or change a meeting and its sessions (a validated inline formset) together."""
    require(by, "meetings.change_meeting" if meeting.pk else "meetings.add_meeting", meeting)
    meeting.full_clean()
    meeting.save()
    sessions.instance = meeting
    for form in sessions.forms:
        form.instance.meeting = meeting
    sessions.save()
    return meeting
