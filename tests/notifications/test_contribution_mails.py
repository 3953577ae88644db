"""Each state change of a contribution tells its authors once: the submitter and the
delegates of its sources (co-sponsors), each in their language."""

import datetime

import pytest
import time_machine
from django.core import mail

from contributions import services
from contributions.models import ContributionEvent
from contributions.notifications import KIND_OF_ACTION, notify_event
from copportal.notifications.models import Delivery

from ..contributions.conftest import make_accepted, make_draft, make_submitted
from ..factories import AffiliationFactory, MeetingFactory

Action = ContributionEvent.Action


@pytest.fixture
def meeting(audiences):
    return MeetingFactory(number=30)


@pytest.fixture
def cosponsor(other_organization):
    return AffiliationFactory(organization=other_organization, user__language="fr").user


def tell(contribution, action, capture):
    """The transition told the authors already (contribution_act calls notify_event): the
    same event told again sends nothing more. Returns the mails of this action's kind."""
    kind = KIND_OF_ACTION[action]
    event = contribution.events.filter(action=action).latest("pk")
    sent = Delivery.objects.filter(key=f"contribution-event:{event.pk}").count()
    before = len(mail.outbox)
    with capture(execute=True):
        notify_event(event)
    assert len(mail.outbox) == before
    assert Delivery.objects.filter(key=f"contribution-event:{event.pk}").count() == sent
    subjects = set(Delivery.objects.filter(kind=kind).values_list("subject", flat=True))
    return [message for message in mail.outbox if message.subject in subjects]


def to(address):
    return [message for message in mail.outbox if message.to == [address]]


# Real commits: the transition's mail goes out after its commit, as in production.
@pytest.mark.django_db(transaction=True)
class TestStateMails:
    def test_received_says_what_was_received(
        self,
        delegate,
        organization,
        other_organization,
        cosponsor,
        outsider,
        meeting,
        django_capture_on_commit_callbacks,
    ):
        contribution = make_submitted(
            user=delegate, meeting=meeting, organizations=[organization, other_organization]
        )
        mails = tell(contribution, Action.SUBMITTED, django_capture_on_commit_callbacks)
        assert len(mails) == len(mail.outbox) == 2
        (english,) = to(delegate.email)
        assert english.subject == "[CWG-COP] Received: Girls in ICT Day"
        assert "English, original: contribution.pdf" in english.body
        assert "Philippines, Malawi" in english.body
        (french,) = to(cosponsor.email)
        assert "Reçue" in french.subject
        assert "anglais, original : contribution.pdf" in french.body
        assert to(outsider.email) == []

    def test_late(self, delegate, meeting, django_capture_on_commit_callbacks):
        draft = make_draft(user=delegate, meeting=meeting)
        with time_machine.travel(meeting.deadline + datetime.timedelta(hours=1)):
            services.contribution_submit(contribution_id=draft.pk, by=delegate)
        (message,) = tell(draft, Action.SUBMITTED_LATE, django_capture_on_commit_callbacks)
        assert "after the deadline" in message.subject
        assert "marked late" in message.body

    def test_accepted_with_its_symbol(
        self, delegate, secretariat, meeting, django_capture_on_commit_callbacks
    ):
        contribution = make_accepted(user=delegate, meeting=meeting, secretariat=secretariat)
        (message,) = tell(contribution, Action.ACCEPTED, django_capture_on_commit_callbacks)
        assert message.subject == "[CWG-COP] Accepted as CWG-COP-30/1: Girls in ICT Day"
        assert "/contributions/30-1/" in message.body

    def test_accepted_although_late_with_the_reason(
        self, delegate, secretariat, meeting, django_capture_on_commit_callbacks
    ):
        draft = make_draft(user=delegate, meeting=meeting)
        with time_machine.travel(meeting.deadline + datetime.timedelta(hours=1)):
            services.contribution_submit(contribution_id=draft.pk, by=delegate)
        services.contribution_accept(
            contribution_id=draft.pk, by=secretariat, reason="The chair's item 4 needs it."
        )
        (message,) = tell(draft, Action.ACCEPTED, django_capture_on_commit_callbacks)
        assert message.subject == "[CWG-COP] Accepted as CWG-COP-30/1: Girls in ICT Day"
        assert "It arrived after the deadline" in message.body
        assert "Reason: The chair&#x27;s item 4 needs it." not in message.body
        assert "Reason: The chair's item 4 needs it." in message.body
        assert "The chair&#x27;s item 4 needs it." in message.alternatives[0].content

    def test_accepted_on_time_gives_no_reason(
        self, delegate, secretariat, meeting, django_capture_on_commit_callbacks
    ):
        contribution = make_accepted(user=delegate, meeting=meeting, secretariat=secretariat)
        (message,) = tell(contribution, Action.ACCEPTED, django_capture_on_commit_callbacks)
        assert "Reason:" not in message.body and "after the deadline" not in message.body

    def test_published(self, delegate, secretariat, meeting, django_capture_on_commit_callbacks):
        accepted = make_accepted(user=delegate, meeting=meeting, secretariat=secretariat)
        services.contribution_publish(contribution_id=accepted.pk, by=secretariat)
        (message,) = tell(accepted, Action.PUBLISHED, django_capture_on_commit_callbacks)
        assert message.subject == "[CWG-COP] Published: CWG-COP-30/1"

    def test_rejected_with_the_reason(
        self, delegate, secretariat, meeting, django_capture_on_commit_callbacks
    ):
        submitted = make_submitted(user=delegate, meeting=meeting)
        services.contribution_reject(
            contribution_id=submitted.pk, by=secretariat, reason="Out of the group's mandate."
        )
        (message,) = tell(submitted, Action.REJECTED, django_capture_on_commit_callbacks)
        assert "Not accepted" in message.subject
        assert "Reason: Out of the group's mandate." in message.body
        assert "Out of the group&#x27;s mandate." in message.alternatives[0].content

    def test_carried_over_to_which_meeting(
        self, delegate, secretariat, meeting, django_capture_on_commit_callbacks
    ):
        MeetingFactory(
            number=31,
            start_date=meeting.start_date + datetime.timedelta(days=120),
            end_date=meeting.start_date + datetime.timedelta(days=121),
        )
        submitted = make_submitted(user=delegate, meeting=meeting)
        services.contribution_carry_over(
            contribution_id=submitted.pk, by=secretariat, reason="The agenda is full."
        )
        (message,) = tell(submitted, Action.CARRIED_OVER, django_capture_on_commit_callbacks)
        assert message.subject == "[CWG-COP] Carried over to meeting 31: Girls in ICT Day"
        assert "from CWG-COP meeting 30 to meeting 31" in message.body
        assert "Reason: The agenda is full." in message.body

    def test_edits_and_files_send_nothing(
        self, delegate, meeting, django_capture_on_commit_callbacks
    ):
        draft = make_draft(user=delegate, meeting=meeting)
        with django_capture_on_commit_callbacks(execute=True):
            for event in draft.events.all():
                notify_event(event)
        assert mail.outbox == []

    def test_opted_out_authors_are_not_told(
        self, delegate, meeting, django_capture_on_commit_callbacks
    ):
        from copportal.notifications.services import preference_set

        preference_set(kind="contribution-received", enabled=False, user=delegate)
        contribution = make_submitted(user=delegate, meeting=meeting)
        assert tell(contribution, Action.SUBMITTED, django_capture_on_commit_callbacks) == []
        assert mail.outbox == []
