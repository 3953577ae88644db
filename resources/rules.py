"""Who may do what with the library and the country pages: every permission of this app,
declared once.

`view_resource` is an object permission: a published resource for anyone, a draft for the
secretariat only. Views ask through copportal.accounts.permissions.permission_required;
templates ask `perms`.
"""

import rules

from copportal.accounts.rules import is_officer, is_secretariat


@rules.predicate
def is_published(user, resource) -> bool:
    from .models import Resource

    return isinstance(resource, Resource) and resource.is_published


rules.add_perm("resources.view_resource", is_published | is_secretariat)
rules.add_perm("resources.add_resource", is_secretariat)
rules.add_perm("resources.change_resource", is_secretariat)
rules.add_perm("resources.publish_resource", is_secretariat)
rules.add_perm("resources.change_helplineentry", is_secretariat)
rules.add_perm("resources.delete_helplineentry", is_secretariat)


# Country pages (resources/countries/): entries on a Member State's page.
@rules.predicate
def is_delegate_of_the_country(user, obj) -> bool:
    """A delegate of the Member State asked about (an Organization), or of an entry's one."""
    from copportal.accounts.models import Organization

    from .countries.models import CountryEntry

    state = obj.organization if isinstance(obj, CountryEntry) else obj
    if not user.is_authenticated or not isinstance(state, Organization):
        return False
    return state.is_member_state and any(o.pk == state.pk for o in user.approved_organizations)


@rules.predicate
def is_public_entry(user, entry) -> bool:
    from .countries.models import CountryEntry

    return isinstance(entry, CountryEntry) and entry.is_public


# On a Member State (the proposal form) or on its entry (the workflow's "propose" row).
rules.add_perm("resources.propose_countryentry", is_delegate_of_the_country)
# The queue, approve, reject, record directly, withdraw.
rules.add_perm("resources.review_countryentry", is_secretariat)
# A new entry for a Member State (asked on it): a delegate proposes, the secretariat records.
rules.add_perm("resources.add_countryentry", is_secretariat | is_delegate_of_the_country)
rules.add_perm(
    "resources.view_countryentry", is_public_entry | is_secretariat | is_delegate_of_the_country
)


@rules.predicate
def is_editable_entry(user, entry) -> bool:
    from .countries.models import CountryEntry

    return isinstance(entry, CountryEntry) and entry.status in entry.Status.editable()


@rules.predicate
def is_editable_by_the_country(user, entry) -> bool:
    from .countries.models import CountryEntry

    return (
        isinstance(entry, CountryEntry) and entry.status in entry.Status.editable_by_the_country()
    )


# The secretariat edits any entry but a withdrawn one; the country's delegates a proposal
# waiting or rejected (proposed again), never one the secretariat approved.
rules.add_perm(
    "resources.change_countryentry",
    (is_secretariat & is_editable_entry)
    | (is_delegate_of_the_country & is_editable_by_the_country),
)
rules.add_perm("resources.build_public_data", is_officer)
