"""What a release includes of the contributions allocated to the agenda: one rule (the
contributions' status groups) for the check before the release and for the release itself,
and the chair told, before and after, which allocated contributions are left out and why."""

import pytest
from django.core.exceptions import ValidationError

from contributions.models import Contribution
from meetings.agenda import numbering, services
from meetings.models import Agenda, AgendaRelease

from ..factories import ContributionFactory, MeetingFactory

Status = Contribution.Status
NUMBERED = {Status.ACCEPTED, Status.PUBLISHED, Status.WITHDRAWN, Status.REJECTED}


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=42)


def version(meeting) -> int:
    return Agenda.objects.get_or_create(meeting=meeting)[0].version


def allocated(meeting, item, status, title, number=None):
    contribution = ContributionFactory(
        meeting=meeting, status=status, title=title, number=number if status in NUMBERED else None
    )
    contribution.agenda_item = item
    contribution.save()
    return contribution


@pytest.fixture
def items(meeting, chair):
    return [
        services.agenda_item_create(meeting=meeting, by=chair, version=version(meeting), title=t)
        for t in ("Opening", "Legal frameworks", "Closing")
    ]


def builder(client, meeting) -> str:
    return client.get(f"/meetings/{meeting.number}/agenda/edit/").content.decode()


@pytest.mark.django_db
def test_the_check_names_each_allocated_contribution_left_out_and_why(
    client_for, meeting, chair, items
):
    allocated(meeting, items[1], Status.SUBMITTED, "Still on the desk")
    allocated(meeting, items[1], Status.LATE, "Arrived late")
    accepted = allocated(meeting, items[1], Status.ACCEPTED, "Numbered", number=3)
    withdrawn = allocated(meeting, items[1], Status.WITHDRAWN, "Taken back", number=4)
    published = allocated(meeting, items[2], Status.PUBLISHED, "On the agenda", number=5)
    page = builder(client_for(chair), meeting)
    warnings = page[page.index("Before you release, check:") :]
    warnings = warnings[: warnings.index("</ul>")]
    assert (
        "Item 2: Still on the desk is left out "
        "(not yet published: still on the secretariat&#x27;s desk)." in warnings
    )
    assert (
        "Item 2: Arrived late is left out "
        "(not yet published: late, waiting for the secretariat&#x27;s decision)." in warnings
    )
    assert (
        f"Item 2: {accepted.symbol} is left out "
        "(not yet published: accepted, waiting for the secretariat to publish it)." in warnings
    )
    assert f"Item 2: {withdrawn.symbol} is left out (withdrawn)." in warnings
    assert published.symbol not in warnings
    # Item 2 has contributions, but none the release will show: it will be released empty.
    assert "Item 2, “Legal frameworks”, will be released empty" in warnings
    assert "Item 3, “Closing”, will be released empty" not in warnings
    # The builder's tree says it beside each contribution too.
    assert "left out of a release: withdrawn" in page


@pytest.mark.django_db
@pytest.mark.parametrize("status", Status.values)
def test_the_check_and_the_release_agree_on_every_status(meeting, chair, items, status):
    contribution = allocated(meeting, items[0], status, "The one", number=7)
    contributions = numbering.meeting_contributions(meeting)
    tree = numbering.draft_tree(meeting, contributions)
    name = contribution.symbol or "The one"
    warned = [w for w in numbering.release_warnings(tree, contributions) if name in w]
    release = services.agenda_release(meeting=meeting, by=chair, version=version(meeting))
    (opening, *_rest) = release.snapshot["items"]
    released = [c["title"] for c in opening["allocated"]]
    left_out = [entry["title"] for entry in release.left_out]
    if status == Status.DRAFT:  # the author's own: neither listed, nor warned, nor released
        assert (warned, released, left_out) == ([], [], [])
    elif status in Status.ON_THE_AGENDA:
        assert (warned, released, left_out) == ([], ["The one"], [])
    else:
        assert released == []
        assert left_out == ["The one"]
        reason = Status.LEFT_OFF_THE_AGENDA[status]
        assert warned == [f"Item 1: {name} is left out ({reason})."]


@pytest.mark.django_db
def test_after_releasing_the_chair_is_told_what_was_left_out(
    client_for, meeting, chair, delegate, items
):
    allocated(meeting, items[1], Status.SUBMITTED, "Still on the desk")
    allocated(meeting, items[2], Status.PUBLISHED, "On the agenda", number=5)
    client = client_for(chair)
    response = client.post(
        f"/meetings/{meeting.number}/agenda/release/",
        {"version": version(meeting), "note": ""},
        follow=True,
    )
    page = response.content.decode()
    assert "Version 1 of the agenda is released." in page
    sentence = (
        "Item 2: Still on the desk is left out "
        "(not yet published: still on the secretariat&#x27;s desk)."
    )
    assert sentence in page
    release = AgendaRelease.objects.get(meeting=meeting)
    assert release.left_out == [
        {"item": "2", "symbol": "", "title": "Still on the desk", "status": "submitted"}
    ]
    # Kept with the release, in the builder's list of versions.
    released_list = builder(client, meeting)
    released_list = released_list[released_list.index("Released versions") :]
    assert sentence in released_list
    # The public, and delegates, read the release: never what was left out of it.
    for user in (None, delegate):
        public = client_for(user).get(f"/meetings/{meeting.number}/agenda/").content.decode()
        assert "On the agenda" in public
        assert "Still on the desk" not in public and "left out" not in public


@pytest.mark.django_db
def test_a_draft_cannot_be_allocated(meeting, chair, items):
    draft = ContributionFactory(meeting=meeting, title="Someone's draft")
    with pytest.raises(ValidationError, match="not one of this meeting"):
        services.agenda_allocate(meeting=meeting, by=chair, allocations={draft.pk: items[0].pk})
    draft.refresh_from_db()
    assert draft.agenda_item is None
