"""One-click unsubscribe: no login, a POST does it (a GET only asks), and a forged or altered
token, or one for another person or kind, changes nothing."""

import pytest
from django.core import signing
from django.urls import reverse

from copportal.notifications import services
from copportal.notifications.models import Preference


def url(token):
    return reverse("notifications:unsubscribe", args=[token])


def off(**person):
    return Preference.objects.filter(enabled=False, **person)


@pytest.mark.django_db
class TestUnsubscribe:
    def test_a_get_asks_and_changes_nothing(self, client_for, delegate):
        token = services.unsubscribe_token(kind="deadline-reminder", user=delegate)
        response = client_for(None).get(url(token))
        assert response.status_code == 200
        page = response.content.decode()
        assert "<form" in page
        assert "Reminders before a contribution deadline" in page
        assert not off(user=delegate).exists()

    def test_a_post_unsubscribes_without_login(self, client, delegate):
        token = services.unsubscribe_token(kind="deadline-reminder", user=delegate)
        # RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, with no CSRF token.
        client.handler.enforce_csrf_checks = True
        response = client.post(url(token), {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert list(off(user=delegate).values_list("kind", flat=True)) == ["deadline-reminder"]
        # Twice is harmless.
        assert client.post(url(token)).status_code == 200
        assert off(user=delegate).count() == 1

    def test_an_address_without_account_unsubscribes(self, client):
        token = services.unsubscribe_token(kind="liaison-note-notice", email="SG2@itu.example")
        client.post(url(token))
        assert off(email="sg2@itu.example", kind="liaison-note-notice").exists()

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_a_forged_token_is_refused(self, client, delegate, method):
        forged = signing.dumps(
            {"u": delegate.pk, "k": "deadline-reminder"}, salt="another-salt", compress=True
        )
        response = getattr(client, method)(url(forged))
        assert response.status_code == 400
        assert not Preference.objects.exists()

    def test_an_altered_token_is_refused(self, client, delegate, other_delegate):
        token = services.unsubscribe_token(kind="deadline-reminder", user=delegate)
        _payload, rest = token.split(":", 1)
        other = services.unsubscribe_token(kind="agenda-released", user=other_delegate)
        for altered in [
            token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
            other.split(":", 1)[0] + ":" + rest,  # another person's and kind's payload
            "garbage",
        ]:
            assert client.post(url(altered)).status_code == 400
        assert not Preference.objects.exists()

    def test_a_token_is_bound_to_its_person_and_kind(self, client, delegate, other_delegate):
        token = services.unsubscribe_token(kind="deadline-reminder", user=delegate)
        client.post(url(token))
        assert not off(user=other_delegate).exists()
        assert not off(user=delegate, kind="agenda-released").exists()

    def test_the_mail_link_works(self, client, delegate):
        (delivery_id,) = services.notify(
            kind="agenda-released",
            key="agenda:1",
            recipients=[services.Recipient(user=delegate)],
            context={"meeting_number": 20, "version": 1, "changes": [], "path": "/"},
        )
        from copportal.notifications.models import Delivery

        link = Delivery.objects.get(pk=delivery_id).unsubscribe_url
        assert link.startswith("http://127.0.0.1:8000/notifications/unsubscribe/")
        client.post(link.removeprefix("http://127.0.0.1:8000"))
        assert off(user=delegate, kind="agenda-released").exists()
        # Unsubscribed: the next agenda sends them nothing.
        assert (
            services.notify(
                kind="agenda-released",
                key="agenda:2",
                recipients=[services.Recipient(user=delegate)],
                context={"meeting_number": 20, "version": 2, "changes": [], "path": "/"},
            )
            == []
        )
