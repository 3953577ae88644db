"""The affiliation decision, through notify: approved or refused, once, in the person's language."""

import pytest
from django.core import mail

from copportal.accounts import services
from copportal.notifications.models import Delivery
from copportal.notifications.tasks import send_delivery

from ..factories import AffiliationFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "approved", "refused"),
    [
        ("en", "[CWG-COP] You are a delegate of Philippines", "Reason: Unknown to the mission."),
        ("fr", "[GTC-COP] Vous êtes désormais délégué (Philippines)", "Unknown to the mission."),
    ],
)
def test_the_decision_is_mailed_once_in_the_persons_language(
    language, approved, refused, secretariat, outsider, organization,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    outsider.language = language
    outsider.save()
    first = AffiliationFactory(user=outsider, organization=organization, status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        services.affiliation_approve(affiliation_id=first.pk, by=secretariat)
    (message,) = mail.outbox
    assert message.subject == approved
    assert message.to == [outsider.email]
    path = "/accounts/me/" if language == "en" else f"/{language}/accounts/me/"
    assert f"http://127.0.0.1:8000{path}\n" in message.body
    # A task delivered again sends nothing more.
    assert send_delivery(Delivery.objects.get().pk) == "skipped"
    assert len(mail.outbox) == 1

    second = AffiliationFactory(
        user=outsider, organization__name="Malawi", organization__iso_code="MWI", status="pending"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.affiliation_refuse(
            affiliation_id=second.pk, by=secretariat, reason="Unknown to the mission."
        )
    assert len(mail.outbox) == 2
    assert refused in mail.outbox[1].body
    assert "Malawi" in mail.outbox[1].subject
