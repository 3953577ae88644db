"""The guided form: drafts saved and finished later, missing fields, double clicks, two tabs."""

import pytest

from contributions import services
from contributions.models import Contribution, ContributionEvent
from meetings.models import Audience

from ..factories import OrganizationFactory, pdf_upload
from .conftest import make_draft


def form_data(meeting, delegate, **extra):
    data = {
        "meeting": meeting.pk,
        "title": "Review of Council Resolution 1306",
        "sources": [delegate.approved_organizations[0].pk],
        "kind": "contribution",
        "purpose": "action",
        "action_requested": "Agree to review the resolution.",
        "abstract": "Proposes to review Resolution 1306.",
        "original_language": "en",
        "audiences": [Audience.objects.get(slug="policy-makers").pk],
        "action": "submit",
    }
    data.update(extra)
    return data


@pytest.mark.django_db
def test_form_states_the_limits_and_deadline_before_upload(client_for, delegate, meeting):
    response = client_for(delegate).get(f"/contributions/submit/?meeting={meeting.number}")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Accepted: PDF, Word (DOCX), PowerPoint (PPTX), Excel (XLSX), OpenDocument (ODT)" in text
    assert "up to 20.0\xa0MB" in text
    assert "Contribution deadline" in text and '+00:00">' in text
    assert text.index("Accepted: PDF") < text.index('type="file"')
    form = response.context["form"]
    assert form.initial["meeting"] == meeting
    assert form.initial["sources"] == [delegate.approved_organizations[0].pk]
    # Help text is tied to its field.
    assert 'aria-describedby="id_abstract_helptext"' in text


@pytest.mark.django_db
def test_submit_on_time_in_one_go(client_for, delegate, meeting):
    data = form_data(meeting, delegate, file=pdf_upload())
    response = client_for(delegate).post("/contributions/submit/", data, follow=True)
    contribution = Contribution.objects.get()
    assert contribution.status == Contribution.Status.SUBMITTED and not contribution.is_late
    assert contribution.submitter == delegate
    assert [a.slug for a in contribution.audiences.all()] == ["policy-makers"]
    text = response.content.decode()
    assert "submitted on time" in text
    assert "The secretariat will check it" in text  # what happens next


@pytest.mark.django_db
def test_a_draft_is_saved_and_finished_later(client_for, delegate, meeting):
    client = client_for(delegate)
    client.post(
        "/contributions/submit/",
        {
            "meeting": meeting.pk,
            "title": "Half done",
            "kind": "contribution",
            "original_language": "en",
            "action": "draft",
        },
    )
    draft = Contribution.objects.get()
    assert draft.status == Contribution.Status.DRAFT
    page = client.get(f"/contributions/id/{draft.pk}/")
    assert "Only you and your co-sponsors see this draft" in page.content.decode()
    data = form_data(meeting, delegate, title="Done", file=pdf_upload(), version=draft.version)
    response = client.post(f"/contributions/id/{draft.pk}/edit/", data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Done", Contribution.Status.SUBMITTED)
    assert Contribution.objects.count() == 1


@pytest.mark.django_db
def test_submitting_with_missing_fields_says_which(client_for, delegate, meeting):
    data = {
        "meeting": meeting.pk,
        "title": "Thin",
        "kind": "contribution",
        "original_language": "en",
        "action": "submit",
    }
    response = client_for(delegate).post("/contributions/submit/", data)
    assert response.status_code == 400
    text = response.content.decode()
    assert text.count("Required to submit. You can save a draft without it.") >= 4
    assert 'aria-invalid="true"' in text
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_a_missing_title_is_refused_even_for_a_draft(client_for, delegate, meeting):
    data = {
        "meeting": meeting.pk,
        "title": "",
        "kind": "contribution",
        "original_language": "en",
        "action": "draft",
    }
    response = client_for(delegate).post("/contributions/submit/", data)
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


@pytest.mark.django_db
def test_a_double_click_on_submit_saves_one_contribution(client_for, delegate, meeting):
    client = client_for(delegate)
    token = client.get("/contributions/submit/").context["form"].initial["creation_token"]
    first = client.post(
        "/contributions/submit/",
        form_data(meeting, delegate, file=pdf_upload(), creation_token=token),
    )
    second = client.post(
        "/contributions/submit/",
        form_data(meeting, delegate, file=pdf_upload(), creation_token=token),
        follow=True,
    )
    assert first.status_code == 302
    assert Contribution.objects.count() == 1
    contribution = Contribution.objects.get()
    assert contribution.documents.get().revisions.count() == 1
    assert "Nothing was saved twice" in second.content.decode()
    assert contribution.events.filter(action="submitted").count() == 1


@pytest.mark.django_db
def test_submitting_a_draft_twice_is_harmless(client_for, delegate, meeting):
    draft = make_draft(user=delegate, meeting=meeting)
    client = client_for(delegate)
    url = f"/contributions/id/{draft.pk}/submit/"
    client.post(url, {"version": draft.version})
    response = client.post(url, {"version": draft.version}, follow=True)
    assert "already submitted" in response.content.decode()
    assert draft.events.filter(action="submitted").count() == 1


@pytest.mark.django_db
def test_two_tabs_saving_the_same_draft_do_not_overwrite_each_other(client_for, delegate, meeting):
    draft = make_draft(user=delegate, meeting=meeting)
    client = client_for(delegate)
    url = f"/contributions/id/{draft.pk}/edit/"
    version = client.get(url).context["form"].initial["version"]
    first = form_data(meeting, delegate, title="From tab one", version=version, action="draft")
    second = form_data(meeting, delegate, title="From tab two", version=version, action="draft")
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 400
    text = response.content.decode()
    assert "saved elsewhere" in text and "From tab two" in text  # the user's text is kept
    draft.refresh_from_db()
    assert draft.title == "From tab one"


@pytest.mark.django_db
def test_a_delegate_must_include_their_own_organization(client_for, delegate, meeting):
    stranger = OrganizationFactory(name="Albania", iso_code="ALB")
    data = form_data(meeting, delegate, sources=[stranger.pk], file=pdf_upload())
    response = client_for(delegate).post("/contributions/submit/", data)
    assert response.status_code == 400
    assert "Include your own organization" in response.content.decode()


@pytest.mark.django_db
def test_sources_list_the_submitters_organization_first(delegate, meeting):
    co_sponsor = OrganizationFactory(name="Armenia", iso_code="ARM")
    contribution = make_draft(
        user=delegate, meeting=meeting, organizations=[co_sponsor, *delegate.approved_organizations]
    )
    names = [link.organization.name for link in contribution.ordered_sources]
    assert names == ["Philippines", "Armenia"]


@pytest.mark.django_db
def test_outsider_is_told_how_to_become_a_delegate(client_for, outsider):
    response = client_for(outsider).get("/contributions/submit/")
    assert response.status_code == 403
    assert "Ask for an affiliation" in response.content.decode()


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client_for):
    response = client_for(None).get("/contributions/submit/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_withdrawal_keeps_the_record(client_for, delegate, meeting):
    contribution = make_draft(user=delegate, meeting=meeting)
    services.contribution_submit(contribution_id=contribution.pk, by=delegate)
    response = client_for(delegate).post(
        f"/contributions/id/{contribution.pk}/withdraw/", {"reason": "Merged with another"}
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.WITHDRAWN
    assert contribution.documents.get().revisions.exists()
    event = contribution.events.last()
    assert (event.from_status, event.to_status, event.note) == (
        "submitted",
        "withdrawn",
        "Merged with another",
    )


@pytest.mark.django_db
def test_every_state_change_is_logged_with_who_when_from_and_to(delegate, secretariat, meeting):
    draft = make_draft(user=delegate, meeting=meeting)
    services.contribution_submit(contribution_id=draft.pk, by=delegate)
    services.contribution_accept(contribution_id=draft.pk, by=secretariat)
    services.contribution_publish(contribution_id=draft.pk, by=secretariat)
    log = list(
        ContributionEvent.objects.filter(contribution=draft)
        .exclude(from_status=models_f("to_status"))
        .values_list("actor__email", "from_status", "to_status")
    )
    assert log == [
        ("owner@example.org", "draft", "submitted"),
        ("secretariat@example.org", "submitted", "accepted"),
        ("secretariat@example.org", "accepted", "published"),
    ]
    assert all(event.at for event in ContributionEvent.objects.all())


def models_f(name):
    from django.db.models import F

    return F(name)
