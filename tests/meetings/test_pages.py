import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from meetings.models import LiaisonNote, Meeting

from ..factories import MeetingFactory


@pytest.fixture
def seeded(db):
    call_command("load_seeds", "--no-demo", verbosity=0)


@pytest.fixture
def seeded_demo(db):
    call_command("load_seeds", verbosity=0)


@pytest.mark.django_db
class TestPublicPages:
    @pytest.mark.parametrize("who", [None, "outsider", "delegate", "chair", "secretariat"])
    def test_everyone_may_browse(self, client_for, request, seeded, who):
        # The pages in one test per person: loading the seeds is most of the time.
        client = client_for(request.getfixturevalue(who) if who else None)
        urls = ["/", "/meetings/", "/meetings/19/", "/meetings/20/", "/roadmap/", "/liaison-notes/"]
        answers = {url: client.get(url).status_code for url in urls}
        assert answers == dict.fromkeys(urls, 200)

    def test_unknown_meeting_is_404(self, client, seeded):
        assert client.get("/meetings/7/").status_code == 404

    def test_meeting_20_shows_its_facts(self, client, seeded):
        page = client.get("/meetings/20/").content.decode()
        assert "Legal frameworks" in page
        assert "more than 30 contributions" in page
        assert "Review of its Resolution 1306".lower() in page.lower()
        assert "Girls in ICT Day" in page
        assert "ITU-T SG17" in page

    def test_meeting_19_shows_the_special_session(self, client, seeded):
        page = client.get("/meetings/19/").content.decode()
        assert "From theory to practice" in page
        assert "<bdi>Albania</bdi>, <bdi>Armenia</bdi>, <bdi>Malawi</bdi>" in page
        assert "24 contributions" in page

    def test_roadmap_lists_the_five_themes_in_order(self, client, seeded):
        page = client.get("/roadmap/").content.decode()
        positions = [
            page.index(title)
            for title in (
                "Legal frameworks",
                "Regulatory frameworks and reporting mechanisms",
                "Education, digital literacy and national awareness",
                "Research and technical tools",
                "Integrating child online protection into broader initiatives",
            )
        ]
        assert positions == sorted(positions)

    def test_home_shows_the_next_meeting_and_its_deadline(self, client, seeded_demo):
        page = client.get("/").content.decode()
        assert "CWG-COP meeting 99" in page
        assert "Demonstration" in page
        assert '+00:00">' in page  # <time datetime> in UTC
        assert "left" in page


@pytest.mark.django_db
class TestLiaisonNotes:
    def test_the_two_notes_of_the_20th_meeting_are_public(self, client, seeded):
        page = client.get("/liaison-notes/").content.decode()
        assert "ITU-D SG2 Question 3/2" in page
        assert "ITU-T SG17" in page

    def test_a_draft_note_is_not_public(self, client, seeded):
        note = LiaisonNote.objects.create(
            meeting=Meeting.objects.get(number=20), subject="Secret draft", status="draft"
        )
        assert "Secret draft" not in client.get("/liaison-notes/").content.decode()
        assert client.get(note.get_absolute_url()).status_code == 404

    def test_list_queries_stay_constant(self, client, seeded, django_assert_max_num_queries):
        with django_assert_max_num_queries(8):
            client.get("/liaison-notes/")


@pytest.mark.django_db
class TestSeeds:
    def test_loading_twice_changes_nothing(self, seeded_demo):
        counts = (Meeting.objects.count(), LiaisonNote.objects.count())
        demo_start = Meeting.objects.get(number=99).start_date
        call_command("load_seeds", verbosity=0)
        assert (Meeting.objects.count(), LiaisonNote.objects.count()) == counts
        assert Meeting.objects.get(number=99).start_date == demo_start

    def test_demo_meeting_deadline_is_weeks_away(self, seeded_demo):
        from django.utils import timezone

        left = Meeting.objects.get(number=99).deadline - timezone.now()
        assert datetime.timedelta(days=14) < left < datetime.timedelta(days=28)

    def test_no_demo_data_when_debug_is_off(self, db, settings):
        settings.DEMO_DATA = False
        call_command("load_seeds", verbosity=0)
        from copportal.accounts.models import User

        assert not Meeting.objects.filter(is_demo=True).exists()
        assert not User.objects.exists()
        assert Meeting.objects.filter(number__in=[19, 20]).count() == 2


@pytest.mark.django_db
class TestDeadlineRule:
    def test_twelve_days_before_opening_at_2359_in_geneva(self):
        meeting = MeetingFactory(start_date=datetime.date(2024, 1, 22))
        assert meeting.deadline.isoformat() == "2024-01-10T23:59:00+01:00"

    def test_override_wins(self):
        override = datetime.datetime(2024, 1, 5, 12, 0, tzinfo=datetime.UTC)
        meeting = MeetingFactory(start_date=datetime.date(2024, 1, 22), deadline_override=override)
        assert meeting.deadline == override

    def test_page_lists_upcoming_and_past(self, client):
        MeetingFactory(number=300)
        MeetingFactory(
            number=301, start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2020, 1, 1)
        )
        page = client.get(reverse("meetings:list")).content.decode()
        assert page.index("meeting 300") < page.index("Past meetings") < page.index("meeting 301")
