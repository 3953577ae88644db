"""Who may do what with meetings, the roadmap and liaison notes: every permission, declared once."""

import rules

from copportal.accounts.rules import is_officer

rules.add_perm("meetings.change_deadline", is_officer)
