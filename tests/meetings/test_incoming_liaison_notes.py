"""Liaison notes received from other bodies (issue 21): the secretariat records them with their
source, the date received, the meeting they are for, their text in six languages and their
attachments, as drafts the public does not see until published; they mail no one; the list
shows both directions, labelled and filterable; a note and its reply link both ways."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from copportal.notifications.models import Delivery
from meetings.liaison import services
from meetings.models import LiaisonNote, LiaisonNoteEvent, LiaisonRecipient

from ..factories import MeetingFactory, make_pdf, pdf_upload

pytestmark = pytest.mark.django_db
NEW = "/liaison-notes/new/incoming/"
RECEIVED = datetime.date(2024, 3, 4)


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=21)


def incoming_data(**extra):
    data = {
        "source": "ITU-T SG17",
        "source_detail": "Question 15/17",
        "received_on": RECEIVED.isoformat(),
        "meeting": "",
        "original_language": "en",
        "subject_en": "Reply on end-to-end encryption",
        "subject_fr": "Réponse sur le chiffrement de bout en bout",
        "body_en": "ITU-T Study Group 17 thanks CWG-COP for its note.",
        "contacts": "sg17@itu.example",
        "reply_to": "",
    }
    data.update(extra)
    return data


def _record(secretariat, **fields):
    values = {
        "source": "ITU-T SG17",
        "received_on": RECEIVED,
        "subject": "A note from SG17",
        "body": "Text.",
        **fields,
    }
    return services.incoming_note_save(by=secretariat, fields=values)


@pytest.fixture
def received(secretariat):
    return _record(secretariat)


def _outgoing(meeting, secretariat, chair=None, **fields):
    note = services.liaison_note_save(
        by=secretariat,
        fields={"meeting": meeting, "subject": "Our note to SG17", "body": "Text.", **fields},
        recipients=[
            {"body": "ITU-T SG17", "purpose": "information", "contacts": ["sg17@itu.example"]}
        ],
    )
    if chair is not None:
        services.liaison_note_act(note_id=note.pk, action="approve", by=chair)
        note = services.liaison_note_act(note_id=note.pk, action="send", by=secretariat)
    return note


def _publish(note, secretariat):
    return services.liaison_note_act(note_id=note.pk, action="publish", by=secretariat)


def _user(request, who):
    return request.getfixturevalue(who) if who else None


class TestRecording:
    @pytest.mark.parametrize(
        "who,status", [(None, 302), ("delegate", 403), ("chair", 403), ("secretariat", 200)]
    )
    def test_who_may_open_the_page(self, client_for, request, who, status):
        assert client_for(_user(request, who)).get(NEW).status_code == status

    @pytest.mark.parametrize("who,status", [(None, 302), ("delegate", 403), ("chair", 403)])
    def test_who_may_not_record(self, client_for, request, who, status):
        response = client_for(_user(request, who)).post(NEW, incoming_data())
        assert response.status_code == status
        assert not LiaisonNote.objects.exists()

    def test_the_service_refuses_who_may_not_record(self, delegate, chair):
        for user in (delegate, chair):
            with pytest.raises(PermissionDenied):
                _record(user)
        assert not LiaisonNote.objects.exists()

    def test_the_secretariat_records_a_note_with_its_source_date_and_attachment(
        self, client_for, secretariat
    ):
        response = client_for(secretariat).post(
            NEW, incoming_data(attachment=pdf_upload("reply.pdf"))
        )
        note = LiaisonNote.objects.get()
        assert response.status_code == 302 and response["Location"] == note.get_absolute_url()
        assert (note.direction, note.status) == ("incoming", "draft")
        assert (note.source, note.source_detail, note.received_on) == (
            "ITU-T SG17",
            "Question 15/17",
            RECEIVED,
        )
        assert note.meeting is None  # optional
        assert (note.subject_en, note.subject_fr) == (
            "Reply on end-to-end encryption",
            "Réponse sur le chiffrement de bout en bout",
        )
        assert not note.recipients.exists()
        attachment = note.attachments.get()
        assert (attachment.original_name, attachment.file_type) == ("reply.pdf", "pdf")
        assert attachment.file.name.startswith(f"liaison-notes/{note.pk}/")

    def test_the_meeting_it_is_for(self, client_for, meeting, secretariat):
        client_for(secretariat).post(NEW, incoming_data(meeting=meeting.pk))
        assert LiaisonNote.objects.get().meeting == meeting

    @pytest.mark.parametrize("missing", ["source", "received_on"])
    def test_the_source_and_the_date_received_are_required(self, client_for, secretariat, missing):
        response = client_for(secretariat).post(NEW, incoming_data(**{missing: ""}))
        assert response.status_code == 400
        assert not LiaisonNote.objects.exists()

    def test_a_date_received_in_the_future_is_refused(self, client_for, secretariat):
        tomorrow = timezone.localdate() + datetime.timedelta(days=2)
        response = client_for(secretariat).post(
            NEW, incoming_data(received_on=tomorrow.isoformat())
        )
        assert response.status_code == 400
        assert "The date received cannot be in the future." in response.content.decode()

    def test_the_subject_in_the_original_language(self, client_for, secretariat):
        data = incoming_data(original_language="fr", subject_fr="")
        response = client_for(secretariat).post(NEW, data)
        assert response.status_code == 400
        assert "Give the subject in the original language." in response.content.decode()

    def test_an_attachment_is_checked_by_its_content(self, client_for, secretariat):
        program = SimpleUploadedFile("reply.pdf", b"MZ\x90\x00" + b"\x00" * 100)
        response = client_for(secretariat).post(NEW, incoming_data(attachment=program))
        assert response.status_code == 400
        assert "a Windows program" in response.content.decode()
        assert not LiaisonNote.objects.exists()

    def test_the_model_requires_source_and_date_in_words(self, secretariat):
        with pytest.raises(ValidationError) as error:
            _record(secretariat, source="")
        assert "needs the body it comes from and the date it was received" in str(error.value)

    def test_an_incoming_note_is_never_approved_or_sent_in_the_database(self, received):
        received.status = LiaisonNote.Status.SENT
        with pytest.raises(ValidationError) as error:
            received.full_clean()
        assert "an incoming one is published, never approved or sent" in str(error.value)

    def test_the_form_suggests_the_bodies_already_known(self, client_for, meeting, secretariat):
        _outgoing(meeting, secretariat)
        _record(secretariat, source="ITU-D SG2")
        page = client_for(secretariat).get(NEW).content.decode()
        assert '<datalist id="liaison-bodies">' in page
        assert '<option value="ITU-D SG2">' in page and '<option value="ITU-T SG17">' in page
        assert 'list="liaison-bodies"' in page
        outgoing_form = client_for(secretariat).get("/liaison-notes/new/").content.decode()
        assert '<option value="ITU-D SG2">' in outgoing_form  # one vocabulary for both


class TestEditing:
    def test_the_secretariat_edits_a_draft_on_the_incoming_form(
        self, client_for, received, secretariat
    ):
        client = client_for(secretariat)
        assert (
            "Received from (body)"
            in client.get(f"/liaison-notes/{received.pk}/edit/").content.decode()
        )
        response = client.post(
            f"/liaison-notes/{received.pk}/edit/",
            incoming_data(source="ITU-D SG2", subject_en="A better subject"),
        )
        assert response.status_code == 302
        received.refresh_from_db()
        assert (received.source, received.subject_en, received.direction) == (
            "ITU-D SG2",
            "A better subject",
            "incoming",
        )

    @pytest.mark.parametrize("who", [None, "delegate", "chair"])
    def test_who_may_not_edit(self, client_for, request, received, who):
        response = client_for(_user(request, who)).post(
            f"/liaison-notes/{received.pk}/edit/", incoming_data(subject_en="Changed")
        )
        assert response.status_code in (302, 403)
        received.refresh_from_db()
        assert received.subject_en == "A note from SG17"

    def test_a_published_note_is_not_edited(self, client_for, received, secretariat):
        _publish(received, secretariat)
        response = client_for(secretariat).get(f"/liaison-notes/{received.pk}/edit/")
        assert response.status_code == 403

    def test_the_services_keep_the_directions_apart(self, meeting, received, secretariat):
        outgoing = _outgoing(meeting, secretariat)
        with pytest.raises(ValidationError):
            services.liaison_note_save(
                by=secretariat,
                note=received,
                fields={"subject": "x"},
                recipients=[{"body": "ITU-T SG17", "purpose": "information"}],
            )
        with pytest.raises(ValidationError):
            services.incoming_note_save(by=secretariat, note=outgoing, fields={"subject": "x"})
        assert not received.recipients.exists()
        outgoing.refresh_from_db()
        assert outgoing.direction == "outgoing"

    def test_an_outgoing_note_still_needs_its_meeting(self, client_for, secretariat):
        from .test_liaison_notes import form_data

        data = form_data(MeetingFactory(number=22))
        data["meeting"] = ""
        response = client_for(secretariat).post("/liaison-notes/new/", data)
        assert response.status_code == 400
        with pytest.raises(ValidationError) as error:
            _outgoing(None, secretariat)
        assert "needs the meeting that approved it" in str(error.value)
        assert not LiaisonNote.objects.exists()


class TestPublishing:
    def test_the_table_is_the_workflow(self):
        table = services.INCOMING_NOTE_TRANSITIONS
        assert table == {("draft", "publish"): ("published", "meetings.publish_liaisonnote")}
        assert ("draft", "publish") not in services.LIAISON_NOTE_TRANSITIONS

    @pytest.mark.parametrize(
        "who,allowed", [("delegate", False), ("chair", False), ("secretariat", True)]
    )
    def test_who_publishes(self, client_for, request, received, who, allowed):
        client_for(_user(request, who)).post(f"/liaison-notes/{received.pk}/publish/")
        received.refresh_from_db()
        assert (received.status == "published") is allowed

    def test_anonymous_is_sent_to_sign_in(self, client, received):
        response = client.post(f"/liaison-notes/{received.pk}/publish/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        received.refresh_from_db()
        assert received.status == "draft"

    def test_publishing_records_the_event_once(self, client_for, received, secretariat):
        client = client_for(secretariat)
        client.post(f"/liaison-notes/{received.pk}/publish/")
        second = client.post(f"/liaison-notes/{received.pk}/publish/", follow=True)
        assert "it cannot be “publish” now." in second.content.decode()
        events = LiaisonNoteEvent.objects.filter(liaison_note=received)
        assert list(events.values_list("from_status", "to_status", "actor")) == [
            ("draft", "published", secretariat.pk)
        ]

    @pytest.mark.parametrize(
        "action,who", [("approve", "chair"), ("send", "secretariat"), ("return", "chair")]
    )
    def test_an_incoming_note_is_never_approved_or_sent(
        self, client_for, request, received, action, who
    ):
        response = client_for(_user(request, who)).post(
            f"/liaison-notes/{received.pk}/{action}/", follow=True
        )
        received.refresh_from_db()
        assert received.status == "draft"
        assert "it cannot be" in response.content.decode()

    def test_an_outgoing_note_is_never_published(self, client_for, meeting, secretariat):
        note = _outgoing(meeting, secretariat)
        client_for(secretariat).post(f"/liaison-notes/{note.pk}/publish/")
        note.refresh_from_db()
        assert note.status == "draft"

    def test_buttons_follow_the_table(self, client_for, received, chair, secretariat):
        page = client_for(secretariat).get(received.get_absolute_url()).content.decode()
        assert "Publish" in page and "Edit the draft" in page
        assert "Approve" not in page and "Mark as sent" not in page
        page = client_for(chair).get(received.get_absolute_url()).content.decode()
        assert "Approve" not in page and "Publish" not in page


class TestNoMail:
    def test_recording_and_publishing_mail_no_one(
        self, client_for, secretariat, chair, delegate, mailoutbox
    ):
        client = client_for(secretariat)
        client.post(NEW, incoming_data(attachment=pdf_upload("reply.pdf")))
        note = LiaisonNote.objects.get()
        # Even a recipient row (say, added in the admin) gets nothing: only sending mails.
        LiaisonRecipient.objects.create(
            note=note, body="ITU-T SG17", purpose="information", contacts=["sg17@itu.example"]
        )
        client.post(f"/liaison-notes/{note.pk}/publish/")
        note.refresh_from_db()
        assert note.status == "published"
        assert not Delivery.objects.exists()
        assert mail.outbox == []

    def test_sending_an_outgoing_note_still_mails(self, meeting, secretariat, chair, delegate):
        _outgoing(meeting, secretariat, chair)
        assert Delivery.objects.filter(kind="liaison-note-sent").exists()
        assert Delivery.objects.filter(kind="liaison-note-notice").exists()


class TestVisibility:
    def test_the_public_sees_a_received_note_once_published(self, client, received, secretariat):
        assert "A note from SG17" not in client.get("/liaison-notes/").content.decode()
        assert client.get(received.get_absolute_url()).status_code == 404
        _publish(received, secretariat)
        page = client.get("/liaison-notes/").content.decode()
        assert "A note from SG17" in page and "Incoming" in page
        assert "<bdi>ITU-T SG17</bdi>" in page
        detail = client.get(received.get_absolute_url())
        assert detail.status_code == 200
        text = detail.content.decode()
        assert "Liaison note received" in text and "Not public" not in text

    @pytest.mark.parametrize(
        "who,sees", [(None, False), ("delegate", False), ("chair", True), ("secretariat", True)]
    )
    def test_officers_see_drafts(self, client_for, request, received, who, sees):
        client = client_for(_user(request, who))
        assert (client.get(received.get_absolute_url()).status_code == 200) is sees
        assert ("A note from SG17" in client.get("/liaison-notes/").content.decode()) is sees

    @pytest.mark.parametrize(
        "status,viewers,editors",
        [
            ("draft", {"chair", "secretariat"}, {"secretariat"}),
            ("published", {None, "delegate", "chair", "secretariat"}, set()),
        ],
    )
    def test_note_permissions_by_state(self, request, status, viewers, editors):
        note = LiaisonNote.objects.create(
            direction="incoming",
            source="ITU-D SG2",
            received_on=RECEIVED,
            subject="A note",
            status=status,
        )
        for who in (None, "delegate", "chair", "secretariat"):
            user = _user(request, who) or AnonymousUser()
            assert user.has_perm("meetings.view_liaisonnote", note) is (who in viewers), who
            assert user.has_perm("meetings.change_liaisonnote", note) is (who in editors), who

    def test_attachments_follow_the_note(self, client_for, received, chair, secretariat):
        attachment = services.liaison_attachment_add(
            note=received, by=secretariat, upload=pdf_upload("annex.pdf")
        )
        url = attachment.get_absolute_url()
        assert client_for(None).get(url).status_code == 404
        assert client_for(chair).get(url).status_code == 200
        _publish(received, secretariat)
        response = client_for(None).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == make_pdf()

    def test_the_list_labels_and_filters_the_directions(
        self, client, meeting, received, chair, secretariat
    ):
        _outgoing(meeting, secretariat, chair)
        _publish(received, secretariat)
        both = client.get("/liaison-notes/").content.decode()
        assert "Our note to SG17" in both and "A note from SG17" in both
        assert "Outgoing" in both and "Incoming" in both
        only_in = client.get("/liaison-notes/?direction=incoming").content.decode()
        assert "A note from SG17" in only_in and "Our note to SG17" not in only_in
        only_out = client.get("/liaison-notes/?direction=outgoing").content.decode()
        assert "Our note to SG17" in only_out and "A note from SG17" not in only_out
        anything = client.get("/liaison-notes/?direction=sideways").content.decode()
        assert "Our note to SG17" in anything and "A note from SG17" in anything

    def test_the_list_stays_constant_in_queries(
        self, client, meeting, secretariat, chair, django_assert_num_queries
    ):
        def add_both(n):
            for i in range(n):
                _outgoing(meeting, secretariat, chair, subject=f"Out {i}")
                _publish(_record(secretariat, subject=f"In {i}", meeting=meeting), secretariat)

        add_both(1)
        client.get("/liaison-notes/")  # warm the caches
        with CaptureQueriesContext(connection) as one:
            client.get("/liaison-notes/")
        add_both(3)
        with django_assert_num_queries(len(one.captured_queries)):
            page = client.get("/liaison-notes/").content.decode()
        assert "In 2" in page and "Out 2" in page

    def test_the_meeting_page_lists_a_published_note_for_it(self, client, meeting, secretariat):
        note = _record(secretariat, meeting=meeting)
        assert "A note from SG17" not in client.get(meeting.get_absolute_url()).content.decode()
        _publish(note, secretariat)
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert "A note from SG17" in page and "<bdi>ITU-T SG17</bdi>" in page


class TestReplies:
    def test_our_reply_to_a_received_note_links_both_ways(
        self, client_for, client, meeting, received, chair, secretariat
    ):
        _publish(received, secretariat)
        reply = _outgoing(meeting, secretariat, reply_to=received, subject="Our reply")
        # A draft reply stays with the officers.
        assert "Our reply" not in client.get(received.get_absolute_url()).content.decode()
        officer_page = client_for(chair).get(received.get_absolute_url()).content.decode()
        assert "Reply" in officer_page and "Our reply" in officer_page
        services.liaison_note_act(note_id=reply.pk, action="approve", by=chair)
        services.liaison_note_act(note_id=reply.pk, action="send", by=secretariat)
        incoming_page = client.get(received.get_absolute_url()).content.decode()
        assert '<dt class="col-sm-3">Reply</dt>' in incoming_page
        assert "Our reply" in incoming_page and "sent by the group" in incoming_page
        outgoing_page = client.get(reply.get_absolute_url()).content.decode()
        assert '<dt class="col-sm-3">In reply to</dt>' in outgoing_page
        assert "A note from SG17" in outgoing_page and "received from" in outgoing_page

    def test_a_bodys_reply_to_our_note_links_both_ways(self, client, meeting, chair, secretariat):
        ours = _outgoing(meeting, secretariat, chair)
        theirs = _record(secretariat, reply_to=ours, subject="SG17 answers")
        assert "SG17 answers" not in client.get(ours.get_absolute_url()).content.decode()
        _publish(theirs, secretariat)
        assert "SG17 answers" in client.get(ours.get_absolute_url()).content.decode()
        page = client.get(theirs.get_absolute_url()).content.decode()
        assert "In reply to" in page and "Our note to SG17" in page

    def test_a_draft_note_it_answers_is_not_shown_to_the_public(self, client, meeting, secretariat):
        draft = _outgoing(meeting, secretariat, subject="Unsent draft")
        theirs = _publish(_record(secretariat, reply_to=draft), secretariat)
        page = client.get(theirs.get_absolute_url()).content.decode()
        assert "Unsent draft" not in page and "In reply to" not in page

    def test_the_outgoing_form_offers_received_notes_to_reply_to(
        self, client_for, received, secretariat
    ):
        page = client_for(secretariat).get("/liaison-notes/new/").content.decode()
        assert f'<option value="{received.pk}">A note from SG17 (from ITU-T SG17)</option>' in page

    def test_a_received_note_answers_one_of_ours(self, client_for, meeting, received, secretariat):
        ours = _outgoing(meeting, secretariat)
        page = client_for(secretariat).get(NEW).content.decode()
        assert f'<option value="{ours.pk}">Our note to SG17</option>' in page
        assert f'<option value="{received.pk}">' not in page

    def test_the_replies_label_counts(self, client, meeting, received, chair, secretariat):
        _publish(received, secretariat)
        for subject in ("First reply", "Second reply"):
            _outgoing(meeting, secretariat, chair, reply_to=received, subject=subject)
        page = client.get(received.get_absolute_url()).content.decode()
        assert '<dt class="col-sm-3">Replies</dt>' in page


class TestFeedsAndSeeds:
    def test_the_feed_keeps_the_notes_the_group_sent(
        self, client, meeting, received, chair, secretariat
    ):
        _outgoing(meeting, secretariat, chair)
        _publish(received, secretariat)
        response = client.get("/feeds/liaison-notes/")
        assert response.status_code == 200
        text = response.content.decode()
        assert "Our note to SG17" in text and "A note from SG17" not in text

    def test_the_calendars_still_answer(self, client, meeting, received, secretariat):
        _publish(_record(secretariat, meeting=meeting), secretariat)
        assert client.get("/meetings/calendar.ics").status_code == 200
        assert client.get(f"/meetings/{meeting.number}/calendar.ics").status_code == 200

    def test_the_home_page_lists_sent_notes_only(
        self, client, meeting, received, chair, secretariat
    ):
        _outgoing(meeting, secretariat, chair)
        _publish(received, secretariat)
        page = client.get("/").content.decode()
        assert "Our note to SG17" in page and "A note from SG17" not in page

    def test_the_seeded_notes_stay_outgoing(self, db):
        call_command("load_seeds", "--no-demo", verbosity=0)
        call_command("load_seeds", "--no-demo", verbosity=0)
        notes = LiaisonNote.objects.all()
        assert notes.count() == 2
        assert {(n.direction, n.status) for n in notes} == {("outgoing", "sent")}
        assert all(n.recipients.exists() and n.meeting_id for n in notes)
        assert not LiaisonNote.objects.incoming().exists()
