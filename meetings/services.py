"""Writes on meetings that have side effects or touch several rows."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from copportal.accounts.models import User

from .models import DeadlineChange, Meeting


@transaction.atomic
def meeting_deadline_set(
    *, meeting_id: int, by: User, deadline: datetime.datetime | None, reason: str = ""
) -> Meeting:
    """Override a meeting's deadline (None: back to the rule), recording who and why."""
    if not by.has_perm("meetings.change_deadline"):
        raise PermissionDenied
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    old = meeting.deadline
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
    return meeting
