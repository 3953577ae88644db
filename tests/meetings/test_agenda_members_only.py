"""A released agenda never shows a members-only contribution's title to a reader who may not
see members-only contributions: its symbol stays (document numbers are public), its title and
link go, on the agenda and in its changelog; members see it, marked as members-only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.agenda import services
from meetings.models import Agenda, AgendaRelease

from ..factories import MeetingFactory, PublishedContributionFactory

pytestmark = pytest.mark.django_db

SECRET = "Confidential findings on grooming cases"


def version(meeting) -> int:
    return Agenda.objects.get_or_create(meeting=meeting)[0].version


def release(meeting, chair):
    return services.agenda_release(meeting=meeting, by=chair, version=version(meeting))


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=40)


@pytest.fixture
def item(meeting, chair):
    return services.agenda_item_create(
        meeting=meeting, by=chair, version=version(meeting), title_en="Reports of member states"
    )


def allocate(contribution, item):
    contribution.agenda_item = item
    contribution.save(update_fields=["agenda_item"])
    return contribution


@pytest.fixture
def released(meeting, item, chair):
    public = allocate(
        PublishedContributionFactory(meeting=meeting, number=1, title="A public toolkit"), item
    )
    private = allocate(
        PublishedContributionFactory(meeting=meeting, number=2, title=SECRET, visibility="members"),
        item,
    )
    release(meeting, chair)
    return public, private


@pytest.mark.parametrize("who", [None, "outsider"])
def test_a_non_member_sees_the_symbol_not_the_title(client_for, request, released, who):
    user = request.getfixturevalue(who) if who else None
    page = client_for(user).get("/meetings/40/agenda/").content.decode()
    assert "A public toolkit" in page and 'href="/contributions/40-1/"' in page
    assert SECRET not in page
    assert "CWG-COP-40/2" in page and 'href="/contributions/40-2/"' not in page
    assert "A members-only contribution: sign in as a member to see it." in page


@pytest.mark.parametrize("who", ["delegate", "chair", "secretariat"])
def test_members_see_the_title_marked_members_only(client_for, request, released, who):
    page = client_for(request.getfixturevalue(who)).get("/meetings/40/agenda/").content.decode()
    assert SECRET in page and 'href="/contributions/40-2/"' in page
    assert "Members only" in page


def test_the_changelog_names_no_hidden_title(client_for, meeting, item, chair, delegate):
    release(meeting, chair)
    allocate(
        PublishedContributionFactory(
            meeting=meeting, number=None, title=SECRET, visibility="members"
        ),
        item,
    )
    release(meeting, chair)
    anonymous = client_for(None).get("/meetings/40/agenda/").content.decode()
    assert SECRET not in anonymous
    assert "a members-only contribution was added to item 1." in anonymous
    member = client_for(delegate).get("/meetings/40/agenda/").content.decode()
    assert f"{SECRET} was added to item 1." in member


def test_a_release_made_before_snapshots_marked_them_is_hidden_too(client, released):
    shown = AgendaRelease.objects.get()
    for data in shown.snapshot["items"]:
        for c in data["allocated"]:
            c.pop("members_only")
    shown.save(update_fields=["snapshot"])
    page = client.get("/meetings/40/agenda/").content.decode()
    assert SECRET not in page and "A public toolkit" in page


def test_a_contribution_made_members_only_after_the_release_is_hidden(client, released):
    public, _private = released
    public.visibility = "members"
    public.save(update_fields=["visibility"])
    page = client.get("/meetings/40/agenda/").content.decode()
    assert "A public toolkit" not in page and "CWG-COP-40/1" in page


def test_the_snapshot_keeps_the_record_for_members(released):
    frozen = AgendaRelease.objects.get().snapshot["items"][0]["allocated"]
    assert [(c["title"], c["members_only"]) for c in frozen] == [
        ("A public toolkit", False),
        (SECRET, True),
    ]


def test_hiding_costs_the_same_queries_whatever_the_count(client, meeting, item, chair):
    def measure():
        client.get("/meetings/40/agenda/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/meetings/40/agenda/").status_code == 200
        return len(queries)

    allocate(PublishedContributionFactory(meeting=meeting, visibility="members"), item)
    release(meeting, chair)
    few = measure()
    for _ in range(20):
        allocate(PublishedContributionFactory(meeting=meeting, visibility="members"), item)
    release(meeting, chair)
    assert measure() == few


def test_the_release_mail_names_no_hidden_title_to_an_author_who_may_not_see_it(
    meeting, item, chair, delegate, outsider
):
    """The mail's changelog is the page's: an author with no approved affiliation (their
    contribution is on the agenda) is not told another's members-only title; members are."""
    from copportal.notifications.models import Delivery

    allocate(PublishedContributionFactory(meeting=meeting, number=1, submitter=outsider), item)
    release(meeting, chair)
    allocate(
        PublishedContributionFactory(
            meeting=meeting, number=None, title=SECRET, visibility="members"
        ),
        item,
    )
    second = release(meeting, chair)
    mails = Delivery.objects.filter(key=f"agenda-release:{second.pk}")
    to_outsider = mails.get(address=outsider.email)
    assert SECRET not in to_outsider.text + to_outsider.html
    assert "a members-only contribution was added to item 1." in to_outsider.text
    assert f"{SECRET} was added to item 1." in mails.get(address=delegate.email).text
    assert mails.filter(address=outsider.email).count() == 1
