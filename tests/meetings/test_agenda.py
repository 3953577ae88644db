"""The agenda builder and its releases: ordering, indenting, renumbering, stale moves,
draft vs released, the changelog, the warnings, who may do what, and constant queries."""

import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.agenda import numbering, services
from meetings.models import Agenda, AgendaItem, AgendaRelease

from ..factories import ContributionFactory, MeetingFactory, PublishedContributionFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=40)


def version(meeting) -> int:
    return Agenda.objects.get_or_create(meeting=meeting)[0].version


def add(meeting, by, title, parent=None, **fields):
    return services.agenda_item_create(
        meeting=meeting, by=by, version=version(meeting), parent=parent, title_en=title, **fields
    )


def numbers(meeting) -> list[tuple[str, str]]:
    return [(n.number, n.item.title) for n in numbering.flatten(numbering.draft_tree(meeting))]


def move(item, by, direction):
    item.refresh_from_db()
    return services.agenda_item_move(
        item_id=item.pk, by=by, direction=direction, version=version(item.meeting)
    )


@pytest.fixture
def five(meeting, chair):
    return [add(meeting, chair, title) for title in ("A", "B", "C", "D", "E")]


class TestOrdering:
    def test_numbering_follows_order_and_nesting(self, meeting, chair, five):
        add(meeting, chair, "B1", parent=five[1])
        add(meeting, chair, "B2", parent=five[1])
        assert numbers(meeting) == [
            ("1", "A"),
            ("2", "B"),
            ("2.1", "B1"),
            ("2.2", "B2"),
            ("3", "C"),
            ("4", "D"),
            ("5", "E"),
        ]

    def test_up_and_down_swap_with_the_neighbour(self, meeting, chair, five):
        assert move(five[2], chair, "up") == ("3", "2")
        assert [t for _n, t in numbers(meeting)] == ["A", "C", "B", "D", "E"]
        move(five[0], chair, "down")
        assert [t for _n, t in numbers(meeting)] == ["C", "A", "B", "D", "E"]

    def test_indent_makes_a_sub_item_of_the_item_before_and_renumbers(self, meeting, chair, five):
        assert move(five[2], chair, "indent") == ("3", "2.1")
        assert numbers(meeting) == [("1", "A"), ("2", "B"), ("2.1", "C"), ("3", "D"), ("4", "E")]
        move(five[3], chair, "indent")
        assert numbers(meeting)[:4] == [("1", "A"), ("2", "B"), ("2.1", "C"), ("2.2", "D")]

    def test_outdent_puts_the_item_right_after_its_parent(self, meeting, chair, five):
        move(five[2], chair, "indent")
        move(five[3], chair, "indent")
        assert move(five[2], chair, "outdent") == ("2.1", "3")
        assert numbers(meeting) == [("1", "A"), ("2", "B"), ("2.1", "D"), ("3", "C"), ("4", "E")]

    @pytest.mark.parametrize(
        "index,direction", [(0, "up"), (4, "down"), (0, "indent"), (1, "outdent")]
    )
    def test_impossible_moves_are_refused(self, meeting, chair, five, index, direction):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            move(five[index], chair, direction)
        assert [t for _n, t in numbers(meeting)] == ["A", "B", "C", "D", "E"]

    def test_an_item_with_sub_items_cannot_be_indented(self, meeting, chair, five):
        from django.core.exceptions import ValidationError

        add(meeting, chair, "C1", parent=five[2])
        with pytest.raises(ValidationError):
            move(five[2], chair, "indent")

    def test_a_stale_move_is_refused_and_changes_nothing(self, meeting, chair, five):
        seen = version(meeting)
        move(five[1], chair, "up")  # another tab
        before = numbers(meeting)
        with pytest.raises(services.StaleAgenda):
            services.agenda_item_move(item_id=five[4].pk, by=chair, direction="up", version=seen)
        assert numbers(meeting) == before

    def test_reorder_puts_one_level_in_the_order_given(self, meeting, chair, five):
        ids = [five[i].pk for i in (4, 3, 2, 1, 0)]
        services.agenda_reorder(
            meeting=meeting, by=chair, parent_id=None, item_ids=ids, version=version(meeting)
        )
        assert [t for _n, t in numbers(meeting)] == ["E", "D", "C", "B", "A"]

    def test_reorder_with_missing_items_is_refused(self, meeting, chair, five):
        with pytest.raises(services.StaleAgenda):
            services.agenda_reorder(
                meeting=meeting,
                by=chair,
                parent_id=None,
                item_ids=[five[0].pk],
                version=version(meeting),
            )


class TestBuilderPages:
    def url(self, meeting, *parts):
        return f"/meetings/{meeting.number}/agenda/" + "".join(f"{p}/" for p in parts)

    @pytest.mark.parametrize(
        "who,status", [(None, 302), ("delegate", 403), ("chair", 200), ("secretariat", 200)]
    )
    def test_who_may_open_the_builder(self, client_for, request, meeting, who, status):
        user = request.getfixturevalue(who) if who else None
        response = client_for(user).get(self.url(meeting, "edit"))
        assert response.status_code == status
        if who is None:
            assert "/accounts/login/" in response["Location"]

    @pytest.mark.parametrize(
        "who,allowed", [(None, False), ("delegate", False), ("chair", True), ("secretariat", True)]
    )
    def test_who_may_add_and_move(self, client_for, request, meeting, chair, five, who, allowed):
        user = request.getfixturevalue(who) if who else None
        client = client_for(user)
        client.post(
            self.url(meeting, "edit"),
            {"title_en": "New", "original_language": "en", "version": version(meeting)},
        )
        client.post(
            self.url(meeting, "items", five[1].pk, "move"),
            {"direction": "up", "version": version(meeting)},
        )
        titles = [t for _n, t in numbers(meeting)]
        if allowed:
            assert titles == ["B", "A", "C", "D", "E", "New"]
        else:
            assert titles == ["A", "B", "C", "D", "E"]

    @pytest.mark.parametrize(
        "who,allowed", [(None, False), ("delegate", False), ("secretariat", False), ("chair", True)]
    )
    def test_only_the_chair_releases(self, client_for, request, meeting, five, who, allowed):
        user = request.getfixturevalue(who) if who else None
        client_for(user).post(
            self.url(meeting, "release"), {"version": version(meeting), "note": ""}
        )
        assert AgendaRelease.objects.filter(meeting=meeting).exists() is allowed

    def test_a_move_keeps_focus_and_announces_the_new_position(
        self, client_for, meeting, chair, five
    ):
        client = client_for(chair)
        response = client.post(
            self.url(meeting, "items", five[2].pk, "move"),
            {"direction": "indent", "version": version(meeting)},
            follow=True,
        )
        url, _status = response.redirect_chain[-1]
        assert url.endswith(f"?focus={five[2].pk}&action=indent")
        page = response.content.decode()
        assert 'role="status" aria-live="polite"' in page
        assert "Item 3 moved to position 2.1." in page
        # The item cannot be indented again: focus goes to the item's Edit link instead.
        node = page[page.index(f'id="item-{five[2].pk}"') :]
        node = node[: node.index("</li>")]
        assert re.search(r'value="indent" disabled', node)
        assert re.search(rf'href="[^"]+/items/{five[2].pk}/edit/" autofocus', node)

    def test_focus_stays_on_the_button_pressed_when_it_still_works(
        self, client_for, meeting, chair, five
    ):
        response = client_for(chair).post(
            self.url(meeting, "items", five[3].pk, "move"),
            {"direction": "up", "version": version(meeting)},
            follow=True,
        )
        page = response.content.decode()
        node = page[page.index(f'id="item-{five[3].pk}"') :]
        assert re.search(r'value="up"\s+autofocus', node[: node.index("</li>")])

    def test_a_stale_form_is_refused_with_the_current_order_shown(
        self, client_for, meeting, chair, five
    ):
        client = client_for(chair)
        stale = version(meeting)
        move(five[1], chair, "up")
        response = client.post(
            self.url(meeting, "items", five[4].pk, "move"),
            {"direction": "up", "version": stale},
            follow=True,
        )
        page = response.content.decode()
        assert "your change was not applied" in page
        assert [t for _n, t in numbers(meeting)] == ["B", "A", "C", "D", "E"]
        tree = page[page.index('id="agenda-tree"') :]
        assert tree.index(f'id="item-{five[1].pk}"') < tree.index(f'id="item-{five[0].pk}"')

    def test_drag_and_drop_saves_at_once_and_answers_the_list(
        self, client_for, meeting, chair, five
    ):
        order = ",".join(str(five[i].pk) for i in (1, 0, 2, 3, 4))
        response = client_for(chair).post(
            self.url(meeting, "reorder"),
            {"order": order, "parent": "", "version": version(meeting)},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200
        assert response.content.decode().lstrip().startswith('<div id="agenda-tree"')
        assert [t for _n, t in numbers(meeting)] == ["B", "A", "C", "D", "E"]

    def test_a_stale_drag_and_drop_shows_the_current_order(self, client_for, meeting, chair, five):
        stale = version(meeting)
        move(five[4], chair, "up")
        order = ",".join(str(five[i].pk) for i in (1, 0, 2, 3, 4))
        response = client_for(chair).post(
            self.url(meeting, "reorder"),
            {"order": order, "parent": "", "version": stale},
            HTTP_HX_REQUEST="true",
        )
        assert "your change was not applied" in response.content.decode()
        assert [t for _n, t in numbers(meeting)] == ["A", "B", "C", "E", "D"]

    def test_an_item_is_added_edited_and_deleted(self, client_for, meeting, chair):
        client = client_for(chair)
        client.post(
            self.url(meeting, "edit"),
            {
                "title_en": "Opening",
                "title_fr": "Ouverture",
                "original_language": "en",
                "version": 0,
            },
        )
        item = AgendaItem.objects.get(meeting=meeting)
        client.post(
            self.url(meeting, "items", item.pk, "edit"),
            {
                "title_en": "Opening of the meeting",
                "original_language": "en",
                "presenter": "The chair",
            },
        )
        item.refresh_from_db()
        assert (item.title_en, item.presenter) == ("Opening of the meeting", "The chair")
        client.post(self.url(meeting, "items", item.pk, "delete"), {"version": version(meeting)})
        assert not AgendaItem.objects.filter(meeting=meeting).exists()

    def test_an_item_needs_a_title_in_its_original_language(self, client_for, meeting, chair):
        response = client_for(chair).post(
            self.url(meeting, "edit"),
            {"title_en": "Opening", "original_language": "fr", "version": 0},
        )
        assert response.status_code == 400
        assert "Give the title in the original language." in response.content.decode()
        assert not AgendaItem.objects.exists()

    def test_contributions_are_allocated_from_the_builder(self, client_for, meeting, chair, five):
        contribution = PublishedContributionFactory(meeting=meeting)
        other = PublishedContributionFactory(meeting=MeetingFactory())
        client = client_for(chair)
        client.post(self.url(meeting, "allocate"), {f"contribution-{contribution.pk}": five[1].pk})
        contribution.refresh_from_db()
        assert contribution.agenda_item == five[1]
        response = client.post(
            self.url(meeting, "allocate"), {f"contribution-{other.pk}": five[1].pk}, follow=True
        )
        assert "not one of this meeting" in response.content.decode()
        other.refresh_from_db()
        assert other.agenda_item is None

    def test_the_allocation_table_shows_each_contribution_s_item(
        self, client_for, meeting, chair, five
    ):
        five[2].title_en = "Risks <b>& harms</b>"
        five[2].save()
        contribution = PublishedContributionFactory(meeting=meeting)
        services.agenda_allocate(
            meeting=meeting, by=chair, allocations={contribution.pk: five[2].pk}
        )
        page = client_for(chair).get(self.url(meeting, "edit")).content.decode()
        select = page[page.index(f'id="allocate-{contribution.pk}"') :]
        select = select[: select.index("</select>")]
        assert (
            f'<option value="{five[2].pk}" selected>3 Risks &lt;b&gt;&amp; harms&lt;/b&gt;'
            in select
        )
        assert select.count(" selected") == 1
        assert select.count("<option") == len(five) + 1  # and "No item"

    def test_other_peoples_drafts_are_not_listed(self, client_for, meeting, chair):
        ContributionFactory(meeting=meeting, title="A private draft")
        assert (
            "A private draft"
            not in client_for(chair).get(self.url(meeting, "edit")).content.decode()
        )


class TestWarnings:
    def test_the_builder_warns_before_release(self, client_for, meeting, chair, five):
        ContributionFactory(meeting=meeting, status="submitted", title="Nowhere yet")
        withdrawn = PublishedContributionFactory(meeting=meeting, status="withdrawn")
        withdrawn.agenda_item = five[1]
        withdrawn.save()
        services.agenda_item_update(item=five[0], by=chair, description_en="Opening words.")
        page = client_for(chair).get(f"/meetings/{meeting.number}/agenda/edit/").content.decode()
        assert "Item 3, “C”, is empty" in page
        assert "Item 1, “A”, is empty" not in page
        assert "Nowhere yet is allocated to no item." in page
        assert "Item 2, “B”, will be released empty" in page
        assert f"Item 2: {withdrawn.symbol} is left out (withdrawn)." in page


class TestReleases:
    def release(self, meeting, chair, note=""):
        return services.agenda_release(
            meeting=meeting, by=chair, note=note, version=version(meeting)
        )

    def test_the_public_sees_only_released_versions(self, client, meeting, chair, five):
        response = client.get(f"/meetings/{meeting.number}/agenda/")
        assert response.status_code == 200
        assert "No agenda has been released for this meeting yet." in response.content.decode()
        self.release(meeting, chair)
        add(meeting, chair, "Draft only")
        page = client.get(f"/meetings/{meeting.number}/agenda/").content.decode()
        assert "Version 1, released" in page
        assert "Draft only" not in page
        assert "This is the first released version." in page

    def test_a_release_freezes_the_draft(self, client, meeting, chair, five):
        self.release(meeting, chair)
        services.agenda_item_update(item=five[0], by=chair, title_en="Renamed later")
        page = client.get(f"/meetings/{meeting.number}/agenda/").content.decode()
        assert "Renamed later" not in page

    def test_the_changelog_between_two_releases(self, client, meeting, chair, five):
        kept = PublishedContributionFactory(meeting=meeting)
        gone = PublishedContributionFactory(meeting=meeting)
        services.agenda_allocate(meeting=meeting, by=chair, allocations={gone.pk: five[3].pk})
        self.release(meeting, chair, note="First")
        services.agenda_item_delete(item=five[0], by=chair, version=version(meeting))  # A removed
        move(five[4], chair, "up")  # E moved before D
        add(meeting, chair, "New")  # F added
        services.agenda_allocate(
            meeting=meeting, by=chair, allocations={gone.pk: None, kept.pk: five[1].pk}
        )
        self.release(meeting, chair, note="Second")
        page = client.get(f"/meetings/{meeting.number}/agenda/").content.decode()
        assert "Version 2, released" in page
        assert "Since version 1, released" in page
        assert "Item 1, “A”, was removed." in page
        assert "“E” moved from item 5 to item 3." in page
        assert "“B” is now item 1 (was 2)." in page
        assert "Item 5, “New”, is new." in page
        assert f"CWG-COP-{meeting.number}/{kept.number} was added to item 1." in page
        assert f"CWG-COP-{meeting.number}/{gone.number} was removed from item 4." in page
        assert "“D” moved" not in page  # E moved up past D: D is not said to move

    def test_earlier_versions_stay_readable(self, client, meeting, chair, five):
        self.release(meeting, chair)
        services.agenda_item_update(item=five[0], by=chair, title_en="Second title")
        self.release(meeting, chair)
        page = client.get(f"/meetings/{meeting.number}/agenda/?version=1").content.decode()
        assert "Version 1, released" in page and "An earlier version" in page
        assert 'agenda-number">1</bdi> <bdi>A</bdi></h2>' in page
        assert "Second title" not in page

    @pytest.mark.parametrize(
        "value,status,message",
        [
            ("abc", 400, "is not a version number"),
            ("7", 404, "has no released version 7"),
            ("-1", 404, "has no released version -1"),
            ("99999999999999999999", 404, "has no released version"),
        ],
    )
    def test_bad_versions_get_a_clear_message(
        self, client, meeting, chair, five, value, status, message
    ):
        self.release(meeting, chair)
        response = client.get(f"/meetings/{meeting.number}/agenda/?version={value}")
        assert response.status_code == status
        assert message in response.content.decode()

    def test_a_stale_release_is_refused(self, meeting, chair, five):
        seen = version(meeting)
        move(five[1], chair, "up")
        with pytest.raises(services.StaleAgenda):
            services.agenda_release(meeting=meeting, by=chair, version=seen)
        assert not AgendaRelease.objects.exists()

    def test_versions_count_up_and_the_row_is_the_event(self, meeting, chair, five):
        first = self.release(meeting, chair)
        second = self.release(meeting, chair, note="Fixed a typo")
        assert (first.version, second.version) == (1, 2)
        assert second.released_by == chair and second.note == "Fixed a typo"
        assert [i["number"] for i in second.snapshot["items"]] == ["1", "2", "3", "4", "5"]

    def test_the_printable_page_has_a_print_stylesheet(self, client, meeting, chair, five):
        self.release(meeting, chair)
        page = client.get(f"/meetings/{meeting.number}/agenda/").content.decode()
        assert 'agenda-print.css" media="print"' in page

    def test_titles_show_in_the_readers_language(self, client, meeting, chair):
        add(meeting, chair, "Opening", title_fr="Ouverture")
        self.release(meeting, chair)
        assert "Ouverture" in client.get(f"/fr/meetings/{meeting.number}/agenda/").content.decode()


class TestSeeds:
    def test_meeting_20_says_what_is_known(self, client, db):
        from django.core.management import call_command

        call_command("load_seeds", "--no-demo", verbosity=0)
        response = client.get("/meetings/20/agenda/")
        assert response.status_code == 200
        page = response.content.decode()
        assert "No agenda has been released" in page
        assert "agenda item 7" in page and "Divers" in page
        assert not AgendaItem.objects.filter(meeting__number=20).exists()

    def test_the_demo_meeting_has_a_released_agenda_with_a_changelog(self, client, db):
        from django.core.management import call_command

        call_command("load_seeds", verbosity=0)
        call_command("load_seeds", verbosity=0)  # again: nothing doubles
        assert AgendaRelease.objects.filter(meeting__number=99).count() == 2
        page = client.get("/meetings/99/agenda/").content.decode()
        assert "Version 2, released" in page
        assert "Since version 1" in page and "is new." in page


class TestQueries:
    def populate(self, meeting, chair, count):
        for i in range(count):
            item = AgendaItem.objects.create(meeting=meeting, order=i, title_en=f"Item {i}")
            contribution = PublishedContributionFactory(meeting=meeting)
            contribution.agenda_item = item
            contribution.save()

    @pytest.mark.parametrize("page", ["agenda/", "agenda/edit/", ""])
    def test_queries_do_not_grow_with_items(
        self, client_for, chair, page, django_assert_num_queries
    ):
        counts = []
        client = client_for(chair)
        # 5 and 40 items: a query per item would show as 35 more. (The builder's allocation
        # table has a select of every item per contribution: 200 items make 40,000 options.)
        for count in (5, 40):
            meeting = MeetingFactory()
            self.populate(meeting, chair, count)
            services.agenda_release(meeting=meeting, by=chair, version=version(meeting))
            url = f"/meetings/{meeting.number}/{page}"
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        meeting = MeetingFactory()
        self.populate(meeting, chair, 40)
        services.agenda_release(meeting=meeting, by=chair, version=version(meeting))
        client.get(f"/meetings/{meeting.number}/{page}")
        with django_assert_num_queries(counts[0]):
            client.get(f"/meetings/{meeting.number}/{page}")
        assert counts[0] == counts[1]


def test_meetings_imports_nothing_from_contributions():
    """One direction of dependency: contributions know meetings, never the reverse."""
    offenders = []
    for path in (ROOT / "meetings").rglob("*.py"):
        for line in path.read_text().splitlines():
            if re.match(r"\s*(from|import)\s+contributions\b", line):
                offenders.append(f"{path.name}: {line.strip()}")
    for path in (ROOT / "templates" / "meetings").rglob("*.html"):
        for load in re.findall(r"{%\s*load\s+([^%]*)%}", path.read_text()):
            if "contributions" in load.split():
                offenders.append(f"{path.name}: load {load}")
    assert not offenders, offenders
