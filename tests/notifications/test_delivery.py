"""notify() and the send task: one delivery per event and address, sent once, after commit,
with a stable Message-ID and the unsubscribe headers; SMTP errors delay, never lose."""

import email.policy
import smtplib

import pytest
from django.core import mail
from django.db import transaction

from copportal.notifications import sending, services
from copportal.notifications.models import Delivery, Preference
from copportal.notifications.services import Recipient, notify
from copportal.notifications.tasks import send_delivery

CONTEXT = {
    "status": "approved",
    "approved": True,
    "organization": "Philippines",
    "reason": "",
    "account_path": "/",
}


def make(recipients, key="test-event:1", kind="affiliation-decided", context=CONTEXT):
    return notify(kind=kind, key=key, recipients=recipients, context=context)


@pytest.mark.django_db
class TestNotify:
    def test_one_delivery_per_address_and_event(self, delegate, other_delegate):
        recipients = [Recipient(user=delegate), Recipient(user=other_delegate)]
        assert len(make(recipients)) == 2
        assert make(recipients) == []
        # The same address twice in one call, or by e-mail rather than account: still one.
        assert make([Recipient(email=delegate.email.upper())]) == []
        assert Delivery.objects.count() == 2

    def test_opted_out_people_are_skipped(self, delegate, other_delegate):
        services.preference_set(kind="affiliation-decided", enabled=False, user=delegate)
        services.preference_set(kind="affiliation-decided", enabled=False, email="sg2@itu.example")
        ids = make(
            [
                Recipient(user=delegate),
                Recipient(user=other_delegate),
                Recipient(email="sg2@itu.example"),
                Recipient(email="sg17@itu.example"),
            ]
        )
        assert set(Delivery.objects.filter(pk__in=ids).values_list("address", flat=True)) == {
            other_delegate.email,
            "sg17@itu.example",
        }

    def test_an_opt_out_of_another_kind_does_not_count(self, delegate):
        services.preference_set(kind="deadline-reminder", enabled=False, user=delegate)
        assert len(make([Recipient(user=delegate)])) == 1

    def test_each_recipient_gets_their_language(self, delegate):
        delegate.language = "fr"
        delegate.save()
        make(
            [
                Recipient(user=delegate),
                Recipient(email="sg2@itu.example", language="fr", name="ITU-D SG2"),
                Recipient(email="sg17@itu.example", language="ru"),
                Recipient(email="q@itu.example", language="pt"),  # not one of the six
                Recipient(email="x@itu.example"),
            ]
        )
        languages = dict(Delivery.objects.values_list("address", "language"))
        assert languages == {
            delegate.email: "fr",
            "sg2@itu.example": "fr",
            "sg17@itu.example": "ru",
            "q@itu.example": "en",
            "x@itu.example": "en",
        }
        french = Delivery.objects.get(address="sg2@itu.example")
        assert french.subject == "[GTC-COP] Vous êtes désormais délégué (Philippines)"
        assert "ITU-D SG2" in french.text
        assert 'lang="fr"' in french.html

    def test_context_must_be_plain_values(self, delegate):
        with pytest.raises(TypeError):
            make([Recipient(user=delegate)], context={"user": delegate})

    def test_an_unknown_kind_is_refused(self, delegate):
        with pytest.raises(KeyError):
            make([Recipient(user=delegate)], kind="no-such-kind")

    def test_nothing_is_queued_before_commit_nor_after_a_rollback(
        self, delegate, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            make([Recipient(user=delegate)])
            assert mail.outbox == []
        assert len(callbacks) == 1
        assert len(mail.outbox) == 1
        with (
            pytest.raises(RuntimeError),
            django_capture_on_commit_callbacks(execute=True),
            transaction.atomic(),
        ):
            make([Recipient(user=delegate)], key="test-event:2")
            raise RuntimeError
        assert len(mail.outbox) == 1
        assert not Delivery.objects.filter(key="test-event:2").exists()


@pytest.mark.django_db
class TestSend:
    def test_sent_once_even_when_the_task_runs_twice(self, delegate):
        (delivery_id,) = make([Recipient(user=delegate)])
        assert send_delivery(delivery_id) == "sent"
        assert send_delivery(delivery_id) == "skipped"
        assert len(mail.outbox) == 1
        delivery = Delivery.objects.get(pk=delivery_id)
        assert delivery.status == Delivery.Status.SENT
        assert delivery.sent_at is not None
        assert delivery.attempts == 1

    @pytest.mark.postgres
    def test_the_marks_skip_the_disk_flush_and_the_connection_is_left_as_it_was(
        self, delegate, monkeypatch
    ):
        from django.db import connection

        def show():
            with connection.cursor() as cursor:
                cursor.execute("SHOW synchronous_commit")
                return cursor.fetchone()[0]

        seen = []
        marked = sending._mark_sent
        monkeypatch.setattr(sending, "_mark_sent", lambda pk: (seen.append(show()), marked(pk)))
        (delivery_id,) = make([Recipient(user=delegate)])
        assert show() == "on"  # the claim waits for the disk
        assert send_delivery(delivery_id) == "sent"
        assert seen == ["off"]
        assert show() == "on"
        assert Delivery.objects.get(pk=delivery_id).status == Delivery.Status.SENT

    def test_headers(self, delegate):
        (delivery_id,) = make([Recipient(user=delegate)])
        send_delivery(delivery_id)
        message = mail.outbox[0].message()
        delivery = Delivery.objects.get(pk=delivery_id)
        assert message["Message-ID"] == sending.message_id(delivery)
        assert message["Message-ID"].startswith(f"<delivery-{delivery_id}-")
        assert message["Message-ID"].endswith("@127.0.0.1>")
        assert message["List-Unsubscribe"] == f"<{delivery.unsubscribe_url}>"
        assert "/notifications/unsubscribe/" in delivery.unsubscribe_url
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        # On the wire (as the SMTP mailer writes it): the URL whole, on one line, not cut
        # into RFC 2047 encoded words, which mail clients do not read as a URL.
        wire = mail.outbox[0].message(policy=email.policy.SMTP).as_bytes()
        assert f"\r\nList-Unsubscribe: <{delivery.unsubscribe_url}>\r\n".encode() in wire
        assert len(delivery.unsubscribe_url) > 78  # long enough to have been folded
        assert mail.outbox[0].alternatives[0].mimetype == "text/html"
        assert delivery.unsubscribe_url in mail.outbox[0].body
        assert delivery.unsubscribe_url in mail.outbox[0].alternatives[0].content

    def test_an_smtp_refusal_delays_the_mail_and_a_retry_sends_it_once(
        self, delegate, monkeypatch, settings
    ):
        settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
        (delivery_id,) = make([Recipient(user=delegate)])
        real_send = sending._send

        def refuse(message):
            raise smtplib.SMTPDataError(451, b"Try again later")

        monkeypatch.setattr(sending, "_send", refuse)
        assert sending.delivery_send(delivery_id=delivery_id) == ("retry", 60)
        assert sending.delivery_send(delivery_id=delivery_id) == ("retry", 120)
        delivery = Delivery.objects.get(pk=delivery_id)
        assert delivery.status == Delivery.Status.QUEUED
        assert "451" in delivery.last_error
        monkeypatch.setattr(sending, "_send", real_send)
        assert sending.delivery_send(delivery_id=delivery_id) == ("sent", 0)
        assert sending.delivery_send(delivery_id=delivery_id) == ("skipped", 0)
        assert len(mail.outbox) == 1

    def test_back_off_grows_to_its_ceiling(self, settings):
        settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 60
        settings.NOTIFICATIONS_RETRY_MAX_SECONDS = 1800
        assert [sending.backoff_seconds(n) for n in range(1, 8)] == [
            60,
            120,
            240,
            480,
            960,
            1800,
            1800,
        ]

    def test_a_server_down_for_good_fails_the_delivery_with_its_reason(
        self, delegate, monkeypatch, settings
    ):
        settings.NOTIFICATIONS_MAX_ATTEMPTS = 2
        (delivery_id,) = make([Recipient(user=delegate)])

        def down(message):
            raise ConnectionRefusedError(111, "Connection refused")

        monkeypatch.setattr(sending, "_send", down)
        assert sending.delivery_send(delivery_id=delivery_id)[0] == "retry"
        assert sending.delivery_send(delivery_id=delivery_id)[0] == "failed"
        delivery = Delivery.objects.get(pk=delivery_id)
        assert delivery.status == Delivery.Status.FAILED
        assert "Connection refused" in delivery.last_error

    def test_a_stalled_claim_is_queued_again_by_the_sweep(self, delegate, settings):
        import datetime

        import time_machine

        (delivery_id,) = make([Recipient(user=delegate)])
        # A worker claimed it and died before sending.
        Delivery.objects.filter(pk=delivery_id).update(status="sending")
        with time_machine.travel(datetime.timedelta(minutes=5)):
            Delivery.objects.filter(pk=delivery_id).update(claimed_at=services.timezone.now())
        assert services.deliveries_requeue_stalled() == 0  # claimed just now: still sending
        with time_machine.travel(datetime.timedelta(minutes=30)):
            assert services.deliveries_requeue_stalled() == 1
            assert services.deliveries_requeue_stalled() == 0
        assert len(mail.outbox) == 1  # eager: the sweep's task ran
        assert Delivery.objects.get(pk=delivery_id).status == Delivery.Status.SENT

    def test_retention(self, delegate, settings):
        import datetime

        import time_machine

        settings.NOTIFICATIONS_RETENTION_DAYS = 30
        old, waiting = make([Recipient(user=delegate), Recipient(email="a@example.org")])
        send_delivery(old)
        Delivery.objects.filter(pk=waiting).update(status="queued")
        with time_machine.travel(datetime.timedelta(days=31)):
            assert services.deliveries_delete_expired() == 1
        assert list(Delivery.objects.values_list("pk", flat=True)) == [waiting]


@pytest.mark.django_db
def test_preferences_default_to_on(client_for, delegate):
    from django.urls import reverse

    client = client_for(delegate)
    page = client.get(reverse("notifications:preferences")).content.decode()
    from copportal.notifications.kinds import KINDS

    assert page.count(" checked") == len(KINDS) == 14
    assert "Your contributions" in page
    client.post(reverse("notifications:preferences"), {"kinds": ["deadline-reminder"]})
    assert set(
        Preference.objects.filter(user=delegate, enabled=True).values_list("kind", flat=True)
    ) == {"deadline-reminder"}
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert page.count(" checked") == 1


def test_preferences_need_login(client_for, db):
    from django.urls import reverse

    response = client_for(None).get(reverse("notifications:preferences"))
    assert response.status_code == 302
