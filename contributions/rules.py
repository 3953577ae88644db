"""Who may do what with contributions: every permission of this app, declared once.

Object permissions take the contribution. Views ask `has_perm` (or the permission_required
decorator), services assert the same permission, templates ask `perms` / the `has_perm` tag.
"""

import rules

from copportal.accounts.rules import is_delegate, is_member, is_officer, is_secretariat


@rules.predicate
def is_author(user, contribution) -> bool:
    """The submitter or a delegate of one of its sources (co-sponsors)."""
    return contribution is not None and contribution.is_author(user)


@rules.predicate
def is_draft(user, contribution) -> bool:
    return contribution is not None and contribution.is_editable_draft


@rules.predicate
def is_live(user, contribution) -> bool:
    """Neither withdrawn nor rejected: it may still change."""
    return contribution is not None and contribution.is_withdrawable


@rules.predicate
def accepts_revisions(user, contribution) -> bool:
    """Live and before the deadline (the server's clock now)."""
    return contribution is not None and contribution.accepts_revisions()


@rules.predicate
def is_published_record(user, contribution) -> bool:
    """Published, or withdrawn after publication (the public record stays)."""
    return contribution is not None and contribution.is_public_record


@rules.predicate
def is_public(user, contribution) -> bool:
    return contribution is not None and contribution.visibility == contribution.Visibility.PUBLIC


@rules.predicate
def is_not_draft(user, contribution) -> bool:
    return contribution is not None and not contribution.is_editable_draft


# Opening a contribution. Anyone: the public record of public ones; members: members-only ones
# too; authors: their own in any state; officers: everything but other people's drafts.
can_view = (is_published_record & (is_public | is_member)) | is_author | (is_officer & is_not_draft)

rules.add_perm("contributions.view_contribution", can_view)
rules.add_perm("contributions.view_members_only", is_member)
# Officers follow every contribution once it is submitted (drafts stay their authors').
rules.add_perm("contributions.view_submitted", is_officer)
# Submitting: delegates for their organizations; the secretariat on anyone's behalf.
rules.add_perm("contributions.add_contribution", is_delegate | is_secretariat)
rules.add_perm("contributions.submit_on_behalf", is_secretariat)
rules.add_perm("contributions.change_contribution", is_author & is_draft)
rules.add_perm("contributions.submit_contribution", is_author & is_draft)
rules.add_perm(
    "contributions.revise_contribution",
    (is_author & accepts_revisions) | (is_secretariat & is_live),
)
rules.add_perm("contributions.withdraw_contribution", (is_author | is_secretariat) & is_live)
rules.add_perm("contributions.view_history", is_author | is_officer)
# Those responsible for a contribution: its authors and the secretariat (files, withdrawal).
rules.add_perm("contributions.handle_contribution", is_author | is_secretariat)
# The secretariat's desk: accepting, rejecting, carrying over, publishing, visibility.
rules.add_perm("contributions.use_desk", is_secretariat)
rules.add_perm("contributions.decide_contribution", is_secretariat)
rules.add_perm("contributions.decide_late", is_secretariat)
