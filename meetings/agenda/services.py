"""Writes of the agenda: items, order, allocation, releases (and the mail a release sends).

Every structural change of an agenda locks its Agenda row and compares the version the
chair's page showed: a stale change (another tab moved something since) is refused with
StaleAgenda, and nothing is changed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from copportal import pagecache
from copportal.accounts.models import User
from copportal.audit.services import audited_bulk_update
from copportal.notifications.services import notify

from ..models import Meeting
from ..providers import agenda_documents
from ..services import by_language, require, subscribers
from . import numbering, snapshots
from .models import Agenda, AgendaItem, AgendaRelease


class StaleAgenda(Exception):
    """The agenda changed since the page was shown: the change was not applied."""


def _locked_agenda(meeting: Meeting, version: int | None) -> Agenda:
    """The meeting's Agenda row, locked; StaleAgenda if `version` is not the current one."""
    Agenda.objects.get_or_create(meeting=meeting)
    locked = Agenda.objects.select_for_update().get(meeting=meeting)
    if version is not None and version != locked.version:
        raise StaleAgenda
    return locked


def _bump(locked: Agenda) -> None:
    locked.version += 1
    locked.save(update_fields=["version"])


def _items(meeting: Meeting) -> list[AgendaItem]:
    return list(AgendaItem.objects.for_meeting(meeting).order_by("order", "pk"))


def _save_order(items: list[AgendaItem]) -> None:
    """Give every item its order again: 0, 1, 2 ... among its siblings, as listed."""
    counters: dict[int | None, int] = {}
    for item in items:
        index = counters.get(item.parent_id, 0)
        counters[item.parent_id] = index + 1
        item.order = index
    # One UPDATE for all; each item whose place changed gets its audit log entry.
    audited_bulk_update(items, ["order", "parent"])
    pagecache.bump()  # bulk_update sends no signal


def _number_of(meeting: Meeting, item_id: int) -> str:
    for node in numbering.flatten(numbering.draft_tree(meeting, contributions=[])):
        if node.item.pk == item_id:
            return node.number
    return ""


@transaction.atomic
def agenda_item_create(
    *, meeting: Meeting, by, version: int | None, parent: AgendaItem | None = None, **fields
) -> AgendaItem:
    """A new item at the end of the agenda (or of its parent's sub-items)."""
    require(by, "meetings.change_agenda", meeting)
    locked = _locked_agenda(meeting, version)
    siblings = AgendaItem.objects.filter(meeting=meeting, parent=parent)
    item = AgendaItem(meeting=meeting, parent=parent, order=siblings.count(), **fields)
    item.full_clean()
    item.save()
    _bump(locked)
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, by, **fields) -> AgendaItem:
    """Change an item's texts, time, presenter or documents (not its place)."""
    require(by, "meetings.change_agenda", item.meeting)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by, version: int | None) -> None:
    """Remove an item and its sub-items; its contributions go back to no item."""
    meeting = item.meeting
    require(by, "meetings.change_agenda", meeting)
    locked = _locked_agenda(meeting, version)
    item.delete()
    _save_order(_items(meeting))
    _bump(locked)


MOVES = ("up", "down", "indent", "outdent")


@transaction.atomic
def agenda_item_move(*, item_id: int, by, direction: str, version: int | None) -> tuple[str, str]:
    """Move an item up, down, into the item before it (indent) or out of its parent.

    Returns its number before and after. ValidationError when the move is not possible
    (the first item cannot go up); StaleAgenda when the page was out of date.
    """
    if direction not in MOVES:
        raise ValidationError(_("Unknown move."))
    item = AgendaItem.objects.select_related("meeting").get(pk=item_id)
    meeting = item.meeting
    require(by, "meetings.change_agenda", meeting)
    locked = _locked_agenda(meeting, version)
    before = _number_of(meeting, item.pk)
    items = _items(meeting)
    item = next(i for i in items if i.pk == item.pk)
    top = [i for i in items if i.parent_id is None]
    siblings = [i for i in items if i.parent_id == item.parent_id]
    index = siblings.index(item)
    has_children = any(i.parent_id == item.pk for i in items)
    if direction in ("up", "down"):
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            raise ValidationError(_("The item cannot move further that way."))
        siblings[index], siblings[other] = siblings[other], siblings[index]
        reordered = siblings
    elif direction == "indent":
        if item.parent_id is not None or index == 0 or has_children:
            raise ValidationError(
                _("Only a top-level item without sub-items, after another item, can be indented.")
            )
        new_parent = siblings[index - 1]
        item.parent = new_parent
        kids = [i for i in items if i.parent_id == new_parent.pk]
        reordered = [i for i in top if i.pk != item.pk] + kids + [item]
    else:
        if item.parent_id is None:
            raise ValidationError(_("A top-level item cannot be outdented."))
        parent_index = next(k for k, i in enumerate(top) if i.pk == item.parent_id)
        item.parent = None
        top.insert(parent_index + 1, item)
        reordered = top + [i for i in siblings if i.pk != item.pk]
    _save_order(reordered)
    _bump(locked)
    return before, _number_of(meeting, item.pk)


@transaction.atomic
def agenda_reorder(
    *, meeting: Meeting, by, parent_id: int | None, item_ids: list[int], version: int | None
) -> None:
    """Put the items of one level (top level, or one item's sub-items) in the order given:
    what a drag and drop sends. The ids must be exactly that level's items."""
    require(by, "meetings.change_agenda", meeting)
    locked = _locked_agenda(meeting, version)
    siblings = {i.pk: i for i in _items(meeting) if i.parent_id == parent_id}
    if sorted(item_ids) != sorted(siblings):
        raise StaleAgenda
    _save_order([siblings[pk] for pk in item_ids])
    _bump(locked)


@transaction.atomic
def agenda_allocate(*, meeting: Meeting, by, allocations: dict[int, int | None]) -> int:
    """Allocate the meeting's contributions to items ({contribution id: item id or None}).

    Returns how many changed. Items and contributions must be the meeting's.
    """
    require(by, "meetings.change_agenda", meeting)
    item_ids = set(AgendaItem.objects.for_meeting(meeting).values_list("pk", flat=True))
    # The ones the builder lists (not other people's drafts).
    documents = agenda_documents()
    listed = documents.listed(meeting, numbering.contribution_rule().listed)
    current = {row["pk"]: row["agenda_item_id"] for row in listed}
    changed = 0
    for contribution_id, item_id in allocations.items():
        if contribution_id not in current:
            raise ValidationError(_("That contribution is not one of this meeting's."))
        if item_id is not None and item_id not in item_ids:
            raise ValidationError(_("That item is not on this meeting's agenda."))
        if current[contribution_id] != item_id:
            documents.allocate(meeting, contribution_id, item_id)
            pagecache.bump()  # update() sends no signal
            changed += 1
    return changed


@transaction.atomic
def agenda_release(*, meeting: Meeting, by, note: str = "", version: int | None) -> AgendaRelease:
    """Freeze the draft as the next released version. The row is the event notifications read.

    Refused (StaleAgenda) when the draft changed since the chair's page showed it, so what
    is released is what the chair saw. The allocated contributions the release leaves out
    (numbering.left_out: the rule the check applied) are kept on the row for the chair.
    """
    require(by, "meetings.release_agenda", meeting)
    _locked_agenda(meeting, version)
    tree = numbering.draft_tree(meeting)
    if not tree:
        raise ValidationError(_("An agenda without items cannot be released."))
    last = meeting.agenda_releases.order_by("-version").values_list("version", flat=True).first()
    release = AgendaRelease(
        meeting=meeting,
        version=(last or 0) + 1,
        released_at=timezone.now(),
        released_by=by,
        note=note,
        snapshot=snapshots.snapshot(meeting, tree),
        left_out=numbering.left_out(tree),
    )
    release.full_clean()
    release.save()
    _notify_release(release)
    return release


def _notify_release(release: AgendaRelease) -> None:
    """Tell the authors of the contributions on the agenda and the subscribers, with the
    changelog, each in their language (called inside the release's transaction).

    The changelog is the one the agenda page shows the same person: an author who may not see
    members-only contributions (no approved affiliation) gets it without their titles."""
    meeting = release.meeting
    # Contributions know meetings: their submitters come from the contributions app.
    authors = agenda_documents().authors(meeting)
    members = {user.pk: user for user in subscribers()}  # all of them may see members-only
    others = []
    for user in User.objects.filter(pk__in=authors - members.keys()):
        if user.has_perm(numbering.VIEW_MEMBERS_ONLY):
            members[user.pk] = user
        else:
            others.append(user)
    previous = (
        meeting.agenda_releases.filter(version__lt=release.version).order_by("-version").first()
    )
    before, after = previous.snapshot if previous else None, release.snapshot
    audiences = [(members.values(), before, after)]
    if others:
        hidden = snapshots.members_only_now(meeting)
        public_before = snapshots.public_snapshot(before, hidden) if before else None
        audiences.append((others, public_before, snapshots.public_snapshot(after, hidden)))
    for people, old, new in audiences:
        for language, group in by_language(people).items():
            with translation.override(language):
                changes = snapshots.changelog(old, new)
                notify(
                    kind="agenda-released",
                    key=f"agenda-release:{release.pk}",
                    recipients=group,
                    context={
                        "meeting_number": meeting.number,
                        "version": release.version,
                        "changes": [str(change.sentence) for change in changes],
                        "path": reverse("meetings:agenda", args=[meeting.number]),
                    },
                )
