"""The delegate's dashboard: where signing in lands; drafts and submissions with their state
and next action, the next deadline with its countdown, the affiliation's state."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ..factories import AffiliationFactory, MeetingFactory
from .conftest import make_draft, make_submitted


@pytest.mark.django_db
def test_signing_in_lands_on_the_dashboard(client, delegate):
    delegate.set_password("a-long-password-123")
    delegate.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=delegate, email=delegate.email, defaults={"verified": True, "primary": True}
    )
    response = client.post(
        reverse("account_login"), {"login": delegate.email, "password": "a-long-password-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/contributions/mine/"


@pytest.mark.django_db
def test_the_dashboard_shows_drafts_submissions_deadline_and_affiliation(
    client_for, delegate, meeting
):
    draft = make_draft(user=delegate, meeting=meeting, title="Still a draft")
    submitted = make_submitted(user=delegate, meeting=meeting, title="Sent already")
    page = client_for(delegate).get("/contributions/mine/").content.decode()
    drafts = page.split('id="drafts-heading"')[1].split("</section>")[0]
    assert "Still a draft" in drafts and "Sent already" not in drafts
    assert f'action="/contributions/id/{draft.pk}/submit/"' in drafts
    assert f'href="/contributions/id/{draft.pk}/edit/"' in drafts
    others = page.split('id="submitted-heading"')[1].split("</section>")[0]
    assert "Sent already" in others and str(submitted.next_step()) in others
    assert "Submitted" in others
    deadline = page.split('id="deadline-heading"')[1].split("</section>")[0]
    assert meeting.title in deadline and "left" in deadline
    affiliation = page.split('id="affiliation-heading"')[1].split("</section>")[0]
    assert "Philippines" in affiliation and "Approved" in affiliation


@pytest.mark.django_db
def test_the_next_deadline_skips_meetings_whose_deadline_has_passed(client_for, delegate):
    today = timezone.localdate()
    MeetingFactory(number=40, start_date=today + datetime.timedelta(days=3))
    later = MeetingFactory(number=41, start_date=today + datetime.timedelta(days=60))
    response = client_for(delegate).get("/contributions/mine/")
    assert response.context["next_meeting"] == later


@pytest.mark.django_db
def test_a_pending_affiliation_is_shown_as_pending(client_for, outsider, organization):
    AffiliationFactory(user=outsider, organization=organization, status="pending")
    page = client_for(outsider).get("/contributions/mine/").content.decode()
    assert "Pending" in page and "the secretariat will review it" in page


@pytest.mark.django_db
def test_the_header_links_the_dashboard(client_for, delegate):
    page = client_for(delegate).get("/meetings/").content.decode()
    assert 'href="/contributions/mine/"' in page and "Dashboard" in page


@pytest.mark.django_db
def test_the_dashboard_needs_constant_queries(
    client_for, delegate, meeting, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(delegate)
    make_draft(user=delegate, meeting=meeting)
    with CaptureQueriesContext(connection) as few:
        client.get("/contributions/mine/")
    for n in range(4):
        make_draft(user=delegate, meeting=meeting, title=f"Draft {n}")
        make_submitted(user=delegate, meeting=meeting, title=f"Sent {n}")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/contributions/mine/")
