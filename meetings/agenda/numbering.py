"""The agenda's numbering, its frozen snapshots and the changelog between two releases.

Reads only: the writes are in meetings/agenda/services.py. A meeting's items are read in one query
and numbered in Python (1, 2, 2.1: by order, one level of sub-items); the contributions
allocated to them come from the contributions app's AgendaDocuments (meetings/providers.py,
registered in contributions/apps.py): this app knows nothing of contributions.
Which of them a release includes, and why it leaves the others out, is the contributions
app's to say: it registers its ContributionRule (contributions/apps.py), and the check
before a release, the release itself and the builder all ask that one rule.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from ..models import AgendaItem, Meeting
from ..providers import agenda_documents

TRANSLATED_FIELDS = ("title", "description")


@dataclass(frozen=True)
class ContributionRule:
    """What the agenda does with a meeting's contributions, by status: registered by the
    contributions app, which owns the statuses (this app knows none of them).

    `listed`: the statuses the builder lists (not drafts: they are their authors' own);
    `released`: the statuses a released agenda shows under their item; `expected`: those
    that should have an item (the check names the ones without); `left_out`: why an
    allocated contribution in each other listed status stays off the release.
    """

    listed: frozenset[str] = frozenset()
    released: frozenset[str] = frozenset()
    expected: frozenset[str] = frozenset()
    left_out: Mapping[str, str] = field(default_factory=dict)

    def reason_left_out(self, status: str) -> str:
        """Why a contribution in `status` is not on a release ("" when it is)."""
        if status in self.released:
            return ""
        return str(self.left_out.get(status, status))


_rule = ContributionRule()  # no contributions app, no contributions


def register_contribution_rule(rule: ContributionRule) -> None:
    global _rule
    _rule = rule


def contribution_rule() -> ContributionRule:
    return _rule


# Who may read members-only contributions (contributions/rules.py), by name.
VIEW_MEMBERS_ONLY = "contributions.view_members_only"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@dataclass
class Node:
    """An item of the draft agenda with its number and sub-items."""

    item: AgendaItem
    number: str
    position: int  # its index among its siblings
    siblings: int  # how many siblings it has, itself included
    children: list["Node"] = field(default_factory=list)
    allocated: list[dict] = field(default_factory=list)  # every contribution allocated to it

    @property
    def released(self) -> list[dict]:
        """The allocated contributions a release of the draft shows under the item."""
        return [c for c in self.allocated if c["released"]]

    @property
    def left_out(self) -> list[dict]:
        """The allocated contributions a release leaves out, each with its `left_out` reason."""
        return [c for c in self.allocated if not c["released"]]

    @property
    def can_move_up(self) -> bool:
        return self.position > 0

    @property
    def can_move_down(self) -> bool:
        return self.position < self.siblings - 1

    @property
    def can_indent(self) -> bool:
        """A top-level item without sub-items of its own, after another top-level item."""
        return self.item.parent_id is None and self.position > 0 and not self.children

    @property
    def can_outdent(self) -> bool:
        return self.item.parent_id is not None


def build_tree(items) -> list[Node]:
    """Number the items (already ordered by order, pk): top-level 1, 2; sub-items 2.1."""
    items = list(items)
    top = [item for item in items if item.parent_id is None]
    children: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.parent_id is not None:
            children.setdefault(item.parent_id, []).append(item)
    tree = []
    for i, item in enumerate(top, start=1):
        node = Node(item, str(i), i - 1, len(top))
        kids = children.get(item.pk, [])
        node.children = [
            Node(child, f"{i}.{j}", j - 1, len(kids)) for j, child in enumerate(kids, start=1)
        ]
        tree.append(node)
    return tree


def flatten(tree: list[Node]) -> list[Node]:
    return [n for node in tree for n in [node, *node.children]]


def contribution_symbol(meeting_number: int, number: int | None) -> str:
    return f"CWG-COP-{meeting_number}/{number}" if number else ""


def meeting_contributions(meeting: Meeting) -> list[dict]:
    """The meeting's contributions the builder lists, as plain values (one query), each
    saying whether a release includes it (`released`) and, if not, why (`left_out`)."""
    rule = contribution_rule()
    result = agenda_documents().listed(meeting, rule.listed)
    for row in result:
        row["symbol"] = contribution_symbol(meeting.number, row["number"])
        row["released"] = row["status"] in rule.released
        row["left_out"] = rule.reason_left_out(row["status"])
    return result


def draft_tree(meeting: Meeting, contributions: list[dict] | None = None) -> list[Node]:
    """The draft agenda, numbered, with the contributions allocated to each item (2 queries)."""
    tree = build_tree(AgendaItem.objects.for_meeting(meeting).order_by("order", "pk"))
    if contributions is None:
        contributions = meeting_contributions(meeting)
    by_item: dict[int, list[dict]] = {}
    for row in contributions:
        if row["agenda_item_id"]:
            by_item.setdefault(row["agenda_item_id"], []).append(row)
    for node in flatten(tree):
        node.allocated = by_item.get(node.item.pk, [])
    return tree


# --- Warnings before a release -------------------------------------------------------------
def left_out(tree: list[Node]) -> list[dict]:
    """The allocated contributions a release of `tree` leaves out, as plain values (what the
    release keeps, in the language of no one: the reason is said from the status)."""
    return [
        {"item": node.number, "symbol": c["symbol"], "title": c["title"], "status": c["status"]}
        for node in flatten(tree)
        for c in node.left_out
    ]


def left_out_sentences(entries: list[dict]) -> list[str]:
    """What left_out() found, said to the chair: one sentence per contribution, with why."""
    rule = contribution_rule()
    return [
        _("Item %(number)s: %(contribution)s is left out (%(reason)s).")
        % {
            "contribution": entry["symbol"] or entry["title"],
            "number": entry["item"],
            "reason": rule.reason_left_out(entry["status"]),
        }
        for entry in entries
    ]


def release_warnings(tree: list[Node], contributions: list[dict]) -> list[str]:
    """What looks wrong in the draft: said before the chair releases it. An item counts as
    empty, and a contribution as on the agenda, exactly as the release will have them."""
    warnings = []
    if not tree:
        warnings.append(_("The agenda has no item."))
    for node in flatten(tree):
        item = node.item
        if item.description or item.presenter or item.documents or node.children:
            continue
        if not node.allocated:
            warnings.append(
                _(
                    "Item %(number)s, “%(title)s”, is empty: "
                    "no description, document or contribution."
                )
                % {"number": node.number, "title": item.title}
            )
        elif not node.released:
            warnings.append(
                _(
                    "Item %(number)s, “%(title)s”, will be released empty: none of the "
                    "contributions allocated to it is on the release."
                )
                % {"number": node.number, "title": item.title}
            )
    warnings.extend(left_out_sentences(left_out(tree)))
    expected = contribution_rule().expected
    for c in contributions:
        if c["status"] in expected and not c["agenda_item_id"]:
            warnings.append(
                _("%(contribution)s is allocated to no item.")
                % {"contribution": c["symbol"] or c["title"]}
            )
    return warnings
