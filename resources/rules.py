"""Who may do what with the library: every permission of this app, declared once.

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
rules.add_perm("resources.build_public_data", is_officer)
