"""Liaison notes: drafting with recipients and attachments, the workflow draft -> approved ->
sent through the transitions table, one sending on a double submit, who may do what."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from meetings.liaison import services
from meetings.models import LiaisonAttachment, LiaisonNote, LiaisonNoteEvent

from ..factories import MeetingFactory, make_pdf, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=20)


def form_data(meeting, **extra):
    data = {
        "meeting": meeting.pk,
        "original_language": "en",
        "subject_en": "Results of the meetings",
        "subject_fr": "Résultats des réunions",
        "body_en": "CWG-COP informs the study group.",
        "contacts": "secretariat@example.org",
        "reply_to": "",
        "recipients-TOTAL_FORMS": "2",
        "recipients-INITIAL_FORMS": "0",
        "recipients-MIN_NUM_FORMS": "0",
        "recipients-MAX_NUM_FORMS": "1000",
        "recipients-0-body": "ITU-D SG2",
        "recipients-0-detail": "Question 3/2",
        "recipients-0-purpose": "information",
        "recipients-0-deadline": "",
        "recipients-1-body": "ITU-T SG17",
        "recipients-1-detail": "",
        "recipients-1-purpose": "information",
        "recipients-1-is_cc": "on",
    }
    data.update(extra)
    return data


@pytest.fixture
def draft(meeting, secretariat):
    return services.liaison_note_save(
        by=secretariat,
        fields={"meeting": meeting, "subject": "A draft note", "body": "Text."},
        recipients=[{"body": "ITU-T SG17", "detail": "", "purpose": "information"}],
    )


@pytest.fixture
def approved(draft, chair):
    return services.liaison_note_act(note_id=draft.pk, action="approve", by=chair)


class TestDrafting:
    @pytest.mark.parametrize(
        "who,status", [(None, 302), ("delegate", 403), ("chair", 403), ("secretariat", 200)]
    )
    def test_who_may_draft(self, client_for, request, who, status):
        user = request.getfixturevalue(who) if who else None
        assert client_for(user).get("/liaison-notes/new/").status_code == status

    def test_the_secretariat_drafts_with_recipients_and_an_attachment(
        self, client_for, meeting, secretariat
    ):
        response = client_for(secretariat).post(
            "/liaison-notes/new/", form_data(meeting, attachment=pdf_upload("results.pdf"))
        )
        note = LiaisonNote.objects.get()
        assert response.status_code == 302 and response["Location"] == note.get_absolute_url()
        assert note.status == "draft"
        assert (note.subject_en, note.subject_fr) == (
            "Results of the meetings",
            "Résultats des réunions",
        )
        assert [(r.body, r.detail, r.is_cc) for r in note.recipients.order_by("is_cc")] == [
            ("ITU-D SG2", "Question 3/2", False),
            ("ITU-T SG17", "", True),
        ]
        attachment = note.attachments.get()
        assert attachment.original_name == "results.pdf" and attachment.file_type == "pdf"

    def test_action_needs_a_reply_by_date(self, client_for, meeting, secretariat):
        response = client_for(secretariat).post(
            "/liaison-notes/new/", form_data(meeting, **{"recipients-0-purpose": "action"})
        )
        assert response.status_code == 400
        assert "A reply-by date is required when action is asked." in response.content.decode()
        assert not LiaisonNote.objects.exists()

    def test_a_note_needs_a_recipient_not_in_copy(self, client_for, meeting, secretariat):
        data = form_data(
            meeting,
            **{"recipients-0-body": "", "recipients-0-detail": "", "recipients-0-purpose": ""},
        )
        response = client_for(secretariat).post("/liaison-notes/new/", data)
        assert response.status_code == 400
        assert "at least one recipient" in response.content.decode()

    def test_an_attachment_is_checked_by_its_content(self, client_for, meeting, secretariat):
        program = SimpleUploadedFile("notes.pdf", b"MZ\x90\x00" + b"\x00" * 100)
        response = client_for(secretariat).post(
            "/liaison-notes/new/", form_data(meeting, attachment=program)
        )
        assert response.status_code == 400
        assert "a Windows program" in response.content.decode()
        assert not LiaisonNote.objects.exists()

    def test_only_drafts_are_edited(self, client_for, approved, secretariat):
        assert client_for(secretariat).get(f"/liaison-notes/{approved.pk}/edit/").status_code == 403

    def test_the_secretariat_edits_a_draft(self, client_for, meeting, draft, secretariat):
        data = form_data(meeting, subject_en="A better subject")
        data["reply_to"] = ""
        client_for(secretariat).post(f"/liaison-notes/{draft.pk}/edit/", data)
        draft.refresh_from_db()
        assert draft.subject_en == "A better subject"
        assert draft.recipients.count() == 2


class TestWorkflow:
    def test_the_table_is_the_workflow(self):
        table = services.LIAISON_NOTE_TRANSITIONS
        assert table[("draft", "approve")] == ("approved", "meetings.approve_liaisonnote")
        assert table[("approved", "send")] == ("sent", "meetings.send_liaisonnote")
        assert ("draft", "send") not in table

    def test_draft_approved_sent_with_events(self, draft, chair, secretariat):
        services.liaison_note_act(note_id=draft.pk, action="approve", by=chair)
        note = services.liaison_note_act(note_id=draft.pk, action="send", by=secretariat)
        assert note.status == "sent" and note.approved_at and note.sent_at
        events = list(note.events.values_list("from_status", "to_status", "actor"))
        assert events == [("draft", "approved", chair.pk), ("approved", "sent", secretariat.pk)]

    @pytest.mark.parametrize(
        "who,action,allowed",
        [
            ("chair", "approve", True),
            ("secretariat", "approve", False),
            ("delegate", "approve", False),
        ],
    )
    def test_who_approves(self, client_for, request, draft, who, action, allowed):
        client_for(request.getfixturevalue(who)).post(f"/liaison-notes/{draft.pk}/{action}/")
        draft.refresh_from_db()
        assert (draft.status == "approved") is allowed

    @pytest.mark.parametrize(
        "who,allowed", [("chair", False), ("secretariat", True), ("delegate", False)]
    )
    def test_who_sends(self, client_for, request, approved, who, allowed):
        client_for(request.getfixturevalue(who)).post(f"/liaison-notes/{approved.pk}/send/")
        approved.refresh_from_db()
        assert (approved.status == "sent") is allowed

    def test_anonymous_is_sent_to_sign_in(self, client, approved):
        response = client.post(f"/liaison-notes/{approved.pk}/send/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_a_draft_cannot_be_sent(self, client_for, draft, secretariat):
        response = client_for(secretariat).post(f"/liaison-notes/{draft.pk}/send/", follow=True)
        draft.refresh_from_db()
        assert draft.status == "draft"
        assert "This note is draft: it cannot be “mark as sent” now." in response.content.decode()

    def test_a_double_click_sends_once(self, client_for, approved, secretariat):
        client = client_for(secretariat)
        client.post(f"/liaison-notes/{approved.pk}/send/")
        second = client.post(f"/liaison-notes/{approved.pk}/send/", follow=True)
        assert "This note is sent: it cannot be “mark as sent” now." in second.content.decode()
        assert LiaisonNoteEvent.objects.filter(liaison_note=approved, to_status="sent").count() == 1

    def test_buttons_follow_the_table(self, client_for, draft, chair, secretariat):
        assert "Approve" in client_for(chair).get(draft.get_absolute_url()).content.decode()
        page = client_for(secretariat).get(draft.get_absolute_url()).content.decode()
        assert "Approve" not in page and "Mark as sent" not in page and "Edit the draft" in page


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sends_at_once_record_one_event(meeting, chair, secretariat):
    note = services.liaison_note_save(
        by=secretariat,
        fields={"meeting": meeting, "subject": "Concurrent", "body": ""},
        recipients=[{"body": "ITU-T SG17", "detail": "", "purpose": "information"}],
    )
    services.liaison_note_act(note_id=note.pk, action="approve", by=chair)
    outcomes = []
    barrier = threading.Barrier(2)

    def send():
        barrier.wait()
        try:
            services.liaison_note_act(note_id=note.pk, action="send", by=secretariat)
            outcomes.append("sent")
        except services.ActionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "sent"]
    assert LiaisonNoteEvent.objects.filter(liaison_note=note, to_status="sent").count() == 1


class TestVisibility:
    def test_the_public_sees_sent_notes_only(self, client, draft, chair, secretariat):
        services.liaison_note_act(note_id=draft.pk, action="approve", by=chair)
        assert "A draft note" not in client.get("/liaison-notes/").content.decode()
        assert client.get(draft.get_absolute_url()).status_code == 404
        services.liaison_note_act(note_id=draft.pk, action="send", by=secretariat)
        assert "A draft note" in client.get("/liaison-notes/").content.decode()
        assert client.get(draft.get_absolute_url()).status_code == 200

    @pytest.mark.parametrize(
        "who,sees", [("delegate", False), ("chair", True), ("secretariat", True)]
    )
    def test_officers_see_drafts(self, client_for, request, draft, who, sees):
        client = client_for(request.getfixturevalue(who))
        assert (client.get(draft.get_absolute_url()).status_code == 200) is sees

    def test_seeded_notes_of_the_20th_meeting_are_sent(self, db):
        from django.core.management import call_command

        call_command("load_seeds", "--no-demo", verbosity=0)
        notes = LiaisonNote.objects.filter(meeting__number=20)
        assert notes.count() == 2
        assert {n.status for n in notes} == {"sent"}
        # The report gives no day of sending: none is made up (tests/meetings/test_seeds.py).
        assert {n.sent_at for n in notes} == {None}

    def test_attachments_are_served_to_those_who_may_see_the_note(
        self, client_for, draft, chair, secretariat
    ):
        attachment = services.liaison_attachment_add(
            note=draft, by=secretariat, upload=pdf_upload("annex.pdf")
        )
        url = attachment.get_absolute_url()
        assert client_for(None).get(url).status_code == 404
        response = client_for(chair).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == make_pdf()
        assert 'attachment; filename="annex.pdf"' in response["Content-Disposition"]
        services.liaison_note_act(note_id=draft.pk, action="approve", by=chair)
        services.liaison_note_act(note_id=draft.pk, action="send", by=secretariat)
        assert client_for(None).get(url).status_code == 200
        assert LiaisonAttachment.objects.count() == 1


@pytest.mark.parametrize(
    "status,viewers,editors",
    [
        ("draft", {"chair", "secretariat"}, {"secretariat"}),
        ("approved", {"chair", "secretariat"}, set()),
        ("sent", {None, "delegate", "chair", "secretariat"}, set()),
    ],
)
def test_note_permissions_by_state(request, meeting, status, viewers, editors):
    from django.contrib.auth.models import AnonymousUser

    note = LiaisonNote.objects.create(meeting=meeting, subject="A note", status=status)
    for who in (None, "delegate", "chair", "secretariat"):
        user = request.getfixturevalue(who) if who else AnonymousUser()
        assert user.has_perm("meetings.view_liaisonnote", note) is (who in viewers), who
        assert user.has_perm("meetings.change_liaisonnote", note) is (who in editors), who


def test_a_note_needs_its_subject_in_its_original_language(client_for, meeting, secretariat):
    data = form_data(meeting, original_language="fr", subject_fr="")
    response = client_for(secretariat).post("/liaison-notes/new/", data)
    assert response.status_code == 400
    assert "Give the subject in the original language." in response.content.decode()


def test_the_french_reader_sees_the_french_subject(client, meeting, secretariat, chair):
    note = services.liaison_note_save(
        by=secretariat,
        fields={"meeting": meeting, "subject_en": "Results", "subject_fr": "Résultats"},
        recipients=[{"body": "ITU-T SG17", "detail": "", "purpose": "information"}],
    )
    services.liaison_note_act(note_id=note.pk, action="approve", by=chair)
    services.liaison_note_act(note_id=note.pk, action="send", by=secretariat)
    assert "Résultats" in client.get(f"/fr/liaison-notes/{note.pk}/").content.decode()
