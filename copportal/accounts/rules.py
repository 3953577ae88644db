"""The role predicates, defined once, and the accounts app's permissions.

Roles: the chair and the secretariat are groups; a delegate is a user with an approved
affiliation. Every app composes these predicates in its own rules.py and every view, service
and template asks `has_perm`. Nothing outside this package and the rules.py files asks a role.
"""

import rules


@rules.predicate
def is_chair(user) -> bool:
    return user.is_authenticated and user.is_chair


@rules.predicate
def is_secretariat(user) -> bool:
    return user.is_authenticated and user.is_secretariat


@rules.predicate
def is_delegate(user) -> bool:
    """A user with an approved affiliation to a Member State or an organization."""
    return user.is_authenticated and user.is_delegate


is_officer = is_chair | is_secretariat
# Members see members-only documents: delegates and officers.
is_member = is_officer | is_delegate

rules.add_perm("accounts.review_affiliations", is_secretariat)
