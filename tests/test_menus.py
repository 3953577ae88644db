"""The portal's menus (copportal/menus.py): the apps register their entries, the base's header,
footer and error pages render them, each to whom may see it, in order, the current one marked."""

import pytest

from copportal import menus


@pytest.fixture
def extra_entry():
    """An entry a new page would register, taken out again after the test."""
    entry = menus.Entry(
        "test-log", "Test page", "notifications:log", order=85, permission="notifications.view_log"
    )
    menus.register("main", entry)
    yield entry
    del menus._entries["main"][entry.name]


def nav(page: str) -> str:
    return page.split('aria-label="Main"')[1].split("</nav>")[0]


def test_an_unknown_menu_is_refused():
    with pytest.raises(ValueError, match="No menu 'sidebar'"):
        menus.register("sidebar", menus.Entry("x", "X", "home", order=1))


def test_the_main_menu_is_in_the_order_of_its_entries():
    names = [entry.name for entry in menus.entries("main")]
    assert names == [
        "meetings",
        "contributions",
        "submit",
        "desk",
        "roadmap",
        "library",
        "countries",
        "liaison-notes",
        "affiliations",
        "mail-log",
    ]


def test_registering_again_replaces_by_name():
    before = menus.entries("footer")
    menus.register("footer", *before)  # ready() run twice, as in tests
    assert menus.entries("footer") == before


@pytest.mark.django_db
@pytest.mark.parametrize("who,shown", [("secretariat", True), ("chair", False), (None, False)])
def test_a_registered_entry_shows_to_whom_may_see_it(client_for, request, who, shown, extra_entry):
    user = request.getfixturevalue(who) if who else None
    menu = nav(client_for(user).get("/meetings/").content.decode())
    assert ("Test page" in menu) is shown
    if shown:  # in its place: after Affiliations (80), before the mail log (90)
        assert menu.index("Affiliations") < menu.index("Test page") < menu.index("Mail log")


@pytest.mark.django_db
def test_the_current_page_is_marked_in_the_header_only(client):
    page = client.get("/resources/").content.decode()
    assert '<a class="nav-link" href="/resources/" aria-current="page">Library</a>' in nav(page)
    footer = page.split("<footer")[1]
    assert '<a href="/resources/">Resource library</a>' in footer
    assert "aria-current" not in footer


def test_without_a_user_only_the_entries_for_everyone_show():
    """The 500 page renders without context processors: no user, no permission asked."""
    shown = [entry.label for entry in menus.shown("main", user=None, path="/roadmap/")]
    assert [str(label) for label in shown] == [
        "Meetings",
        "Contributions",
        "Roadmap",
        "Library",
        "Countries",
        "Liaison notes",
    ]
    assert [e.current for e in menus.shown("main", user=None, path="/roadmap/")] == [
        False,
        False,
        True,
        False,
        False,
        False,
    ]
    assert menus.shown("account", user=None, path="/") == []


@pytest.mark.django_db
def test_the_signed_in_menu_needs_a_signed_in_person(client_for, delegate):
    anonymous = client_for(None).get("/meetings/").content.decode()
    assert 'href="/contributions/mine/"' not in anonymous
    signed_in = client_for(delegate).get("/contributions/mine/").content.decode()
    assert (
        '<a class="nav-link" href="/contributions/mine/" aria-current="page">Dashboard</a>'
        in signed_in
    )
    assert '<a class="nav-link" href="/accounts/me/">My account</a>' in signed_in
