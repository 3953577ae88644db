"""The library's permissions (resources/rules.py) against every role, on resources."""

import pytest
from django.contrib.auth.models import AnonymousUser

ROLES = ["anonymous", "outsider", "delegate", "chair", "secretariat"]


@pytest.fixture
def people(db, outsider, delegate, chair, secretariat):
    return {
        "anonymous": AnonymousUser(),
        "outsider": outsider,
        "delegate": delegate,
        "chair": chair,
        "secretariat": secretariat,
    }


@pytest.mark.parametrize(
    ("permission", "state", "allowed"),
    [
        ("resources.view_resource", "published", set(ROLES)),
        ("resources.view_resource", "draft", {"secretariat"}),
        ("resources.change_resource", "published", {"secretariat"}),
        ("resources.change_resource", "draft", {"secretariat"}),
        ("resources.publish_resource", "draft", {"secretariat"}),
        ("resources.add_resource", None, {"secretariat"}),
        ("resources.change_helplineentry", None, {"secretariat"}),
    ],
)
def test_each_role_gets_exactly_the_expected_answer(
    people, make_resource, permission, state, allowed
):
    obj = make_resource("Asked on", publish=state == "published") if state else None
    answers = {role: user.has_perm(permission, obj) for role, user in people.items()}
    assert {role for role, yes in answers.items() if yes} == allowed


def test_services_refuse_without_the_permission(make_resource, delegate, chair):
    from django.core.exceptions import PermissionDenied

    from resources import services

    resource = make_resource("Protected", publish=False)
    for user in (delegate, chair):
        with pytest.raises(PermissionDenied):
            services.resource_publish(resource_id=resource.pk, by=user)
        with pytest.raises(PermissionDenied):
            services.resource_update(resource_id=resource.pk, by=user, title_en="Changed")
        with pytest.raises(PermissionDenied):
            services.resource_create(by=user, title_en="New", type="report")
    resource.refresh_from_db()
    assert not resource.is_published and resource.title_en == "Protected"
