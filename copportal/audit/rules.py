"""Who may read the audit log: the chair and the secretariat."""

import rules

from copportal.accounts.rules import is_officer

rules.add_perm("audit.view_log", is_officer)
