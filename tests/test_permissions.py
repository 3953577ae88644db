"""Every declared permission (the rules.py files) against every role.

The matrix is driven from the rules registry: a permission declared in a rules.py without an
expectation here fails, and so does an expectation whose permission was removed. Object
permissions are tried on contributions in several states; the expected roles say who may.
"""

import pytest
from rules.permissions import permissions as declared

from contributions.models import Contribution, ContributionSource

from .factories import AffiliationFactory, ContributionFactory, MeetingFactory, UserFactory

ROLES = ["anonymous", "outsider", "pending", "delegate", "coauthor", "chair", "secretariat"]
EVERYONE = set(ROLES)
MEMBERS = {"delegate", "coauthor", "chair", "secretariat"}
AUTHORS = {"delegate", "coauthor"}
OFFICERS = {"chair", "secretariat"}
SECRETARIAT = {"secretariat"}
CHAIR = {"chair"}
LIVE = ["draft", "submitted", "accepted", "published", "members-only"]
CLOSED = ["rejected", "withdrawn"]
STATES = [*LIVE, "late", *CLOSED]


def everywhere(roles):
    """The same roles whatever the state (or for a permission that takes no object)."""
    return {key: frozenset(roles) for key in [None, *STATES]}


# permission -> {state of the contribution it is asked on (None: no object) -> roles allowed}
EXPECTED = {
    "accounts.review_affiliations": everywhere(SECRETARIAT),
    "audit.view_log": everywhere(OFFICERS),
    "meetings.change_deadline": everywhere(OFFICERS),
    "notifications.view_log": everywhere(SECRETARIAT),
    "notifications.resend_delivery": everywhere(SECRETARIAT),
    "notifications.change_reminders": everywhere(OFFICERS),
    "meetings.add_meeting": everywhere(CHAIR),
    "meetings.change_meeting": everywhere(CHAIR),
    "meetings.add_theme": everywhere(CHAIR),
    "meetings.change_theme": everywhere(CHAIR),
    "meetings.delete_theme": everywhere(CHAIR),
    "meetings.change_outcomes": everywhere(CHAIR),
    "meetings.change_chair_report": everywhere(OFFICERS),
    "meetings.change_agenda": everywhere(OFFICERS),
    "meetings.release_agenda": everywhere(CHAIR),
    "meetings.view_liaisonnote_drafts": everywhere(OFFICERS),
    "meetings.add_liaisonnote": everywhere(SECRETARIAT),
    "meetings.approve_liaisonnote": everywhere(CHAIR),
    "meetings.send_liaisonnote": everywhere(SECRETARIAT),
    "meetings.publish_liaisonnote": everywhere(SECRETARIAT),
    # Registration (tests/meetings/test_registration.py asks them on meetings).
    "meetings.register": everywhere(AUTHORS),
    "meetings.view_participants": everywhere(OFFICERS),
    "meetings.close_registration": everywhere(OFFICERS),
    "meetings.view_remote_link": everywhere(OFFICERS),
    "meetings.view_report_draft": everywhere(OFFICERS),
    # Object permissions on liaison notes (tests/meetings/test_liaison_notes.py tries them on
    # notes in each state); asked on anything else, only their role part can hold.
    "meetings.view_liaisonnote": everywhere(OFFICERS),
    "meetings.change_liaisonnote": everywhere(set()),
    "contributions.view_members_only": everywhere(MEMBERS),
    "contributions.view_submitted": everywhere(OFFICERS),
    "contributions.add_contribution": everywhere({*AUTHORS, "secretariat"}),
    "contributions.submit_on_behalf": everywhere(SECRETARIAT),
    "contributions.use_desk": everywhere(SECRETARIAT),
    "contributions.decide_contribution": everywhere(SECRETARIAT),
    "contributions.decide_late": everywhere(SECRETARIAT),
    "contributions.view_contribution": {
        "draft": AUTHORS,
        "submitted": AUTHORS | OFFICERS,
        "late": AUTHORS | OFFICERS,
        "accepted": AUTHORS | OFFICERS,
        "published": EVERYONE,
        "members-only": MEMBERS,
        "rejected": AUTHORS | OFFICERS,
        "withdrawn": EVERYONE,  # withdrawn after publication: the public record stays
    },
    "contributions.change_contribution": {"draft": AUTHORS},
    "contributions.submit_contribution": {"draft": AUTHORS},
    "contributions.revise_contribution": {
        **{state: AUTHORS | SECRETARIAT for state in LIVE},
        "late": SECRETARIAT,  # authors revise only before the deadline; late is after it
    },
    "contributions.withdraw_contribution": {s: AUTHORS | SECRETARIAT for s in [*LIVE, "late"]},
    "contributions.view_history": {s: AUTHORS | OFFICERS for s in STATES},
    "contributions.handle_contribution": {s: AUTHORS | SECRETARIAT for s in STATES},
    # The library's: tried on resources in tests/resources/test_permissions.py. Asked on a
    # contribution, view_resource is the secretariat's only (it is no published resource).
    "resources.add_resource": everywhere(SECRETARIAT),
    "resources.build_public_data": everywhere(OFFICERS),
    "resources.change_resource": everywhere(SECRETARIAT),
    "resources.publish_resource": everywhere(SECRETARIAT),
    "resources.change_helplineentry": everywhere(SECRETARIAT),
    "resources.delete_helplineentry": everywhere(SECRETARIAT),
    "resources.view_resource": {s: SECRETARIAT for s in STATES},
    # Country entries: tried on Member States and entries in
    # tests/resources/test_country_entries.py. Asked on a contribution or on nothing, the
    # country part never holds (it is no Member State), only the secretariat's.
    "resources.propose_countryentry": everywhere(set()),
    "resources.review_countryentry": everywhere(SECRETARIAT),
    "resources.add_countryentry": everywhere(SECRETARIAT),
    "resources.view_countryentry": {s: SECRETARIAT for s in STATES},
    # Asked on a country entry only (tests/resources/test_country_entries.py): never on others.
    "resources.change_countryentry": everywhere(set()),
}


@pytest.fixture
def people(db, chair, secretariat, outsider):
    delegate = AffiliationFactory(user__email="submitter@example.org").user
    coauthor = AffiliationFactory(user__email="coauthor@example.org").user
    pending = AffiliationFactory(user__email="pending@example.org", status="pending").user
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "outsider": outsider,
        "pending": pending,
        "delegate": delegate,
        "coauthor": coauthor,
        "chair": chair,
        "secretariat": secretariat,
    }


def _contribution(state, people) -> Contribution:
    """A contribution of the delegate, co-sponsored by the co-author's organization."""
    status, visibility, extra = state, "public", {}
    if state == "members-only":
        status, visibility = "published", "members"
    if state == "withdrawn":
        extra["published_at"] = "2024-01-01T00:00Z"
    if state == "late":
        # Late contributions arrive after the deadline: the meeting's deadline has passed.
        extra["meeting"] = MeetingFactory(number=71, start_date="2020-01-10", end_date="2030-01-10")
    numbered = status in {"accepted", "published", "withdrawn", "rejected"}
    contribution = ContributionFactory(
        submitter=people["delegate"],
        status=status,
        visibility=visibility,
        number=1 if numbered else None,
        **extra,
    )
    for order, who in enumerate(["delegate", "coauthor"]):
        ContributionSource.objects.create(
            contribution=contribution,
            organization=people[who].approved_organizations[0],
            order=order,
        )
    return Contribution.objects.get(pk=contribution.pk)


def test_every_declared_permission_has_an_expectation_and_no_other():
    names = set(declared)
    assert names - EXPECTED.keys() == set(), "declared in a rules.py, missing from EXPECTED"
    assert EXPECTED.keys() - names == set(), "expected here, no longer declared in a rules.py"


@pytest.mark.django_db
@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_each_role_gets_exactly_the_expected_answer(permission, people):
    wrong = []
    for state in [None, *STATES]:
        obj = None if state is None else _contribution(state, people)
        allowed = EXPECTED[permission].get(state, set())
        if state is None and None not in EXPECTED[permission]:
            continue  # an object permission: asked only with its object
        for role in ROLES:
            # Fresh user objects: role caches (groups, organizations) must not leak.
            user = people[role]
            if user.is_authenticated:
                user = type(user).objects.get(pk=user.pk)
            if user.has_perm(permission, obj) != (role in allowed):
                wrong.append(f"{role} on {state}: expected {role in allowed}")
        if obj is not None:
            obj.delete()
    assert not wrong, f"{permission}:\n" + "\n".join(wrong)


def test_an_unknown_permission_is_refused_to_everyone(db):
    user = UserFactory(is_superuser=False)
    assert not user.has_perm("contributions.no_such_permission")
