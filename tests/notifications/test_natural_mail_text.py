"""Mail text as a person writes it, in the mail's language: the account mails greet the person
as the portal's own mails do (not allauth's "Hello from <site>!", in French "Bonjour, c'est
Portail du GTC-COP !"), and a country is named as the UN names it in that language (Fidji,
not Fiji, in a French mail), whatever the language of whoever caused the mail."""

import pytest
from django.core import mail
from django.utils import translation

from contributions.models import ContributionEvent
from copportal.accounts import services as account_services
from copportal.accounts.models import Region
from copportal.notifications import services as notification_services
from copportal.notifications.models import Delivery
from copportal.notifications.services import Recipient

from ..contributions.conftest import make_submitted
from ..factories import AffiliationFactory, MeetingFactory, OrganizationFactory, UserFactory


@pytest.fixture
def fiji(db):
    return OrganizationFactory(name="Fiji", iso_code="FJI", region=Region.ASIA_PACIFIC)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "greeting", "signature"),
    [
        ("", "Dear Amina Diallo,", "CWG-COP Portal · https://portal.example.org"),
        ("/fr", "Bonjour Amina Diallo,", "Portail du GTC-COP · https://portal.example.org"),
    ],
)
def test_account_mails_greet_and_sign_as_a_person_writes(
    client, settings, prefix, greeting, signature
):
    settings.SITE_URL = "https://portal.example.org"
    UserFactory(email="amina@example.org", full_name="Amina Diallo")
    client.post(f"{prefix}/accounts/password/reset/", {"email": "amina@example.org"})
    (message,) = mail.outbox
    assert message.body.startswith(greeting)
    assert signature in message.body
    for clumsy in ("Hello from", "Thank you for using", "c'est", "Merci d'utiliser"):
        assert clumsy not in message.body


@pytest.mark.django_db
def test_an_account_mail_to_an_unknown_address_greets_without_a_name(client):
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    (message,) = mail.outbox
    assert message.body.startswith("Hello,\n")
    assert "Hello from" not in message.body


@pytest.mark.django_db(transaction=True)
def test_the_receipt_names_the_source_country_in_the_mails_language(
    fiji, audiences, django_capture_on_commit_callbacks
):
    english = AffiliationFactory(organization=fiji, user__language="en").user
    french = AffiliationFactory(organization=fiji, user__language="fr").user
    russian = AffiliationFactory(organization=fiji, user__language="ru").user
    meeting = MeetingFactory(number=30)
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        make_submitted(user=english, meeting=meeting)  # done in French: the mails still differ
    bodies = {
        user: Delivery.objects.get(kind="contribution-received", user=user).text
        for user in (english, french, russian)
    }
    assert "Source: Fiji\n" in bodies[english]
    assert "Fidji" in bodies[french] and "Fiji" not in bodies[french]
    assert "Фиджи" in bodies[russian] and "Fiji" not in bodies[russian]
    assert ContributionEvent.objects.filter(action="submitted").count() == 1


@pytest.mark.django_db
def test_the_affiliation_decision_names_the_country_in_the_persons_language(
    fiji, secretariat, django_capture_on_commit_callbacks
):
    person = UserFactory(language="fr")
    request = AffiliationFactory(user=person, organization=fiji, status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        account_services.affiliation_approve(affiliation_id=request.pk, by=secretariat)
    (message,) = mail.outbox
    assert "Fidji" in message.subject and "Fidji" in message.body
    assert "Fiji" not in message.subject + message.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "date"),
    [("en", "2 March 2026"), ("ru", "2 марта 2026"), ("zh-hans", "2026年3月2日")],
)
def test_mail_dates_are_written_as_the_language_writes_them(language, date):
    """Not a fixed "j F Y" pattern ("2 Март 2026", "2 三月 2026")."""
    context = {
        "meeting_number": 99,
        "start_date": "2026-03-02",
        "time_zone": "Europe/Zurich",
        "link": "https://meet.example.org/j/99",
        "path": "/meetings/99/",
        "registration_path": "/meetings/99/registration/",
    }
    recipient = Recipient(email="a@itu.example", language=language, name="Amina Diallo")
    rendered = notification_services._render("registration-remote-link", recipient, context)
    assert date in rendered["subject"] and date in rendered["text"]
