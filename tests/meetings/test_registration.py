"""Registration for a meeting: who may register, change and cancel (their own only, for one
of their approved organizations, until the deadline, not once closed); who sees the
participants list, its CSV and the remote link; what the public sees (a count of Member
States, never names); the link mailed the day before, once per participant."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from copportal.notifications.models import Delivery
from meetings.models import Registration
from meetings.registration import services

from ..factories import AffiliationFactory, MeetingFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
GENEVA = ZoneInfo("Europe/Zurich")
LINK = "https://meet.example.org/cwg-cop-20?pwd=secret"
PEOPLE = ["anonymous", "outsider", "delegate", "other_delegate", "chair", "secretariat"]


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=20, time_zone="Europe/Zurich", remote_link=LINK)


def person(request, who):
    return None if who == "anonymous" else request.getfixturevalue(who)


def url(meeting, tail=""):
    return f"/meetings/{meeting.number}/registration/{tail}"


def register(client, organization, attendance="in-person"):
    return client.post(url_of(client), {"organization": organization.pk, "attendance": attendance})


def url_of(client):
    return client._registration_url


@pytest.fixture
def as_user(client_for, meeting):
    def make(user):
        client = client_for(user)
        client._registration_url = url(meeting)
        return client

    return make


class TestWhoMayRegister:
    @pytest.mark.parametrize(
        "who,status",
        [
            ("anonymous", 302),
            ("outsider", 403),
            ("delegate", 200),
            ("other_delegate", 200),
            ("chair", 403),
            ("secretariat", 403),
        ],
    )
    def test_who_may_open_the_registration_page(self, request, as_user, meeting, who, status):
        response = as_user(person(request, who)).get(url(meeting))
        assert response.status_code == status
        if status == 403:
            assert "Only delegates can register" in response.content.decode()

    def test_a_delegate_registers_for_their_organization(self, as_user, delegate, organization):
        response = register(as_user(delegate), organization, "remote")
        assert response.status_code == 302
        registration = Registration.objects.get()
        assert (registration.user, registration.organization) == (delegate, organization)
        assert registration.attendance == "remote"

    @pytest.mark.parametrize("who", ["outsider", "chair", "secretariat"])
    def test_who_is_not_a_delegate_cannot_register(self, request, as_user, organization, who):
        response = register(as_user(person(request, who)), organization)
        assert response.status_code in (400, 403)
        assert not Registration.objects.exists()

    def test_anonymous_is_sent_to_sign_in(self, as_user, organization):
        response = register(as_user(None), organization)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert not Registration.objects.exists()

    def test_not_for_another_delegates_organization(self, as_user, delegate, other_organization):
        response = register(as_user(delegate), other_organization)
        assert response.status_code == 400
        assert "Choose one of the organizations you are an approved delegate of" in (
            response.content.decode()
        )
        assert not Registration.objects.exists()

    def test_the_service_refuses_another_organization_and_an_outsider(
        self, meeting, delegate, outsider, organization, other_organization
    ):
        with pytest.raises(ValidationError, match="approved delegate of"):
            services.registration_save(
                meeting=meeting, by=delegate, organization=other_organization, attendance="remote"
            )
        with pytest.raises(ValidationError, match="Only delegates"):
            services.registration_save(
                meeting=meeting, by=outsider, organization=organization, attendance="remote"
            )

    def test_a_delegate_of_two_organizations_chooses_one(self, as_user, delegate, organization):
        second = OrganizationFactory(name="ITU-D Sector Member", kind="sector-member", region="")
        AffiliationFactory(user=delegate, organization=second)
        delegate = type(delegate).objects.get(pk=delegate.pk)
        assert register(as_user(delegate), second).status_code == 302
        assert Registration.objects.get().organization == second


class TestChangeAndCancel:
    @pytest.fixture
    def registered(self, meeting, delegate, organization):
        return services.registration_save(
            meeting=meeting, by=delegate, organization=organization, attendance="in-person"
        )

    def test_change_attendance(self, as_user, registered, delegate, organization):
        response = register(as_user(delegate), organization, "remote")
        assert response.status_code == 302
        assert Registration.objects.get().attendance == "remote"

    def test_cancel(self, as_user, registered, delegate, meeting):
        response = as_user(delegate).post(url(meeting), {"cancel": "1"})
        assert response.status_code == 302
        assert not Registration.objects.exists()

    def test_another_delegate_cannot_touch_it(
        self, as_user, registered, other_delegate, meeting, other_organization
    ):
        client = as_user(other_delegate)
        page = client.get(url(meeting)).content.decode()
        assert "You are registered" not in page and LINK not in page
        client.post(url(meeting), {"cancel": "1"})
        register(client, other_organization)
        mine = Registration.objects.get(user=registered.user)
        assert (mine.organization_id, mine.attendance) == (registered.organization_id, "in-person")
        assert Registration.objects.count() == 2

    def test_cancel_still_possible_once_registration_closed(
        self, as_user, registered, delegate, meeting, chair
    ):
        services.registration_close(meeting=meeting, by=chair, closed=True)
        as_user(delegate).post(url(meeting), {"cancel": "1"})
        assert not Registration.objects.exists()


class TestDeadlineAndClosing:
    def test_registration_ends_at_opening_by_default(self, meeting):
        opening = datetime.datetime.combine(meeting.start_date, datetime.time(0), tzinfo=GENEVA)
        assert meeting.registration_ends == opening
        assert meeting.is_registration_open(opening)
        assert not meeting.is_registration_open(opening + datetime.timedelta(seconds=1))

    def test_no_registration_after_the_deadline(self, as_user, meeting, delegate, organization):
        meeting.registration_deadline = timezone.now() - datetime.timedelta(minutes=1)
        meeting.save()
        response = register(as_user(delegate), organization)
        assert response.status_code == 400
        assert "Registration for this meeting ended on" in response.content.decode()
        assert not Registration.objects.exists()

    def test_no_change_after_the_deadline(self, meeting, delegate, organization):
        services.registration_save(
            meeting=meeting, by=delegate, organization=organization, attendance="in-person"
        )
        later = meeting.registration_ends + datetime.timedelta(hours=1)
        with time_machine.travel(later), pytest.raises(ValidationError, match="ended on"):
            services.registration_save(
                meeting=meeting, by=delegate, organization=organization, attendance="remote"
            )
        assert Registration.objects.get().attendance == "in-person"

    def test_no_registration_once_closed(self, as_user, meeting, delegate, organization, chair):
        as_user(chair).post(url(meeting, "close/"), {"action": "close"})
        meeting.refresh_from_db()
        assert meeting.registration_closed
        response = register(as_user(delegate), organization)
        assert response.status_code == 400
        assert "Registration for this meeting is closed." in response.content.decode()
        assert not Registration.objects.exists()

    def test_reopened(self, as_user, meeting, delegate, organization, secretariat):
        services.registration_close(meeting=meeting, by=secretariat, closed=True)
        as_user(secretariat).post(url(meeting, "close/"), {"action": "reopen"})
        assert register(as_user(delegate), organization).status_code == 302

    @pytest.mark.parametrize("who", ["anonymous", "outsider", "delegate", "other_delegate"])
    def test_who_may_not_close(self, request, as_user, meeting, who):
        response = as_user(person(request, who)).post(url(meeting, "close/"), {"action": "close"})
        assert response.status_code in (302, 403)
        if who != "anonymous":
            assert response.status_code == 403
        meeting.refresh_from_db()
        assert not meeting.registration_closed

    def test_the_service_refuses_a_delegate_closing(self, meeting, delegate):
        with pytest.raises(PermissionDenied):
            services.registration_close(meeting=meeting, by=delegate, closed=True)

    def test_the_chair_sets_the_deadline_in_the_meetings_time_zone(self, as_user, chair, meeting):
        from meetings.forms import MeetingForm

        data = {
            name: value
            for name, value in MeetingForm(instance=meeting).initial.items()
            if value is not None
        }
        data.update(
            start_date=meeting.start_date.isoformat(),
            end_date=meeting.end_date.isoformat(),
            registration_deadline=f"{meeting.start_date - datetime.timedelta(days=3)}T18:00",
            remote_link="https://meet.example.org/new",
            registration_closed="",
            theme="",
        )
        data = {k: v for k, v in data.items() if v != ""}
        data.update({"sessions-TOTAL_FORMS": 0, "sessions-INITIAL_FORMS": 0})
        response = as_user(chair).post(f"/meetings/{meeting.number}/edit/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        meeting.refresh_from_db()
        local = meeting.registration_deadline.astimezone(GENEVA)
        assert (local.date(), local.hour) == (meeting.start_date - datetime.timedelta(days=3), 18)
        assert meeting.remote_link == "https://meet.example.org/new"

    def test_a_deadline_in_year_one_is_refused_with_a_message(self, as_user, chair, meeting):
        """Far from the meeting, the wall clock's offset overflows: a message, never a 500."""
        from meetings.forms import MeetingForm

        meeting.time_zone = "Asia/Tokyo"
        meeting.save()
        data = {
            name: value
            for name, value in MeetingForm(instance=meeting).initial.items()
            if value not in (None, "")
        }
        data.update(
            start_date=meeting.start_date.isoformat(),
            end_date=meeting.end_date.isoformat(),
            registration_deadline="0001-01-01T00:00",
            **{"sessions-TOTAL_FORMS": 0, "sessions-INITIAL_FORMS": 0},
        )
        data.pop("theme", None)
        response = as_user(chair).post(f"/meetings/{meeting.number}/edit/", data)
        assert response.status_code == 400  # the form again, with its errors
        assert "more than a year before the meeting opens" in response.content.decode()
        meeting.refresh_from_db()
        assert meeting.registration_deadline is None


class TestWhoSeesWhat:
    @pytest.fixture
    def registered(self, meeting, delegate, organization):
        return services.registration_save(
            meeting=meeting, by=delegate, organization=organization, attendance="remote"
        )

    @pytest.mark.parametrize("who", PEOPLE)
    def test_only_registered_participants_see_the_link_on_the_meeting_page(
        self, request, as_user, meeting, registered, who
    ):
        page = as_user(person(request, who)).get(meeting.get_absolute_url()).content.decode()
        assert (LINK in page) == (who == "delegate")

    def test_the_registration_page_shows_the_link_to_the_participant(
        self, as_user, meeting, registered, delegate
    ):
        page = as_user(delegate).get(url(meeting)).content.decode()
        assert LINK in page and "You are registered for" in page

    def test_the_public_sees_the_number_of_member_states_never_names(
        self, client, meeting, delegate, other_delegate, organization, other_organization
    ):
        for user, org in [(delegate, organization), (other_delegate, other_organization)]:
            services.registration_save(
                meeting=meeting, by=user, organization=org, attendance="in-person"
            )
        sector = OrganizationFactory(name="Sector Member Ltd", kind="sector-member", region="")
        third = AffiliationFactory(organization=sector).user
        services.registration_save(
            meeting=meeting, by=third, organization=sector, attendance="remote"
        )
        # A second delegate of the Philippines: still one Member State.
        fourth = AffiliationFactory(organization=organization).user
        services.registration_save(
            meeting=meeting, by=fourth, organization=organization, attendance="remote"
        )
        page = client.get(meeting.get_absolute_url()).content.decode()
        assert "2 Member States are registered." in page
        for name in ["Philippines", "Malawi", "Sector Member Ltd", delegate.full_name]:
            assert name not in page
        assert LINK not in page

    @pytest.mark.parametrize(
        "who,status",
        [
            ("anonymous", 302),
            ("outsider", 403),
            ("delegate", 403),
            ("other_delegate", 403),
            ("chair", 200),
            ("secretariat", 200),
        ],
    )
    def test_who_sees_the_participants_and_the_csv(
        self, request, as_user, meeting, registered, who, status
    ):
        client = as_user(person(request, who))
        assert client.get(url(meeting, "participants/")).status_code == status
        assert client.get(url(meeting, "participants.csv")).status_code == status


class TestParticipantsList:
    def test_empty_says_what_to_do(self, as_user, meeting, chair):
        page = as_user(chair).get(url(meeting, "participants/")).content.decode()
        assert "No one has registered yet." in page

    def test_grouped_by_organization_and_region_with_counts(
        self,
        as_user,
        meeting,
        chair,
        delegate,
        other_delegate,
        organization,
        other_organization,
    ):
        services.registration_save(
            meeting=meeting, by=delegate, organization=organization, attendance="in-person"
        )
        services.registration_save(
            meeting=meeting, by=other_delegate, organization=other_organization, attendance="remote"
        )
        page = as_user(chair).get(url(meeting, "participants/")).content.decode()
        assert "2 participants" in page and "1 in person" in page and "1 remotely" in page
        assert "2 Member States" in page
        assert page.index("Africa") < page.index("Asia-Pacific")  # the regions' order
        assert page.index("<bdi>Malawi</bdi>") < page.index("<bdi>Philippines</bdi>")
        assert delegate.full_name in page and other_delegate.full_name in page

    def test_the_list_stays_at_a_constant_number_of_queries(self, as_user, meeting, chair):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = as_user(chair)

        def queries_with(count):
            for _ in range(count):
                user = AffiliationFactory(organization=OrganizationFactory()).user
                services.registration_save(
                    meeting=meeting,
                    by=user,
                    organization=user.approved_organizations[0],
                    attendance="remote",
                )
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url(meeting, "participants/")).status_code == 200
            return len(queries)

        few = queries_with(1)
        assert queries_with(6) == few

    def test_the_csv(self, as_user, meeting, chair, delegate, organization):
        delegate.full_name = "=HYPERLINK(evil)"
        delegate.save()
        services.registration_save(
            meeting=meeting, by=delegate, organization=organization, attendance="remote"
        )
        response = as_user(chair).get(url(meeting, "participants.csv"))
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == [
            "name",
            "email",
            "organization",
            "organization_kind",
            "iso_code",
            "region",
            "attendance",
            "registered_at",
        ]
        assert rows[1][:7] == [
            "'=HYPERLINK(evil)",
            delegate.email,
            "Philippines",
            "member-state",
            "PHL",
            "asia-pacific",
            "remote",
        ]
        assert len(rows) == 2


class TestRemoteLinkMail:
    @pytest.fixture
    def participants(self, meeting, delegate, other_delegate, organization, other_organization):
        services.registration_save(
            meeting=meeting, by=delegate, organization=organization, attendance="remote"
        )
        services.registration_save(
            meeting=meeting,
            by=other_delegate,
            organization=other_organization,
            attendance="in-person",
        )
        return [delegate, other_delegate]

    @pytest.fixture(autouse=True)
    def _commits(self, django_capture_on_commit_callbacks):
        self.capture = django_capture_on_commit_callbacks

    def sweep(self, at):
        """The beat's task, its mail sent after commit (eager Celery)."""
        from meetings.registration.tasks import send_remote_links

        with time_machine.travel(at, tick=False), self.capture(execute=True):
            return send_remote_links.delay().get()

    def day_before(self, meeting, hour, minute=0):
        day = meeting.start_date - datetime.timedelta(days=1)
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=GENEVA)

    def test_mailed_the_day_before_exactly_once_each(self, meeting, participants, outsider):
        assert self.sweep(self.day_before(meeting, 7, 59)) == 0
        assert self.sweep(self.day_before(meeting, 8, 0)) == 2
        assert self.sweep(self.day_before(meeting, 8, 5)) == 0  # run twice: nothing more
        mails = Delivery.objects.filter(kind="registration-remote-link")
        assert sorted(mails.values_list("address", flat=True)) == sorted(
            p.email for p in participants
        )
        assert mails.filter(status="sent").count() == 2
        assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in participants)
        delivery = mails.first()
        assert LINK in delivery.text and LINK in delivery.html.replace("&amp;", "&")
        assert "Joining meeting 20 remotely" in delivery.subject
        assert not Delivery.objects.filter(address=outsider.email).exists()

    def test_a_late_registration_gets_it_on_the_next_run(
        self, meeting, participants, chair, secretariat
    ):
        self.sweep(self.day_before(meeting, 8, 0))
        late = AffiliationFactory().user
        meeting.registration_deadline = self.day_before(meeting, 23, 0)
        meeting.save()
        with time_machine.travel(self.day_before(meeting, 9, 0), tick=False):
            services.registration_save(
                meeting=meeting,
                by=late,
                organization=late.approved_organizations[0],
                attendance="remote",
            )
        assert self.sweep(self.day_before(meeting, 9, 5)) == 1
        assert self.sweep(self.day_before(meeting, 9, 10)) == 0
        assert Delivery.objects.filter(kind="registration-remote-link").count() == 3

    def test_none_without_a_link_or_after_the_meeting(self, meeting, participants):
        meeting.remote_link = ""
        meeting.save()
        assert self.sweep(self.day_before(meeting, 9, 0)) == 0
        meeting.remote_link = LINK
        meeting.save()
        after = datetime.datetime.combine(
            meeting.end_date + datetime.timedelta(days=1), datetime.time(0, 1), tzinfo=GENEVA
        )
        assert self.sweep(after) == 0
        assert not Delivery.objects.filter(kind="registration-remote-link").exists()

    def test_the_sweep_is_on_the_beat_schedule(self, settings):
        tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
        assert "meetings.registration.tasks.send_remote_links" in tasks
