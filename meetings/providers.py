"""What the higher apps (contributions, resources) tell meetings of their own rows.

Meetings know neither app (tests/test_dependencies.py): where meetings' code needs their
rows, it asks these hooks, which those apps fill in their AppConfig.ready. Pages show them
through copportal/sections.py; what is here is what code needs: the contributions allocated
to the agenda's items (AgendaDocuments, registered by contributions/meeting_parts.py), what
else carries a theme (a count per app), and the flags a meeting's page reads in its one query
(an Exists per app, e.g. whether the library records the meeting).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.models import OuterRef, QuerySet

    from .models import Meeting, Theme


@dataclass(frozen=True)
class AgendaDocuments:
    """A meeting's contributions as the agenda reads and allocates them (one query each).

    `listed(meeting, statuses)`: the ones in those statuses, by number then pk, as plain
    values: pk, number, title, original_language, status, status_label, members_only,
    agenda_item_id, url. `allocate(meeting, pk, item_id)`: give one of them an item (None:
    no item). `authors(meeting)`: the users who submitted those allocated to an item.
    `members_only(meeting)`: (number, title) of the members-only ones, whatever their status.
    `sources(meeting)`: (number, organization id) of each numbered one's sources, in order.
    """

    listed: Callable[["Meeting", frozenset[str]], list[dict]]
    allocate: Callable[["Meeting", int, int | None], None]
    authors: Callable[["Meeting"], set[int]]
    members_only: Callable[["Meeting"], list[tuple[int | None, str]]]
    sources: Callable[["Meeting"], list[tuple[int, int]]]


def _nothing_listed(meeting, statuses):
    return []


def _no_allocation(meeting, pk, item_id):
    raise LookupError("No app provides the agenda's contributions.")


# No contributions app, no contributions.
_documents = AgendaDocuments(
    listed=_nothing_listed,
    allocate=_no_allocation,
    authors=lambda meeting: set(),
    members_only=lambda meeting: [],
    sources=lambda meeting: [],
)
_theme_uses: dict[str, Callable[["Theme"], int]] = {}
_page_flags: dict[str, Callable[["OuterRef"], "QuerySet"]] = {}


def register_agenda_documents(documents: AgendaDocuments) -> None:
    global _documents
    _documents = documents


def agenda_documents() -> AgendaDocuments:
    return _documents


def register_theme_use(name: str, count: Callable[["Theme"], int]) -> None:
    """`count(theme)`: how many of the app's rows carry the theme; `name` is the one the
    message refusing a deletion gives them (meetings/roadmap/services.py theme_delete)."""
    _theme_uses[name] = count


def theme_uses(theme: "Theme") -> dict[str, int]:
    return {name: count(theme) for name, count in _theme_uses.items()}


def register_page_flag(name: str, rows: Callable[["OuterRef"], "QuerySet"]) -> None:
    """`rows(meeting)`: the app's rows of a meeting (an OuterRef); the meeting's page query
    gets `name` (True when there is one), so that its section reads them only when there."""
    _page_flags[name] = rows


def page_flags(meeting: "OuterRef") -> dict[str, "QuerySet"]:
    return {name: rows(meeting) for name, rows in _page_flags.items()}
