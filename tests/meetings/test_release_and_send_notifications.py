"""An agenda release and a sent liaison note become mail: once, in each person's language,
to the authors concerned and the subscribers."""

import pytest

from copportal.notifications.models import Delivery
from copportal.notifications.services import preference_set
from meetings.agenda import services as agenda_services
from meetings.liaison import services as liaison_services

from ..factories import AffiliationFactory, ContributionFactory, MeetingFactory


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=66)


def _release(meeting, chair):
    return agenda_services.agenda_release(meeting=meeting, by=chair, version=None)


@pytest.mark.django_db
def test_a_release_mails_the_authors_and_subscribers_once_each_in_their_language(
    meeting, chair, delegate
):
    french = AffiliationFactory(user__email="fr@example.org", user__language="fr").user
    outsider_author = ContributionFactory(meeting=meeting).submitter  # no affiliation
    item = agenda_services.agenda_item_create(
        meeting=meeting, by=chair, title="Opening", version=None
    )
    contribution = ContributionFactory(meeting=meeting, submitter=outsider_author)
    contribution.agenda_item = item
    contribution.save()
    first = _release(meeting, chair)
    deliveries = Delivery.objects.filter(key=f"agenda-release:{first.pk}")
    addresses = set(deliveries.values_list("address", flat=True))
    assert {delegate.email, french.email, outsider_author.email, chair.email} <= addresses
    assert deliveries.count() == len(addresses)  # one each
    assert "Ordre du jour" in deliveries.get(address=french.email).subject
    assert "Agenda" in deliveries.get(address=delegate.email).subject
    agenda_services.agenda_item_create(meeting=meeting, by=chair, title="Closing", version=None)
    second = _release(meeting, chair)
    text = Delivery.objects.get(key=f"agenda-release:{second.pk}", address=delegate.email).text
    assert "Closing" in text  # the changelog


@pytest.mark.django_db
def test_a_sent_note_notifies_subscribers_once_and_respects_opt_out(
    meeting, chair, secretariat, delegate, other_delegate
):
    preference_set(kind="liaison-note-notice", enabled=False, user=other_delegate)
    note = liaison_services.liaison_note_save(
        by=secretariat,
        fields={"meeting": meeting, "subject": "Results", "body": "Text."},
        recipients=[{"body": "ITU-D SG2", "detail": "Question 3/2", "purpose": "information"}],
    )
    liaison_services.liaison_note_act(note_id=note.pk, action="approve", by=chair)
    assert not Delivery.objects.exists()  # approval is not sending
    liaison_services.liaison_note_act(note_id=note.pk, action="send", by=secretariat)
    deliveries = Delivery.objects.filter(key=f"liaison-note-sent:{note.pk}")
    addresses = set(deliveries.values_list("address", flat=True))
    assert delegate.email in addresses and other_delegate.email not in addresses
    assert "ITU-D SG2" in deliveries.get(address=delegate.email).text
    with pytest.raises(liaison_services.ActionRefused):
        liaison_services.liaison_note_act(note_id=note.pk, action="send", by=secretariat)
    assert Delivery.objects.filter(key=f"liaison-note-sent:{note.pk}").count() == len(addresses)
