"""Writes on meetings that have side effects or touch several rows."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from copportal.accounts.models import User

from .models import DeadlineChange, Meeting


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
