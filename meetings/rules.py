"""Who may do what with meetings, the roadmap and liaison notes: every permission, declared once."""

import rules

from copportal.accounts.rules import is_chair, is_officer, is_secretariat

from .models import LiaisonNote

rules.add_perm("meetings.change_deadline", is_officer)
# Meetings and their sessions: the chair plans them.
rules.add_perm("meetings.add_meeting", is_chair)
rules.add_perm("meetings.change_meeting", is_chair)
# The theme roadmap: the chair keeps it.
rules.add_perm("meetings.add_theme", is_chair)
rules.add_perm("meetings.change_theme", is_chair)
rules.add_perm("meetings.delete_theme", is_chair)
# A meeting's outcomes (recommendations, draft resolutions): the chair records them.
rules.add_perm("meetings.change_outcomes", is_chair)
# The chair's report (a file per language): the chair, or the secretariat for the chair.
rules.add_perm("meetings.change_chair_report", is_officer)
# The agenda: the chair and the secretariat build the draft; the chair releases it.
rules.add_perm("meetings.change_agenda", is_officer)
rules.add_perm("meetings.release_agenda", is_chair)


@rules.predicate
def is_draft_note(user, note) -> bool:
    return isinstance(note, LiaisonNote) and note.status == LiaisonNote.Status.DRAFT


@rules.predicate
def is_public_note(user, note) -> bool:
    return isinstance(note, LiaisonNote) and note.status in LiaisonNote.Status.public()


# Liaison notes: the secretariat drafts and sends; the chair approves. The secretariat also
# records the notes other bodies send (incoming) and publishes them. The public sees sent
# and published notes only; the chair and the secretariat see every state.
rules.add_perm("meetings.view_liaisonnote_drafts", is_officer)
rules.add_perm("meetings.view_liaisonnote", is_public_note | is_officer)
rules.add_perm("meetings.add_liaisonnote", is_secretariat)
rules.add_perm("meetings.change_liaisonnote", is_secretariat & is_draft_note)
rules.add_perm("meetings.approve_liaisonnote", is_chair)
rules.add_perm("meetings.send_liaisonnote", is_secretariat)
rules.add_perm("meetings.publish_liaisonnote", is_secretariat)

# Registration for meetings, and the draft chair's report: meetings/registration/rules.py.
from .registration import rules as _registration_rules  # noqa: E402, F401
