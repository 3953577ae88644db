"""A released agenda's frozen snapshot, as the public and members read it, and the changelog
between two releases."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from copportal.content import TranslatedContent, column

from ..models import Meeting
from ..providers import agenda_documents
from .numbering import TRANSLATED_FIELDS, Node, contribution_symbol, flatten, language_codes


def snapshot(meeting: Meeting, tree: list[Node]) -> dict:
    """The draft frozen as plain JSON: numbered items, every language, and under `allocated`
    the contributions the rule releases (Node.released: what the check said would be there)."""
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
            "allocated": [
                {
                    "symbol": c["symbol"],
                    "title": c["title"],
                    "language": c["original_language"],
                    "url": c["url"],
                    "members_only": c["members_only"],
                }
                for c in node.released
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
    rows = agenda_documents().members_only(meeting)
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
        allocated = []
        for c in data.get("allocated", []):
            if c.get("members_only") or c["symbol"] in symbols or c["title"] in titles:
                c = {"symbol": c["symbol"], "title": "", "url": "", "members_only": True}
                c["hidden"] = True
            allocated.append(c)
        items.append({**data, "allocated": allocated})
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
        old_symbols = {contribution_label(c) for c in before["allocated"]}
        new_symbols = {contribution_label(c) for c in data["allocated"]}
        for symbol in sorted(new_symbols - old_symbols):
            changes.append(Change("contribution-added", item, contribution=symbol))
        for symbol in sorted(old_symbols - new_symbols):
            changes.append(Change("contribution-removed", item, contribution=symbol))
    for data in old.get("items", []):
        if data["id"] not in new_items:
            changes.append(Change("removed", FrozenItem(data)))
    return changes
