"""A sent liaison note goes, as itself, to each recipient body's contacts and cc: once per
address, in the body's language where the note is written in it, with the purpose, the
reply-by date and links to the attachments. The addresses are edited with the note."""

import datetime

import pytest
from django.conf import settings

from copportal.notifications.models import Delivery
from copportal.notifications.services import preference_set
from meetings.liaison import mail, services
from meetings.models import LiaisonNote, LiaisonRecipient

from ..factories import MeetingFactory, pdf_upload
from .test_liaison_notes import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=20)


def _send(note, chair, secretariat):
    services.liaison_note_act(note_id=note.pk, action="approve", by=chair)
    return services.liaison_note_act(note_id=note.pk, action="send", by=secretariat)


@pytest.fixture
def note(meeting, secretariat):
    return services.liaison_note_save(
        by=secretariat,
        fields={
            "meeting": meeting,
            "original_language": "en",
            "subject_en": "Results of the meetings",
            "subject_fr": "Résultats des réunions",
            "body_en": "CWG-COP informs the study group.",
            "body_fr": "Le GTC-COP informe la commission d'études.",
        },
        recipients=[
            {
                "body": "ITU-D SG2",
                "detail": "Question 3/2",
                "purpose": "action",
                "deadline": datetime.date(2026, 3, 31),
                "language": "fr",
                "contacts": ["rapporteur@itu.example", "shared@itu.example"],
                "cc": ["tsb@itu.example"],
            },
            {
                "body": "ITU-T SG17",
                "purpose": "information",
                "is_cc": True,
                "contacts": ["sg17@itu.example", "shared@itu.example"],
            },
        ],
        upload=pdf_upload("annex.pdf"),
    )


def _mail(address):
    return Delivery.objects.get(kind="liaison-note-sent", address=address)


def test_sending_mails_the_note_to_every_contact_and_cc_once(note, chair, secretariat):
    assert not Delivery.objects.filter(kind="liaison-note-sent").exists()  # drafts send nothing
    _send(note, chair, secretariat)
    deliveries = Delivery.objects.filter(kind="liaison-note-sent")
    assert sorted(deliveries.values_list("address", flat=True)) == [
        "rapporteur@itu.example",
        "sg17@itu.example",
        "shared@itu.example",  # a contact of both bodies: one mail, as SG2's contact
        "tsb@itu.example",
    ]
    assert deliveries.filter(user__isnull=True).count() == 4
    assert "la note de liaison suivante" in _mail("shared@itu.example").text  # SG2's French


def test_the_mail_is_the_note_in_the_bodys_language(note, chair, secretariat):
    _send(note, chair, secretariat)
    french = _mail("rapporteur@itu.example")
    assert french.language == "fr"
    assert "Résultats des réunions" in french.subject
    assert "Le GTC-COP informe la commission d'études." in french.text
    assert "Pour suite à donner" in french.text
    assert "Réponse attendue le 31 mars 2026." in french.text
    attachment = note.attachments.get()
    link = settings.SITE_URL + attachment.get_absolute_url()
    assert f"annex.pdf: {link}" in french.text
    assert f'href="{link}"' in french.html
    english = _mail("sg17@itu.example")  # no language given: English
    assert english.language == "en"
    assert "Results of the meetings" in english.subject
    assert "CWG-COP informs the study group." in english.text
    assert "For information" in english.text and "Reply by" not in english.text


def test_cc_and_bodies_in_copy_are_told_they_are_in_copy(note, chair, secretariat):
    _send(note, chair, secretariat)
    assert "in copy" in _mail("sg17@itu.example").text  # a body in copy
    assert "en copie" in _mail("tsb@itu.example").text  # SG2's cc, in SG2's language
    assert "in copy" not in _mail("rapporteur@itu.example").text.split("--")[0]
    assert "en copie" not in _mail("rapporteur@itu.example").text.split("--")[0]


def test_an_external_contact_is_told_why_and_can_unsubscribe_without_an_account(
    client, note, chair, secretariat
):
    _send(note, chair, secretariat)
    mail = _mail("sg17@itu.example")
    assert "notification choices" not in mail.text
    assert "names this address as a contact of ITU-T SG17" in mail.text
    assert "/notifications/\n" not in mail.text  # no preferences page for them
    path = mail.unsubscribe_url.removeprefix(settings.SITE_URL)
    assert client.post(path).status_code == 200
    later = services.liaison_note_save(
        by=secretariat,
        fields={"meeting": note.meeting, "subject": "Another note", "body": "Text."},
        recipients=[
            {"body": "ITU-T SG17", "purpose": "information", "contacts": ["sg17@itu.example"]}
        ],
    )
    _send(later, chair, secretariat)
    assert not Delivery.objects.filter(key=f"liaison-note-to:{later.pk}").exists()


def test_an_address_that_turned_liaison_notes_off_is_skipped(note, chair, secretariat):
    preference_set(kind="liaison-note-sent", enabled=False, email="TSB@itu.example")
    _send(note, chair, secretariat)
    addresses = set(
        Delivery.objects.filter(kind="liaison-note-sent").values_list("address", flat=True)
    )
    assert "tsb@itu.example" not in addresses and "rapporteur@itu.example" in addresses


def test_sending_again_mails_nobody_twice(note, chair, secretariat):
    _send(note, chair, secretariat)
    before = Delivery.objects.filter(kind="liaison-note-sent").count()
    mail.notify_recipients(LiaisonNote.objects.get(pk=note.pk))  # a replayed event
    assert Delivery.objects.filter(kind="liaison-note-sent").count() == before


class TestEditingAddresses:
    def test_the_secretariat_gives_contacts_and_cc(self, client_for, meeting, secretariat):
        data = form_data(
            meeting,
            **{
                "recipients-0-contacts": "Rapporteur@ITU.example\nsecond@itu.example, "
                "rapporteur@itu.example",
                "recipients-0-cc": "tsb@itu.example",
                "recipients-0-language": "fr",
            },
        )
        response = client_for(secretariat).post("/liaison-notes/new/", data)
        assert response.status_code == 302
        recipient = LiaisonRecipient.objects.get(body="ITU-D SG2")
        assert recipient.contacts == ["rapporteur@itu.example", "second@itu.example"]
        assert recipient.cc == ["tsb@itu.example"]
        assert recipient.language == "fr"
        page = client_for(secretariat).get(f"/liaison-notes/{recipient.note_id}/edit/")
        assert "rapporteur@itu.example\nsecond@itu.example</textarea>" in page.content.decode()

    @pytest.mark.parametrize("field", ["contacts", "cc"])
    def test_a_bad_address_is_named_in_the_error(self, client_for, meeting, secretariat, field):
        data = form_data(meeting, **{f"recipients-0-{field}": "good@itu.example\nnot-an-address"})
        response = client_for(secretariat).post("/liaison-notes/new/", data)
        assert response.status_code == 400
        assert "“not-an-address” is not a valid e-mail address." in response.content.decode()
        assert not LiaisonNote.objects.exists()

    def test_the_model_refuses_a_bad_address_too(self, meeting, secretariat):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            services.liaison_note_save(
                by=secretariat,
                fields={"meeting": meeting, "subject": "S", "body": "T"},
                recipients=[{"body": "B", "purpose": "information", "cc": ["x@"]}],
            )
