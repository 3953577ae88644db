"""The portal's menus, whose entries the apps register, so that the base's header, footer and
error pages name no app.

Four menus: "main" (the header's bar), "account" (the header's right, for a signed-in person,
before My account's sign-out button), "footer" (the footer's links) and "ways-on" (the error
pages' links beside the home page's). An app adds its entries in its AppConfig.ready:

    from copportal import menus

    menus.register(
        "footer",
        menus.Entry("statistics", _("Statistics"), "<app>:statistics", order=30),
    )

An entry is a URL name without arguments, a label (gettext_lazy), and a place: entries show
in the order of `order` (the main menu: Meetings 10, Contributions 20, Submit 30, Desk 40,
Roadmap 50, Library 60, Countries 65, Liaison notes 70, Affiliations 80, Mail log 90; the
account menu: Dashboard 10, My account 20; the footer: helplines 10, library 20, statistics
30, open data 40; ways on: meetings 10, contributions 20). `permission` shows it only to
whom has that permission (rules.py); `signed_in` only to a signed-in person; `current` marks
it aria-current="page" on its own page (the header's menus; the footer and the error pages
mark none).
A page rendered without a user (the 500 page) shows the entries that ask neither.
`{% menu "main" as entries %}` (copportal/templatetags/portal.py) gives the entries the
person may see, each with its url, label and whether it is the current page.
"""

from dataclasses import dataclass

from django.urls import reverse

MENUS = ("main", "account", "footer", "ways-on")


@dataclass(frozen=True)
class Entry:
    name: str
    label: str
    url_name: str
    order: int
    permission: str | None = None
    signed_in: bool = False
    current: bool = True


@dataclass(frozen=True)
class Shown:
    """An entry as a page shows it."""

    url: str
    label: str
    current: bool


_entries: dict[str, dict[str, Entry]] = {menu: {} for menu in MENUS}


def register(menu: str, *entries: Entry) -> None:
    """Add (or replace, by name: ready() may run twice in tests) entries to a menu."""
    if menu not in _entries:
        raise ValueError(f"No menu {menu!r}: the menus are {', '.join(MENUS)}.")
    for entry in entries:
        _entries[menu][entry.name] = entry


def entries(menu: str) -> list[Entry]:
    return sorted(_entries[menu].values(), key=lambda entry: entry.order)


def _may_see(entry: Entry, user) -> bool:
    if entry.permission is None and not entry.signed_in:
        return True
    if user is None:  # rendered without context processors: no user, no permission asked
        return False
    if entry.signed_in and not user.is_authenticated:
        return False
    return entry.permission is None or user.has_perm(entry.permission)


def shown(menu: str, *, user, path: str | None) -> list[Shown]:
    """The entries of `menu` that `user` (None: unknown) may see, on the page at `path`."""
    found = []
    for entry in entries(menu):
        if not _may_see(entry, user):
            continue
        url = reverse(entry.url_name)
        found.append(Shown(url=url, label=entry.label, current=entry.current and path == url))
    return found
