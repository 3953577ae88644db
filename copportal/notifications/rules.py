"""Who may see the delivery log and resend a failed mail: the secretariat."""

import rules

from copportal.accounts.rules import is_chair, is_secretariat

rules.add_perm("notifications.view_log", is_secretariat)
rules.add_perm("notifications.resend_delivery", is_secretariat)
# Reminder days per meeting: the chair (and the secretariat, who plans with them).
rules.add_perm("notifications.change_reminders", is_chair | is_secretariat)
