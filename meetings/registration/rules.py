"""Who may register for a meeting, see its participants and its remote-participation link.
Imported by meetings/rules.py (the rules package discovers one rules.py per app)."""

import rules

from copportal.accounts.rules import is_delegate, is_officer

from ..models import Meeting
from .models import Registration


@rules.predicate
def is_registered(user, meeting) -> bool:
    """Registered for this meeting (one query)."""
    if not user.is_authenticated or not isinstance(meeting, Meeting):
        return False
    return Registration.objects.filter(meeting=meeting, user=user).exists()


# A delegate registers for the organization they represent; the chair and the secretariat
# see who comes, export the list, close and reopen registration.
rules.add_perm("meetings.register", is_delegate)
rules.add_perm("meetings.view_participants", is_officer)
rules.add_perm("meetings.close_registration", is_officer)
# The link to join remotely: registered participants only (and the officers who set it).
rules.add_perm("meetings.view_remote_link", is_officer | is_registered)
# The draft chair's report made from the meeting's data.
rules.add_perm("meetings.view_report_draft", is_officer)
