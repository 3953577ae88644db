"""Who may see and change what: the owner, a co-sponsor, another delegate, an outsider,
anonymous, the chair and the secretariat, for every view and every file download."""

import pytest

from contributions.models import Contribution, Revision

from ..factories import AffiliationFactory, OrganizationFactory, pdf_upload
from .conftest import make_draft, make_published, make_submitted

PEOPLE = ["owner", "cosponsor", "another", "outsider", "anonymous", "chair", "secretariat"]


@pytest.fixture
def people(delegate, other_delegate, outsider, chair, secretariat):
    albania = OrganizationFactory(name="Albania", iso_code="ALB", region="europe")
    another = AffiliationFactory(organization=albania, user__email="third@example.org").user
    return {
        "owner": delegate,
        "cosponsor": other_delegate,
        "another": another,
        "outsider": outsider,
        "anonymous": None,
        "chair": chair,
        "secretariat": secretariat,
    }


@pytest.fixture
def contributions(people, meeting, other_organization):
    owner, secretariat = people["owner"], people["secretariat"]
    sources = [*owner.approved_organizations, other_organization]
    return {
        "draft": make_draft(user=owner, meeting=meeting, organizations=sources),
        "submitted": make_submitted(user=owner, meeting=meeting, organizations=sources),
        "public": make_published(
            user=owner, meeting=meeting, secretariat=secretariat, organizations=sources
        ),
        "members": make_published(
            user=owner,
            meeting=meeting,
            secretariat=secretariat,
            organizations=sources,
            visibility="members",
        ),
    }


@pytest.fixture
def draft(people, meeting, other_organization):
    sources = [*people["owner"].approved_organizations, other_organization]
    return make_draft(user=people["owner"], meeting=meeting, organizations=sources)


@pytest.fixture
def submitted(people, meeting, other_organization):
    sources = [*people["owner"].approved_organizations, other_organization]
    return make_submitted(user=people["owner"], meeting=meeting, organizations=sources)


LOGIN = "login"
# state -> the people who may see it (detail page and every file); others get 404, or the
# sign-in page for anonymous visitors of a members-only contribution.
SEES = {
    "draft": {"owner", "cosponsor"},
    "submitted": {"owner", "cosponsor", "chair", "secretariat"},
    "public": set(PEOPLE),
    "members": {"owner", "cosponsor", "another", "chair", "secretariat"},
}


def _expected_read(state, who):
    if who in SEES[state]:
        return 200
    if state == "members" and who == "anonymous":
        return LOGIN
    return 404


def _check(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("who", PEOPLE)
def test_detail_page_and_every_file(client_for, people, contributions, who):
    client = client_for(people[who])
    for state, contribution in contributions.items():
        _check_reading(client, contribution, _expected_read(state, who))


def _check_reading(client, contribution, expected):
    by_id = client.get(f"/contributions/id/{contribution.pk}/")
    if contribution.number:
        _check(client.get(contribution.get_absolute_url()), expected)
        if expected == 200:  # the id address sends on to the symbol's
            assert by_id.status_code == 302
            assert by_id["Location"] == contribution.get_absolute_url()
        else:
            _check(by_id, expected)
    else:
        _check(by_id, expected)
    revisions = Revision.objects.filter(document__contribution=contribution)
    assert revisions
    for revision in revisions:
        response = client.get(f"/contributions/files/{revision.pk}/")
        _check(response, expected)
        if expected == 200:
            assert response["Content-Disposition"].startswith("attachment; filename=")
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_download_name_is_rfc6266_encoded(client_for, people, meeting):
    owner = people["owner"]
    contribution = make_draft(user=owner, meeting=meeting, file=False)
    from contributions import services

    upload = pdf_upload(name="Résolution «COP».pdf")
    revision = services.revision_add(
        contribution_id=contribution.pk, by=owner, language="fr", upload=upload
    )
    response = client_for(owner).get(f"/contributions/files/{revision.pk}/")
    assert "filename*=utf-8''R%C3%A9solution%20COP.pdf" in response["Content-Disposition"]


# Changing: state -> action -> the people allowed (status on success), others' status.
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", 200),
        ("cosponsor", 200),
        ("another", 404),
        ("outsider", 404),
        ("anonymous", LOGIN),
        ("chair", 404),
        ("secretariat", 404),
    ],
)
def test_edit_a_draft(client_for, people, draft, who, expected):
    response = client_for(people[who]).get(f"/contributions/id/{draft.pk}/edit/")
    _check(response, expected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", 302),
        ("cosponsor", 302),
        ("another", 404),
        ("outsider", 404),
        ("anonymous", LOGIN),
        ("chair", 404),
        ("secretariat", 404),
    ],
)
def test_submit_a_draft(client_for, people, draft, who, expected):
    response = client_for(people[who]).post(
        f"/contributions/id/{draft.pk}/submit/", {"version": draft.version}
    )
    _check(response, expected)
    draft.refresh_from_db()
    assert (draft.status == "draft") == (expected != 302)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", 302),
        ("cosponsor", 302),
        ("another", 404),
        ("outsider", 404),
        ("anonymous", LOGIN),
        ("chair", 403),
        ("secretariat", 302),
    ],
)
def test_upload_a_revision(client_for, people, submitted, who, expected):
    response = client_for(people[who]).post(
        f"/contributions/id/{submitted.pk}/revise/", {"language": "en", "file": pdf_upload()}
    )
    _check(response, expected)
    count = Revision.objects.filter(document__contribution=submitted).count()
    assert count == (2 if expected == 302 else 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", 302),
        ("cosponsor", 302),
        ("another", 404),
        ("outsider", 404),
        ("anonymous", LOGIN),
        ("chair", 403),
        ("secretariat", 302),
    ],
)
def test_withdraw(client_for, people, submitted, who, expected):
    response = client_for(people[who]).post(f"/contributions/id/{submitted.pk}/withdraw/")
    _check(response, expected)
    submitted.refresh_from_db()
    assert (submitted.status == "withdrawn") == (expected == 302)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", 403),
        ("cosponsor", 403),
        ("another", 403),
        ("outsider", 403),
        ("anonymous", LOGIN),
        ("chair", 403),
        ("secretariat", 302),
    ],
)
@pytest.mark.parametrize("action", ["accept", "reject", "carry-over", "publish", "visibility"])
def test_desk_actions_are_the_secretariats(client_for, people, submitted, who, expected, action):
    response = client_for(people[who]).post(
        f"/contributions/id/{submitted.pk}/desk/{action}/", {"reason": "x", "visibility": "members"}
    )
    _check(response, expected)
    if expected != 302:
        assert Contribution.objects.get(pk=submitted.pk).status == "submitted"
        assert Contribution.objects.get(pk=submitted.pk).visibility == "public"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", 403),
        ("another", 403),
        ("outsider", 403),
        ("anonymous", LOGIN),
        ("chair", 403),
        ("secretariat", 200),
    ],
)
def test_the_desk_page(client_for, people, who, expected):
    _check(client_for(people[who]).get("/contributions/desk/"), expected)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("owner", {"draft", "submitted", "public", "members"}),
        ("cosponsor", {"draft", "submitted", "public", "members"}),
        ("another", set()),
        ("outsider", set()),
    ],
)
def test_my_contributions(client_for, people, contributions, who, sees):
    response = client_for(people[who]).get("/contributions/mine/")
    listed = {c.pk for c in [*response.context["drafts"], *response.context["submitted"]]}
    assert listed == {contributions[state].pk for state in sees}


def test_anonymous_my_contributions_asks_to_sign_in(client_for, db):
    _check(client_for(None).get("/contributions/mine/"), LOGIN)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "sees_members_only"),
    [
        ("owner", True),
        ("another", True),
        ("chair", True),
        ("secretariat", True),
        ("outsider", False),
        ("anonymous", False),
    ],
)
def test_public_list_shows_members_only_contributions_to_members(
    client_for, people, contributions, who, sees_members_only
):
    response = client_for(people[who]).get("/contributions/")
    listed = {c.pk for c in response.context["page"]}
    expected = {contributions["public"].pk}
    if sees_members_only:
        expected.add(contributions["members"].pk)
    assert listed == expected


@pytest.mark.django_db
def test_nothing_under_the_upload_folder_is_served_by_url(client, people, submitted, settings):
    name = Revision.objects.first().file.name
    urls = [f"/uploads/{name}", f"/media/{name}", f"/static/../uploads/{name}", f"/{name}"]
    if settings.MEDIA_URL:
        urls.append(f"{settings.MEDIA_URL}{name}")
    for url in urls:
        assert client.get(url).status_code == 404
