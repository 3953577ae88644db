"""The officers' first minutes (issue 21): the chair and the secretariat land on a dashboard of
what waits on them; menu and dashboard say the same about submitting; the mail log and the
reminder days are linked from where officers work; the desk tells the truth about agendas; a
pending affiliation is called pending on the submit page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contributions import services
from meetings.agenda import services as agenda_services
from meetings.liaison import services as liaison_services
from meetings.models import Agenda, AgendaItem

from ..factories import AffiliationFactory, MeetingFactory
from .conftest import after_deadline, make_draft, make_submitted

DASHBOARD = "/contributions/mine/"


def part(page: str, heading_id: str) -> str:
    return page.split(f'id="{heading_id}"')[1].split("</section>")[0]


def nav(page: str) -> str:
    return page.split('aria-label="Main"')[1].split("</nav>")[0]


def make_late(*, user, meeting, **fields):
    draft = make_draft(user=user, meeting=meeting, **fields)
    return services.contribution_submit(
        contribution_id=draft.pk, by=user, at=after_deadline(meeting)
    )


def note(meeting, secretariat, subject="A note to ITU-T SG17"):
    return liaison_services.liaison_note_save(
        by=secretariat,
        fields={"meeting": meeting, "subject": subject, "body": "Text."},
        recipients=[{"body": "ITU-T SG17", "detail": "", "purpose": "information"}],
    )


@pytest.mark.django_db
class TestWhoSeesWhat:
    def test_anonymous_is_sent_to_sign_in(self, client_for):
        response = client_for(None).get(DASHBOARD)
        assert response.status_code == 302 and "login" in response["Location"]

    @pytest.mark.parametrize("who", ["chair", "secretariat"])
    def test_an_officer_lands_on_the_officers_part_not_on_not_a_delegate(
        self, client_for, request, who, meeting
    ):
        page = client_for(request.getfixturevalue(who)).get(DASHBOARD).content.decode()
        assert 'id="officer-heading"' in page
        assert "You are not a delegate yet" not in page
        assert 'id="drafts-heading"' not in page  # nothing of a delegate's to show

    @pytest.mark.parametrize("who", ["delegate", "outsider"])
    def test_others_see_no_officers_part(self, client_for, request, who, meeting):
        response = client_for(request.getfixturevalue(who)).get(DASHBOARD)
        assert response.context["officer"] is None
        assert 'id="officer-heading"' not in response.content.decode()
        assert 'id="drafts-heading"' in response.content.decode()

    def test_an_officer_who_is_a_delegate_sees_both_parts(
        self, client_for, chair, organization, meeting
    ):
        AffiliationFactory(user=chair, organization=organization)
        make_draft(user=chair, meeting=meeting, title="A draft of the chair")
        page = client_for(chair).get(DASHBOARD).content.decode()
        assert 'id="officer-heading"' in page
        assert "A draft of the chair" in part(page, "drafts-heading")
        assert "Philippines" in part(page, "affiliation-heading")


@pytest.mark.django_db
class TestTheOfficersPart:
    def test_the_next_meetings_desk_count(self, client_for, secretariat, delegate, meeting):
        make_submitted(user=delegate, meeting=meeting, title="One")
        make_submitted(user=delegate, meeting=meeting, title="Two")
        make_late(user=delegate, meeting=meeting, title="Late one")
        make_draft(user=delegate, meeting=meeting, title="Not on the desk")
        page = client_for(secretariat).get(DASHBOARD).content.decode()
        section = part(page, "next-meeting-heading")
        assert meeting.title in section
        assert "2 submitted contributions wait to be checked and numbered." in section
        assert "1 late contribution waits for a decision." in section
        assert f'href="/contributions/desk/?meeting={meeting.number}"' in section

    def test_an_empty_desk_says_so(self, client_for, secretariat, meeting):
        section = part(
            client_for(secretariat).get(DASHBOARD).content.decode(), "next-meeting-heading"
        )
        assert "Nothing waits on the desk for this meeting." in section
        assert "0 late" not in section

    def test_a_real_meeting_comes_before_a_demonstration(self, client_for, chair, meeting):
        MeetingFactory(number=99, is_demo=True, start_date=meeting.start_date.replace(day=1))
        response = client_for(chair).get(DASHBOARD)
        assert response.context["officer"]["meeting"].number == meeting.number

    def test_the_chair_sees_the_count_but_no_desk_link(self, client_for, chair, delegate, meeting):
        make_submitted(user=delegate, meeting=meeting)
        section = part(client_for(chair).get(DASHBOARD).content.decode(), "next-meeting-heading")
        assert "1 submitted contribution waits to be checked and numbered." in section
        assert "/contributions/desk/" not in section

    def test_no_meeting_says_what_to_do(self, client_for, chair, secretariat, db):
        chair_page = client_for(chair).get(DASHBOARD).content.decode()
        assert "No meeting is planned." in chair_page and 'href="/meetings/new/"' in chair_page
        page = client_for(secretariat).get(DASHBOARD).content.decode()
        assert "The chair plans the next one." in page and 'href="/meetings/new/"' not in page

    def test_agenda_status_from_empty_to_draft_to_released(self, client_for, chair, meeting):
        client = client_for(chair)
        status = part(client.get(DASHBOARD).content.decode(), "next-meeting-heading")
        assert "Agenda: no item yet. Start the draft in the agenda builder." in status
        assert f'href="/meetings/{meeting.number}/agenda/edit/"' in status
        AgendaItem.objects.create(meeting=meeting, order=1, title_en="Opening")
        status = part(client.get(DASHBOARD).content.decode(), "next-meeting-heading")
        assert "Agenda: a draft of 1 item, not released yet." in status
        version = Agenda.objects.get_or_create(meeting=meeting)[0].version
        agenda_services.agenda_release(meeting=meeting, by=chair, version=version)
        status = part(client.get(DASHBOARD).content.decode(), "next-meeting-heading")
        assert "Agenda: version 1 released on" in status

    def test_late_contributions_of_every_meeting(
        self, client_for, secretariat, delegate, meeting, next_meeting
    ):
        late = make_late(user=delegate, meeting=meeting, title="Came in late")
        make_submitted(user=delegate, meeting=next_meeting, title="On time")
        section = part(client_for(secretariat).get(DASHBOARD).content.decode(), "late-heading")
        assert "Came in late" in section and "On time" not in section
        assert f'href="{late.get_absolute_url()}"' in section

    def test_no_late_contribution_is_said(self, client_for, secretariat, meeting):
        section = part(client_for(secretariat).get(DASHBOARD).content.decode(), "late-heading")
        assert "No late contribution waits for a decision." in section

    def test_liaison_notes_waiting_say_who_acts(self, client_for, chair, secretariat, meeting):
        draft = note(meeting, secretariat, "Draft to approve")
        approved = note(meeting, secretariat, "Approved, to send")
        liaison_services.liaison_note_act(note_id=approved.pk, action="approve", by=chair)
        sent = note(meeting, secretariat, "Already sent")
        liaison_services.liaison_note_act(note_id=sent.pk, action="approve", by=chair)
        liaison_services.liaison_note_act(note_id=sent.pk, action="send", by=secretariat)
        chair_part = part(client_for(chair).get(DASHBOARD).content.decode(), "notes-heading")
        assert "Already sent" not in chair_part
        line = chair_part.split(draft.get_absolute_url())[1].split("</li>")[0]
        assert "For you: Approve" in line
        secretariat_part = part(
            client_for(secretariat).get(DASHBOARD).content.decode(), "notes-heading"
        )
        line = secretariat_part.split(approved.get_absolute_url())[1].split("</li>")[0]
        assert "For you: Mark as sent" in line

    def test_no_liaison_note_waiting_says_what_to_do(self, client_for, secretariat, meeting):
        section = part(client_for(secretariat).get(DASHBOARD).content.decode(), "notes-heading")
        assert "No liaison note is waiting." in section
        assert 'href="/liaison-notes/new/"' in section

    def test_the_queries_stay_constant(
        self, client_for, chair, secretariat, delegate, meeting, django_assert_num_queries
    ):
        client = client_for(chair)
        make_late(user=delegate, meeting=meeting)
        note(meeting, secretariat)
        with CaptureQueriesContext(connection) as few:
            client.get(DASHBOARD)
        for n in range(4):
            make_late(user=delegate, meeting=meeting, title=f"Late {n}")
            note(meeting, secretariat, f"Note {n}")
        with django_assert_num_queries(len(few.captured_queries)):
            client.get(DASHBOARD)


@pytest.mark.django_db
class TestSubmittingAgrees:
    """The menu's Submit, the dashboard's offer to submit, and the rule say the same."""

    @pytest.mark.parametrize(
        "who,may",
        [("secretariat", True), ("chair", False), ("delegate", True), ("outsider", False)],
    )
    def test_menu_and_dashboard_follow_the_rule(self, client_for, request, who, may, meeting):
        user = request.getfixturevalue(who)
        assert user.has_perm("contributions.add_contribution") is may
        page = client_for(user).get(DASHBOARD).content.decode()
        menu, content = nav(page), page.split("<main")[1]
        assert ('href="/contributions/submit/"' in menu) is may
        assert ('href="/contributions/submit/' in content) is may

    def test_the_secretariat_is_not_told_it_cannot_submit(
        self, client_for, secretariat, delegate, meeting
    ):
        make_draft(user=secretariat, meeting=meeting, organizations=delegate.approved_organizations)
        page = client_for(secretariat).get(DASHBOARD).content.decode()
        assert "You are not a delegate yet" not in page
        assert "you submit contributions on behalf of delegations" in part(
            page, "affiliation-heading"
        )
        assert "Submit a contribution on behalf of a delegation" in page

    def test_the_chair_is_told_how_to_submit(self, client_for, chair, meeting):
        page = client_for(chair).get(DASHBOARD).content.decode()
        assert "To submit contributions yourself, ask for an affiliation" in page


@pytest.mark.django_db
class TestMailLogLinks:
    @pytest.mark.parametrize(
        "who,linked", [("secretariat", True), ("chair", False), ("delegate", False)]
    )
    def test_the_mail_log_is_in_the_officers_menu_and_dashboard(
        self, client_for, request, who, linked, meeting
    ):
        user = request.getfixturevalue(who)
        assert user.has_perm("notifications.view_log") is linked
        page = client_for(user).get(DASHBOARD).content.decode()
        assert ('href="/notifications/log/"' in nav(page)) is linked
        assert ('href="/notifications/log/"' in page.split("<main")[1]) is linked


@pytest.mark.django_db
class TestReminderDays:
    def url(self, meeting):
        return f"/notifications/meetings/{meeting.number}/reminders/"

    @pytest.mark.parametrize(
        "who,linked",
        [("chair", True), ("secretariat", True), ("delegate", False), (None, False)],
    )
    def test_the_meeting_page_links_them_for_officers(
        self, client_for, request, who, linked, meeting
    ):
        user = request.getfixturevalue(who) if who else None
        page = client_for(user).get(meeting.get_absolute_url()).content.decode()
        assert (f'href="{self.url(meeting)}"' in page) is linked

    def test_the_desk_links_them(self, client_for, secretariat, meeting):
        page = client_for(secretariat).get("/contributions/desk/").content.decode()
        assert f'href="{self.url(meeting)}"' in page

    def test_the_deadline_is_in_the_meetings_own_time(self, client_for, chair, db):
        # Deadline by rule: 12 days before 20 January 2027, 23:59 in Geneva (CET, UTC+1).
        meeting = MeetingFactory(
            start_date=datetime.date(2027, 1, 20),
            end_date=datetime.date(2027, 1, 20),
            time_zone="Europe/Zurich",
        )
        page = client_for(chair).get(self.url(meeting)).content.decode()
        assert "8 January 2027, 23:59, Geneva time" in page
        assert "22:59" not in page


@pytest.mark.django_db
class TestTheDeskAndAgendas:
    def test_the_desk_no_longer_promises_agendas(self, client_for, secretariat, meeting):
        page = client_for(secretariat).get("/contributions/desk/").content.decode()
        assert "will come with the agendas" not in page
        line = page.split('id="desk-agenda"')[1].split("</p>")[0]
        assert f'href="/meetings/{meeting.number}/agenda/edit/"' in line


@pytest.mark.django_db
class TestPendingAffiliation:
    def test_the_submit_page_says_the_request_is_pending(self, client_for, outsider, organization):
        AffiliationFactory(user=outsider, organization=organization, status="pending")
        response = client_for(outsider).get("/contributions/submit/")
        assert response.status_code == 403
        page = response.content.decode()
        assert "Your request to act for <bdi>Philippines</bdi>" in page
        assert "is waiting for the secretariat" in page and "by e-mail" in page
        assert "Ask for an affiliation" not in page

    def test_without_a_request_the_page_still_offers_one(self, client_for, outsider):
        page = client_for(outsider).get("/contributions/submit/").content.decode()
        assert "Ask for an affiliation" in page and "is waiting for the secretariat" not in page

    def test_a_refused_request_is_not_called_pending(self, client_for, outsider, organization):
        AffiliationFactory(user=outsider, organization=organization, status="refused")
        page = client_for(outsider).get("/contributions/submit/").content.decode()
        assert "is waiting for the secretariat" not in page and "Ask for an affiliation" in page
