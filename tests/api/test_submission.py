"""Submitting through the API: the form's rules (ContributionForm and the services), the
deadline included; delegates only, with a token."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from contributions.models import Contribution
from meetings.models import Audience

from ..factories import MeetingFactory, pdf_upload


def data(meeting, delegate, **extra):
    values = {
        "meeting": meeting.number,
        "title": "Review of Council Resolution 1306",
        "sources": [delegate.approved_organizations[0].pk],
        "purpose": "action",
        "action_requested": "Agree to review the resolution.",
        "abstract": "Proposes to review Resolution 1306.",
        "audiences": [Audience.objects.get(slug="policy-makers").pk],
        "file": pdf_upload(),
    }
    values.update(extra)
    return values


@pytest.mark.django_db
def test_a_delegate_submits_on_time(api, token_for, delegate, meeting):
    response = api(
        "post", "/api/v1/contributions/", token_for(delegate), data=data(meeting, delegate)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["is_late"], body["meeting"]) == ("submitted", False, 30)
    assert body["documents"][0]["language"] == "en"
    contribution = Contribution.objects.get()
    assert contribution.submitter == delegate
    assert contribution.audiences.get().slug == "policy-makers"


@pytest.mark.django_db
def test_after_the_deadline_it_is_late_as_in_the_form(api, token_for, delegate, meeting):
    secret = token_for(delegate)
    with time_machine.travel(meeting.deadline + datetime.timedelta(seconds=1), tick=False):
        response = api("post", "/api/v1/contributions/", secret, data=data(meeting, delegate))
    assert response.status_code == 201, response.content
    assert (response.json()["status"], response.json()["is_late"]) == ("late", True)


@pytest.mark.django_db
def test_at_the_deadline_second_it_is_on_time(api, token_for, delegate, meeting):
    secret = token_for(delegate)
    with time_machine.travel(meeting.deadline, tick=False):
        response = api("post", "/api/v1/contributions/", secret, data=data(meeting, delegate))
    assert response.json()["status"] == "submitted"


@pytest.mark.django_db
def test_a_meeting_that_is_over_is_refused(api, token_for, delegate, audiences):
    today = timezone.localdate()
    past = MeetingFactory(
        number=12,
        start_date=today - datetime.timedelta(days=9),
        end_date=today - datetime.timedelta(days=8),
    )
    response = api("post", "/api/v1/contributions/", token_for(delegate), data=data(past, delegate))
    assert response.status_code == 400
    assert "meeting" in response.json()["errors"]
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_a_user_without_delegate_affiliation_cannot_submit(
    api, token_for, outsider, delegate, meeting
):
    response = api(
        "post", "/api/v1/contributions/", token_for(outsider), data=data(meeting, delegate)
    )
    assert response.status_code == 403
    assert "delegates" in response.json()["detail"]
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_anonymous_cannot_submit(api, delegate, meeting):
    response = api("post", "/api/v1/contributions/", data=data(meeting, delegate))
    assert response.status_code == 401
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_the_form_validation_applies(api, token_for, delegate, meeting):
    response = api(
        "post",
        "/api/v1/contributions/",
        token_for(delegate),
        data=data(meeting, delegate, abstract="", file=""),
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["abstract"] == ["Required to submit. You can save a draft without it."]
    assert "file" in errors
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_sources_must_include_ones_own_organization(
    api, token_for, delegate, other_organization, meeting
):
    payload = data(meeting, delegate, sources=[other_organization.pk])
    response = api("post", "/api/v1/contributions/", token_for(delegate), data=payload)
    assert response.status_code == 400
    assert "own organization" in response.json()["errors"]["sources"][0]
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_a_draft_is_saved_and_never_listed(api, token_for, delegate, meeting):
    secret = token_for(delegate)
    payload = data(meeting, delegate, action="draft", abstract="", file="")
    response = api("post", "/api/v1/contributions/", secret, data=payload)
    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    assert api("get", "/api/v1/contributions/", secret).json()["count"] == 0


@pytest.mark.django_db
def test_the_same_creation_token_returns_the_first(api, token_for, delegate, meeting):
    secret = token_for(delegate)
    key = "7a1f6a52-6f7e-4a3c-9b7e-0e5f4f3d2c1b"
    first = api(
        "post", "/api/v1/contributions/", secret, data=data(meeting, delegate, creation_token=key)
    )
    again = api(
        "post", "/api/v1/contributions/", secret, data=data(meeting, delegate, creation_token=key)
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Contribution.objects.count() == 1


@pytest.mark.django_db
def test_a_wrong_file_type_is_refused(api, token_for, delegate, meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.pdf", b"not a pdf at all", content_type="application/pdf")
    response = api(
        "post",
        "/api/v1/contributions/",
        token_for(delegate),
        data=data(meeting, delegate, file=fake),
    )
    assert response.status_code == 400
    assert "file" in response.json()["errors"]


@pytest.mark.django_db
def test_a_submission_refused_after_its_file_was_stored_leaves_no_file(
    api, token_for, delegate, meeting, settings, monkeypatch
):
    """The draft and its revision are rolled back when the submission is refused (here the
    workflow refuses it, as when the meeting closed between the form's check and the
    submission): the file stored for that revision goes too."""
    from contributions import services

    def refused(**kwargs):
        raise services.ValidationError("This meeting no longer takes contributions.")

    monkeypatch.setattr(services.workflow, "contribution_act", refused)
    response = api(
        "post", "/api/v1/contributions/", token_for(delegate), data=data(meeting, delegate)
    )
    assert response.status_code == 400, response.content
    assert response.json()["detail"] == "This meeting no longer takes contributions."
    assert not Contribution.objects.exists()
    uploads = settings.MEDIA_ROOT
    assert not [path for path in uploads.rglob("*") if path.is_file()]
