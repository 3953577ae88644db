"""What the API shows to whom: the portal's one visibility rule (listed_for), never a draft,
members-only ones to members only; a revoked token stops at once."""

import pytest

from contributions.models import Contribution
from copportal.accounts import services as account_services
from copportal.accounts.models import ApiToken

from ..factories import ContributionFactory
from .conftest import published


@pytest.fixture
def contributions(meeting, organization, other_delegate):
    return {
        "public": published(meeting, organization, title="Open to all"),
        "members": published(meeting, organization, title="Members only", visibility="members"),
        "draft": ContributionFactory(meeting=meeting, title="A draft", submitter=other_delegate),
        "submitted": ContributionFactory(
            meeting=meeting, title="Submitted", status="submitted", submitter=other_delegate
        ),
    }


def titles(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["title"] for row in response.json()["results"]}


@pytest.mark.django_db
def test_anonymous_sees_public_published_only(api, contributions):
    assert titles(api("get", "/api/v1/contributions/")) == {"Open to all"}
    for name in ("members", "draft", "submitted"):
        response = api("get", f"/api/v1/contributions/{contributions[name].pk}/")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}
    assert api("get", f"/api/v1/contributions/{contributions['public'].pk}/").status_code == 200


@pytest.mark.django_db
def test_session_cookies_do_not_count_in_the_api(client, api, delegate, contributions):
    client.force_login(delegate)
    assert titles(api("get", "/api/v1/contributions/")) == {"Open to all"}


@pytest.mark.django_db
def test_a_member_with_a_token_sees_members_only_but_never_drafts(
    api, token_for, other_delegate, contributions
):
    # other_delegate submitted the draft and the submitted one: still not in the API.
    secret = token_for(other_delegate)
    assert titles(api("get", "/api/v1/contributions/", secret)) == {"Open to all", "Members only"}
    response = api("get", f"/api/v1/contributions/{contributions['members'].pk}/", secret)
    assert response.status_code == 200
    assert response.json()["visibility"] == "members"
    for name in ("draft", "submitted"):
        url = f"/api/v1/contributions/{contributions[name].pk}/"
        assert api("get", url, secret).status_code == 404


@pytest.mark.django_db
def test_a_user_without_affiliation_does_not_see_members_only(
    api, token_for, outsider, contributions
):
    secret = token_for(outsider)
    assert titles(api("get", "/api/v1/contributions/", secret)) == {"Open to all"}
    url = f"/api/v1/contributions/{contributions['members'].pk}/"
    assert api("get", url, secret).status_code == 404


@pytest.mark.django_db
def test_the_search_does_not_leak_members_only_titles(api, contributions):
    response = api("get", "/api/v1/contributions/?q=members")
    assert titles(response) == set()
    assert b"Members only" not in response.content


@pytest.mark.django_db
def test_files_per_language_with_revisions(api, contributions):
    response = api("get", f"/api/v1/contributions/{contributions['public'].pk}/")
    body = response.json()
    assert body["languages"] == ["en"]
    [document] = body["documents"]
    assert document["language"] == "en"
    [revision] = document["revisions"]
    assert revision["number"] == 0
    assert revision["download_url"].endswith(f"/contributions/files/{revision['id']}/")
    path = f"/api/v1/contributions/{contributions['public'].pk}/files/{revision['id']}/"
    assert revision["file_url"] == f"http://testserver{path}"


def file_path(contribution) -> str:
    revision = contribution.documents.get().revisions.get()
    return f"/api/v1/contributions/{contribution.pk}/files/{revision.pk}/"


def downloaded(response) -> bytes:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_a_public_file_through_the_api_without_a_token(api, contributions):
    assert downloaded(api("get", file_path(contributions["public"]))) == b"%PDF-1.4 tiny"


@pytest.mark.django_db
def test_a_members_only_file_needs_a_members_token(
    api, token_for, delegate, outsider, contributions
):
    path = file_path(contributions["members"])
    assert api("get", path).status_code == 404
    assert api("get", path, token_for(outsider)).status_code == 404
    secret = token_for(delegate)
    assert downloaded(api("get", path, secret)) == b"%PDF-1.4 tiny"
    account_services.api_token_revoke(token_id=ApiToken.objects.get(user=delegate).pk, by=delegate)
    assert api("get", path, secret).status_code == 401


@pytest.mark.django_db
def test_a_drafts_file_never_through_the_api(api, token_for, other_delegate, contributions):
    from ..factories import DocumentFactory, RevisionFactory

    draft = contributions["draft"]
    RevisionFactory(document=DocumentFactory(contribution=draft, language="en"))
    response = api("get", file_path(draft), token_for(other_delegate))  # its own author
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_a_file_under_another_contributions_id_is_not_found(api, contributions):
    public, members = contributions["public"], contributions["members"]
    revision = members.documents.get().revisions.get()
    response = api("get", f"/api/v1/contributions/{public.pk}/files/{revision.pk}/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_revoked_token_is_refused_at_once(api, token_for, delegate, contributions):
    secret = token_for(delegate)
    assert api("get", "/api/v1/contributions/", secret).status_code == 200
    token = ApiToken.objects.get(user=delegate)
    assert token.last_used_at is not None
    account_services.api_token_revoke(token_id=token.pk, by=delegate)
    response = api("get", "/api/v1/contributions/", secret)
    assert response.status_code == 401
    assert response.json()["detail"] == "The token is unknown or revoked."
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
def test_unknown_token_is_refused_not_taken_as_anonymous(api, contributions):
    assert api("get", "/api/v1/contributions/", "cwgcop_nonsense").status_code == 401
    response = api("get", "/api/v1/meetings/", headers={"Authorization": "Basic eDp5"})
    assert response.status_code == 401


@pytest.mark.django_db
def test_a_deactivated_user_token_stops(api, token_for, delegate, contributions):
    secret = token_for(delegate)
    delegate.is_active = False
    delegate.save()
    assert api("get", "/api/v1/contributions/", secret).status_code == 401


@pytest.mark.django_db
def test_liaison_note_drafts_never_show(api, token_for, chair, meeting):
    from meetings.liaison.models import LiaisonNote

    sent = LiaisonNote.objects.create(meeting=meeting, subject="Sent note", status="sent")
    LiaisonNote.objects.create(meeting=meeting, subject="Draft note", status="draft")
    for secret in (None, token_for(chair)):
        response = api("get", "/api/v1/liaison-notes/", secret)
        assert [n["subject"]["en"] for n in response.json()["results"]] == ["Sent note"]
    draft = LiaisonNote.objects.get(subject="Draft note")
    assert api("get", f"/api/v1/liaison-notes/{draft.pk}/").status_code == 404
    assert api("get", f"/api/v1/liaison-notes/{sent.pk}/").status_code == 200


@pytest.mark.django_db
def test_resource_drafts_never_show(api, token_for, secretariat):
    from resources.models import Resource

    Resource.objects.create(slug="open", title="Open", type="report", status="published")
    Resource.objects.create(slug="hidden", title="Hidden", type="report", status="draft")
    for secret in (None, token_for(secretariat)):
        response = api("get", "/api/v1/resources/", secret)
        assert [r["slug"] for r in response.json()["results"]] == ["open"]
        assert api("get", "/api/v1/resources/hidden/", secret).status_code == 404
    assert api("get", "/api/v1/resources/open/").json()["title"]["en"] == "Open"


@pytest.mark.django_db
def test_members_only_agenda_contribution_shows_by_symbol_only(api, meeting, organization):
    from meetings.agenda.models import AgendaRelease

    hidden = published(meeting, organization, title="Secret plan", visibility="members")
    AgendaRelease.objects.create(
        meeting=meeting,
        version=1,
        released_by=hidden.submitter,
        snapshot={
            "meeting": meeting.number,
            "items": [
                {
                    "id": 1,
                    "number": "1",
                    "parent": None,
                    "title_en": "Opening",
                    "allocated": [{"symbol": hidden.symbol, "title": "Secret plan", "url": "/x/"}],
                }
            ],
        },
    )
    response = api("get", f"/api/v1/meetings/{meeting.number}/")
    assert response.status_code == 200
    [item] = response.json()["agenda"]["items"]
    assert item["title"]["en"] == "Opening"
    assert item["contributions"] == [
        {"symbol": hidden.symbol, "title": "", "members_only": True, "url": ""}
    ]
    assert b"Secret plan" not in response.content
    assert Contribution.objects.count() == 1
