"""The agenda's numbering, its frozen snapshots and the changelog between two releases.

Reads only: the writes are in meetings/services.py. A meeting's items are read in one query
and numbered in Python (1, 2, 2.1: by order, one level of sub-items); the contributions
allocated to them come through the reverse relation `contributions` (set from the
contributions side), read by field name: this app imports nothing from contributions.
Which of them a release includes, and why it leaves the others out, is the contributions
app's to say: it registers its ContributionRule (contributions/apps.py), and the check
before a release, the release itself and the builder all ask that one rule.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from copportal.content import TranslatedContent, column

from .models import AgendaItem, Meeting

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


# A contribution's visibility, by name (contributions.Contribution.Visibility.MEMBERS).
MEMBERS_ONLY = "members"
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
    contributions: list[dict] = field(default_factory=list)  # every one allocated to it

    @property
    def released_contributions(self) -> list[dict]:
        """The allocated contributions a release of the draft shows under the item."""
        return [c for c in self.contributions if c["released"]]

    @property
    def left_out(self) -> list[dict]:
        """The allocated contributions a release leaves out, each with its `left_out` reason."""
        return [c for c in self.contributions if not c["released"]]

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


def contribution_url(meeting_number: int, number: int | None, pk: int) -> str:
    """The contribution's page, by URL name (contributions' stable addresses)."""
    try:
        if number:
            return reverse("contributions:detail", args=[meeting_number, number])
        return reverse("contributions:detail_by_id", args=[pk])
    except NoReverseMatch:
        return ""


def meeting_contributions(meeting: Meeting) -> list[dict]:
    """The meeting's contributions the builder lists, as plain values (one query), each
    saying whether a release includes it (`released`) and, if not, why (`left_out`)."""
    rule = contribution_rule()
    rows = (
        meeting.contributions.filter(status__in=rule.listed)
        .order_by("number", "pk")
        .values(
            "pk", "number", "title", "original_language", "status", "visibility", "agenda_item_id"
        )
    )
    # The status's label in the reader's language, from the field's own choices (by name:
    # this app imports nothing from contributions).
    labels = dict(meeting.contributions.model._meta.get_field("status").flatchoices)
    result = []
    for row in rows:
        row["status_label"] = str(labels.get(row["status"], row["status"]))
        row["symbol"] = contribution_symbol(meeting.number, row["number"])
        row["url"] = contribution_url(meeting.number, row["number"], row["pk"])
        row["released"] = row["status"] in rule.released
        row["left_out"] = rule.reason_left_out(row["status"])
        result.append(row)
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
        node.contributions = by_item.get(node.item.pk, [])
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
        if not node.contributions:
            warnings.append(
                _(
                    "Item %(number)s, “%(title)s”, is empty: "
                    "no description, document or contribution."
                )
                % {"number": node.number, "title": item.title}
            )
        elif not node.released_contributions:
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


# --- Snapshots -----------------------------------------------------------------------------
def snapshot(meeting: Meeting, tree: list[Node]) -> dict:
    """The draft frozen as plain JSON: numbered items, every language, and the contributions
    the rule releases (Node.released_contributions: what the check said would be there)."""
    items = []
    for node in flatten(tree):
        item = node.item
        frozen = {
            "id": item.pk,
            "number": node.number,
            "parent": item.parent_id,
            "original_language": item.original_language,
            "start_time": item.start_time.strftime("%H:%M") if item.start_time else None,
            "duration_minutes": item.duration_minutes,
            "presenter": item.presenter,
            "documents": item.document_lines,
            "contributions": [
                {
                    "symbol": c["symbol"],
                    "title": c["title"],
                    "language": c["original_language"],
                    "url": c["url"],
                    "members_only": c["visibility"] == MEMBERS_ONLY,
                }
                for c in node.released_contributions
            ],
        }
        for name in TRANSLATED_FIELDS:
            for code in language_codes():
                key = column(name, code)
                frozen[key] = getattr(item, key, "") or ""
        items.append(frozen)
    return {"meeting": meeting.number, "items": items}


def members_only_now(meeting: Meeting) -> tuple[set[str], set[str]]:
    """The symbols and titles of the meeting's members-only contributions as they are now
    (one query): releases made before snapshots marked them, or a contribution made
    members-only after the release, are still recognised."""
    rows = meeting.contributions.filter(visibility=MEMBERS_ONLY).values_list("number", "title")
    symbols = {contribution_symbol(meeting.number, number) for number, _title in rows if number}
    return symbols - {""}, {title for _number, title in rows}


def public_snapshot(release_snapshot: dict, hidden: tuple[set[str], set[str]]) -> dict:
    """The snapshot as a reader who may not see members-only contributions reads it: each
    one keeps its symbol (document numbers are public), loses its title and its link.

    `hidden` is members_only_now(meeting); a contribution marked members-only in the
    snapshot, or matching one now by symbol or title, is hidden (when in doubt, hide).
    """
    symbols, titles = hidden
    items = []
    for data in release_snapshot.get("items", []):
        contributions = []
        for c in data.get("contributions", []):
            if c.get("members_only") or c["symbol"] in symbols or c["title"] in titles:
                c = {"symbol": c["symbol"], "title": "", "url": "", "members_only": True}
                c["hidden"] = True
            contributions.append(c)
        items.append({**data, "contributions": contributions})
    return {**release_snapshot, "items": items}


def contribution_label(c: dict) -> str:
    """How a changelog names a contribution: its symbol, else its title (none when hidden)."""
    return c["symbol"] or c["title"] or str(_("a members-only contribution"))


class FrozenItem:
    """An item of a release, shown like a live one (the {% translated %} tag works on it)."""

    text_in = TranslatedContent.text_in
    shown = TranslatedContent.shown

    def __init__(self, data: dict):
        self.data = data
        for key, value in data.items():
            setattr(self, key, value)
        self.level = 1 if data["parent"] else 0

    @property
    def title(self) -> str:
        return self.shown("title").text


def frozen_items(release_snapshot: dict) -> list[FrozenItem]:
    return [FrozenItem(data) for data in release_snapshot.get("items", [])]


# --- The changelog between two releases -----------------------------------------------------
@dataclass
class Change:
    kind: str  # added, removed, moved, renumbered, contribution-added, contribution-removed
    item: FrozenItem
    old_number: str = ""
    contribution: str = ""

    @property
    def sentence(self) -> str:
        number, title = self.item.number, self.item.title
        if self.kind == "added":
            return _("Item %(number)s, “%(title)s”, is new.") % {"number": number, "title": title}
        if self.kind == "removed":
            return _("Item %(number)s, “%(title)s”, was removed.") % {
                "number": number,
                "title": title,
            }
        if self.kind == "moved":
            return _("“%(title)s” moved from item %(old)s to item %(number)s.") % {
                "title": title,
                "old": self.old_number,
                "number": number,
            }
        if self.kind == "renumbered":
            return _("“%(title)s” is now item %(number)s (was %(old)s).") % {
                "title": title,
                "old": self.old_number,
                "number": number,
            }
        if self.kind == "contribution-added":
            return _("%(contribution)s was added to item %(number)s.") % {
                "contribution": self.contribution,
                "number": number,
            }
        return _("%(contribution)s was removed from item %(number)s.") % {
            "contribution": self.contribution,
            "number": number,
        }


def _kept_in_place(old: list[tuple], new: list[tuple]) -> set[tuple]:
    """The longest run of (id, parent) pairs that keep their relative order (an LCS): the
    items outside it are the ones that moved. On a tie the item later in the old order is
    the one said to move (an item moved up is named, not every item it passed)."""
    rows, cols = len(old), len(new)
    table = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows):
        for j in range(cols):
            table[i + 1][j + 1] = (
                table[i][j] + 1 if old[i] == new[j] else max(table[i][j + 1], table[i + 1][j])
            )
    kept = set()
    i, j = rows, cols
    while i and j:
        if old[i - 1] == new[j - 1]:
            kept.add(old[i - 1])
            i, j = i - 1, j - 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return kept


def changelog(old: dict | None, new: dict) -> list[Change]:
    """What changed from one release to the next, computed from their two snapshots.

    An item is *moved* when its parent changed or it left the order of the items kept from
    before; *renumbered* when only its number changed (items were added or removed before).
    """
    if old is None:
        return []
    old_items = {data["id"]: data for data in old.get("items", [])}
    new_items = {data["id"]: data for data in new.get("items", [])}
    common = set(old_items) & set(new_items)
    kept = _kept_in_place(
        [(d["id"], d["parent"]) for d in old.get("items", []) if d["id"] in common],
        [(d["id"], d["parent"]) for d in new.get("items", []) if d["id"] in common],
    )
    changes = []
    for data in new.get("items", []):
        item = FrozenItem(data)
        before = old_items.get(data["id"])
        if before is None:
            changes.append(Change("added", item))
            continue
        if (data["id"], data["parent"]) not in kept:
            changes.append(Change("moved", item, old_number=before["number"]))
        elif before["number"] != data["number"]:
            changes.append(Change("renumbered", item, old_number=before["number"]))
        old_symbols = {contribution_label(c) for c in before["contributions"]}
        new_symbols = {contribution_label(c) for c in data["contributions"]}
        for symbol in sorted(new_symbols - old_symbols):
            changes.append(Change("contribution-added", item, contribution=symbol))
        for symbol in sorted(old_symbols - new_symbols):
            changes.append(Change("contribution-removed", item, contribution=symbol))
    for data in old.get("items", []):
        if data["id"] not in new_items:
            changes.append(Change("removed", FrozenItem(data)))
    return changes
