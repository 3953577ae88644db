"""The delivery log and the resend button: the secretariat's, and nobody else's."""

import pytest
from django.core import mail
from django.urls import reverse

from copportal.notifications import services
from copportal.notifications.models import Delivery

LOG = reverse("notifications:log")


def failed_delivery(user):
    (delivery_id,) = services.notify(
        kind="agenda-released",
        key=f"agenda:{user.pk}",
        recipients=[services.Recipient(user=user)],
        context={"meeting_number": 20, "version": 1, "changes": [], "path": "/"},
    )
    Delivery.objects.filter(pk=delivery_id).update(
        status="failed", attempts=12, last_error="SMTPRecipientsRefused: 550 no such user"
    )
    return Delivery.objects.get(pk=delivery_id)


@pytest.mark.django_db
class TestLogAccess:
    @pytest.mark.parametrize("who", ["outsider", "delegate", "chair"])
    def test_others_are_refused(self, client_for, request, who, secretariat):
        delivery = failed_delivery(secretariat)
        client = client_for(request.getfixturevalue(who))
        assert client.get(LOG).status_code == 403
        assert client.post(reverse("notifications:resend", args=[delivery.pk])).status_code == 403
        delivery.refresh_from_db()
        assert delivery.status == Delivery.Status.FAILED

    def test_anonymous_is_sent_to_login(self, client_for, secretariat):
        delivery = failed_delivery(secretariat)
        client = client_for(None)
        assert client.get(LOG)["Location"].startswith(reverse("account_login"))
        response = client.post(reverse("notifications:resend", args=[delivery.pk]))
        assert response["Location"].startswith(reverse("account_login"))

    def test_the_secretariat_sees_what_failed_and_why(self, client_for, secretariat, delegate):
        failed_delivery(delegate)
        page = client_for(secretariat).get(LOG + "?status=failed").content.decode()
        assert delegate.email in page
        assert "550 no such user" in page
        assert "Resend" in page
        assert "Failed (1)" in page


@pytest.mark.django_db(transaction=True)
def test_a_failed_delivery_is_resent_once(client_for, secretariat, delegate):
    delivery = failed_delivery(delegate)
    mail.outbox.clear()  # autocommit: its first attempt went out before the failure was set
    client = client_for(secretariat)
    resend = reverse("notifications:resend", args=[delivery.pk])
    assert client.post(resend).status_code == 302
    assert client.post(resend).status_code == 302  # a second click
    assert len(mail.outbox) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.resent_by == secretariat


@pytest.mark.django_db
def test_a_sent_delivery_is_not_resent(client_for, secretariat, delegate):
    delivery = failed_delivery(delegate)
    Delivery.objects.filter(pk=delivery.pk).update(status="sent")
    client_for(secretariat).post(reverse("notifications:resend", args=[delivery.pk]))
    assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.SENT
