"""Writes of the meetings app: the agenda (items, order, allocation, releases) and liaison
notes (drafts, their workflow, attachments).

Every structural change of an agenda locks its Agenda row and compares the version the
chair's page showed: a stale change (another tab moved something since) is refused with
StaleAgenda, and nothing is changed.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from copportal.accounts.models import User
from copportal.audit.services import audited_bulk_update
from copportal.languages import Language
from copportal.notifications.services import Recipient, notify
from copportal.uploads import check_upload

from . import agenda
from .models import (
    Agenda,
    AgendaItem,
    AgendaRelease,
    ChairReport,
    DeadlineChange,
    LiaisonAttachment,
    LiaisonNote,
    LiaisonNoteEvent,
    LiaisonRecipient,
    Meeting,
    Theme,
)


class StaleAgenda(Exception):
    """The agenda changed since the page was shown: the change was not applied."""


def _require(user, permission: str, obj=None) -> None:
    if not user.has_perm(permission, obj):
        raise PermissionDenied(permission)


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


def _number_of(meeting: Meeting, item_id: int) -> str:
    for node in agenda.flatten(agenda.draft_tree(meeting, contributions=[])):
        if node.item.pk == item_id:
            return node.number
    return ""


@transaction.atomic
def agenda_item_create(
    *, meeting: Meeting, by, version: int | None, parent: AgendaItem | None = None, **fields
) -> AgendaItem:
    """A new item at the end of the agenda (or of its parent's sub-items)."""
    _require(by, "meetings.change_agenda", meeting)
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
    _require(by, "meetings.change_agenda", item.meeting)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by, version: int | None) -> None:
    """Remove an item and its sub-items; its contributions go back to no item."""
    meeting = item.meeting
    _require(by, "meetings.change_agenda", meeting)
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
    _require(by, "meetings.change_agenda", meeting)
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
    _require(by, "meetings.change_agenda", meeting)
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
    _require(by, "meetings.change_agenda", meeting)
    item_ids = set(AgendaItem.objects.for_meeting(meeting).values_list("pk", flat=True))
    # The ones the builder lists (not other people's drafts).
    listed = meeting.contributions.filter(status__in=agenda.contribution_rule().listed)
    current = dict(listed.values_list("pk", "agenda_item_id"))
    changed = 0
    for contribution_id, item_id in allocations.items():
        if contribution_id not in current:
            raise ValidationError(_("That contribution is not one of this meeting's."))
        if item_id is not None and item_id not in item_ids:
            raise ValidationError(_("That item is not on this meeting's agenda."))
        if current[contribution_id] != item_id:
            meeting.contributions.filter(pk=contribution_id).update(agenda_item_id=item_id)
            changed += 1
    return changed


@transaction.atomic
def agenda_release(*, meeting: Meeting, by, note: str = "", version: int | None) -> AgendaRelease:
    """Freeze the draft as the next released version. The row is the event notifications read.

    Refused (StaleAgenda) when the draft changed since the chair's page showed it, so what
    is released is what the chair saw. The allocated contributions the release leaves out
    (agenda.left_out: the rule the check applied) are kept on the row for the chair.
    """
    _require(by, "meetings.release_agenda", meeting)
    _locked_agenda(meeting, version)
    tree = agenda.draft_tree(meeting)
    if not tree:
        raise ValidationError(_("An agenda without items cannot be released."))
    last = meeting.agenda_releases.order_by("-version").values_list("version", flat=True).first()
    release = AgendaRelease(
        meeting=meeting,
        version=(last or 0) + 1,
        released_at=timezone.now(),
        released_by=by,
        note=note,
        snapshot=agenda.snapshot(meeting, tree),
        left_out=agenda.left_out(tree),
    )
    release.full_clean()
    release.save()
    _notify_release(release)
    return release


def _subscribers() -> list[User]:
    """Who follows the group's work by mail: approved delegates and the officers (each may
    turn a kind of mail off on their preferences page)."""
    return list(
        User.objects.filter(is_active=True)
        .filter(
            models.Q(affiliations__status="approved")
            | models.Q(groups__name__in=["Chair", "Secretariat"])
        )
        .distinct()
    )


def _by_language(users) -> dict[str, list[Recipient]]:
    """Recipients grouped by the language their mail is written in."""
    groups: dict[str, list[Recipient]] = {}
    for user in users:
        recipient = Recipient(user=user)
        groups.setdefault(recipient.mail_language, []).append(recipient)
    return groups


def _notify_release(release: AgendaRelease) -> None:
    """Tell the authors of the contributions on the agenda and the subscribers, with the
    changelog, each in their language (called inside the release's transaction).

    The changelog is the one the agenda page shows the same person: an author who may not see
    members-only contributions (no approved affiliation) gets it without their titles."""
    meeting = release.meeting
    # Contributions know meetings: their submitters are reached through the reverse relation.
    authors = set(
        meeting.contributions.filter(agenda_item__isnull=False).values_list("submitter", flat=True)
    )
    members = {user.pk: user for user in _subscribers()}  # all of them may see members-only
    others = []
    for user in User.objects.filter(pk__in=authors - members.keys()):
        if user.has_perm(agenda.VIEW_MEMBERS_ONLY):
            members[user.pk] = user
        else:
            others.append(user)
    previous = (
        meeting.agenda_releases.filter(version__lt=release.version).order_by("-version").first()
    )
    before, after = previous.snapshot if previous else None, release.snapshot
    audiences = [(members.values(), before, after)]
    if others:
        hidden = agenda.members_only_now(meeting)
        public_before = agenda.public_snapshot(before, hidden) if before else None
        audiences.append((others, public_before, agenda.public_snapshot(after, hidden)))
    for people, old, new in audiences:
        for language, group in _by_language(people).items():
            with translation.override(language):
                changes = agenda.changelog(old, new)
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


# --- Liaison notes ---------------------------------------------------------------------------
# (status, action) -> (new status, the permission the action needs): the whole workflow of an
# outgoing note; INCOMING_NOTE_TRANSITIONS is that of a note received from another body.
LIAISON_NOTE_TRANSITIONS = {
    (LiaisonNote.Status.DRAFT, "approve"): (
        LiaisonNote.Status.APPROVED,
        "meetings.approve_liaisonnote",
    ),
    (LiaisonNote.Status.APPROVED, "return"): (
        LiaisonNote.Status.DRAFT,
        "meetings.approve_liaisonnote",
    ),
    (LiaisonNote.Status.APPROVED, "send"): (LiaisonNote.Status.SENT, "meetings.send_liaisonnote"),
}
INCOMING_NOTE_TRANSITIONS = {
    (LiaisonNote.Status.DRAFT, "publish"): (
        LiaisonNote.Status.PUBLISHED,
        "meetings.publish_liaisonnote",
    ),
}
_TRANSITIONS = {
    LiaisonNote.Direction.OUTGOING: LIAISON_NOTE_TRANSITIONS,
    LiaisonNote.Direction.INCOMING: INCOMING_NOTE_TRANSITIONS,
}
LIAISON_NOTE_ACTIONS = {
    "approve": gettext_lazy("Approve"),
    "return": gettext_lazy("Return to draft"),
    "send": gettext_lazy("Mark as sent"),
    "publish": gettext_lazy("Publish"),
}


class ActionRefused(Exception):
    """The action does not apply to the note as it is now (say, sent already)."""


def liaison_note_allowed_actions(note: LiaisonNote, user) -> list[str]:
    """The actions `user` may take on the note now, for its buttons."""
    return [
        action
        for (status, action), (_to, permission) in _TRANSITIONS[note.direction].items()
        if status == note.status and user.has_perm(permission, note)
    ]


@transaction.atomic
def liaison_note_act(*, note_id: int, action: str, by) -> LiaisonNote:
    """Approve, return or send an outgoing note, publish an incoming one: lock it, check its
    direction's table and the permission, change it, record the event. A second click on the
    same button finds the note changed and is refused (ActionRefused): the event, and the mail
    it leads to, happens once. Only sending mails anyone: publishing an incoming note mails
    no one (it has no recipients, and subscribers are told of what the group sends)."""
    note = LiaisonNote.objects.select_for_update().get(pk=note_id)
    transition = _TRANSITIONS[note.direction].get((note.status, action))
    if transition is None:
        raise ActionRefused(
            _("This note is %(status)s: it cannot be “%(action)s” now.")
            % {
                "status": note.get_status_display().lower(),
                "action": str(LIAISON_NOTE_ACTIONS.get(action, action)).lower(),
            }
        )
    to_status, permission = transition
    _require(by, permission, note)
    now = timezone.now()
    from_status = note.status
    note.status = to_status
    if to_status == LiaisonNote.Status.APPROVED:
        note.approved_at = now
    elif to_status == LiaisonNote.Status.SENT:
        note.sent_at = now
    elif to_status == LiaisonNote.Status.DRAFT:
        note.approved_at = None
    note.full_clean()
    note.save()
    LiaisonNoteEvent.objects.create(
        note=note, action=action, from_status=from_status, to_status=to_status, actor=by, at=now
    )
    if to_status == LiaisonNote.Status.SENT:
        _notify_recipients(note)
        _notify_sent(note)
    return note


def _notify_recipients(note: LiaisonNote) -> None:
    """The note itself to each recipient body's contacts, and a copy to its cc (inside the
    sending transaction). One delivery per address, the key naming the note: an address
    listed twice, or a second send, mails nobody again. Each body's mail is in its language
    where the note is written in it (else the original), with links to the attachments."""
    attachments = [
        {"name": a.original_name, "url": settings.SITE_URL + a.get_absolute_url()}
        for a in note.attachments.all()
    ]
    for recipient in note.recipients.all():
        locale = Language(recipient.language).locale
        context = {
            "subject": note.shown("subject", locale).text,
            "text": note.shown("body", locale).text,
            "body": str(recipient),
            "purpose": recipient.purpose,
            "reply_by": recipient.deadline.isoformat() if recipient.deadline else "",
            "attachments": attachments,
            "path": note.get_absolute_url(),
            "contact_of": str(recipient),
        }
        for addresses, in_copy in [
            (recipient.contacts, recipient.is_cc),
            (recipient.cc, True),
        ]:
            notify(
                kind="liaison-note-sent",
                key=f"liaison-note-to:{note.pk}",
                recipients=[
                    Recipient(email=address, language=locale, name=str(recipient))
                    for address in addresses
                ],
                context={**context, "in_copy": in_copy},
            )


def _notify_sent(note: LiaisonNote) -> None:
    """Subscribers get a short notice of a sent note (inside the sending transaction: once)."""
    bodies = [str(recipient) for recipient in note.recipients.all()]
    for language, group in _by_language(_subscribers()).items():
        notify(
            kind="liaison-note-notice",
            key=f"liaison-note-sent:{note.pk}",
            recipients=group,
            context={
                "subject": note.shown("subject", language).text,
                "bodies": bodies,
                "path": note.get_absolute_url(),
            },
        )


def _check_recipients(recipients: list[dict]) -> None:
    if not any(not r.get("is_cc") for r in recipients):
        raise ValidationError(_("A liaison note needs at least one recipient (not in copy)."))
    for r in recipients:
        if r.get("purpose") == LiaisonRecipient.Purpose.ACTION and not r.get("deadline"):
            raise ValidationError(
                _("%(body)s is asked for action: give the date to reply by.")
                % {"body": r.get("body", "")}
            )


@transaction.atomic
def liaison_note_save(
    *,
    by,
    fields: dict,
    recipients: list[dict],
    note: LiaisonNote | None = None,
    upload=None,
) -> LiaisonNote:
    """Create a draft outgoing note or change one (only drafts change), its recipients and
    attachments."""
    if note is None:
        _require(by, "meetings.add_liaisonnote")
        note = LiaisonNote(status=LiaisonNote.Status.DRAFT)
    else:
        note = LiaisonNote.objects.select_for_update().get(pk=note.pk)
        _require(by, "meetings.change_liaisonnote", note)
        if note.is_incoming:
            raise ValidationError(_("This note was received: it has no recipients."))
    _check_recipients(recipients)
    for name, value in fields.items():
        setattr(note, name, value)
    if note.reply_to_id and note.reply_to_id == note.pk:
        raise ValidationError(_("A note cannot reply to itself."))
    note.full_clean()
    note.save()
    note.recipients.all().delete()
    for values in recipients:
        recipient = LiaisonRecipient(note=note, **values)
        recipient.full_clean()
        recipient.save()
    if upload is not None:
        liaison_attachment_add(note=note, by=by, upload=upload)
    return note


@transaction.atomic
def incoming_note_save(
    *, by, fields: dict, note: LiaisonNote | None = None, upload=None
) -> LiaisonNote:
    """Record a note received from another body as a draft, or change one (only drafts
    change), with an attachment. It goes to no one: the public reads it once published."""
    if note is None:
        _require(by, "meetings.add_liaisonnote")
        note = LiaisonNote(
            direction=LiaisonNote.Direction.INCOMING, status=LiaisonNote.Status.DRAFT
        )
    else:
        note = LiaisonNote.objects.select_for_update().get(pk=note.pk)
        _require(by, "meetings.change_liaisonnote", note)
        if not note.is_incoming:
            raise ValidationError(_("This note is one the group sends, not one it received."))
    for name, value in fields.items():
        setattr(note, name, value)
    if note.reply_to_id and note.reply_to_id == note.pk:
        raise ValidationError(_("A note cannot reply to itself."))
    note.full_clean()
    note.save()
    if upload is not None:
        liaison_attachment_add(note=note, by=by, upload=upload)
    return note


def liaison_attachment_add(*, note: LiaisonNote, by, upload) -> LiaisonAttachment:
    """Check the file like a contribution's (content, not name) and keep it privately."""
    _require(by, "meetings.change_liaisonnote", note)
    attachment = LiaisonAttachment(note=note)
    attachment.store(check_upload(upload), upload, by=by)
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def liaison_attachment_remove(*, attachment: LiaisonAttachment, by) -> None:
    _require(by, "meetings.change_liaisonnote", attachment.note)
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))  # a rollback keeps the file


# --- Meetings --------------------------------------------------------------------------------
@transaction.atomic
def meeting_deadline_set(
    *, meeting_id: int, by: User, deadline: datetime.datetime | None, reason: str = ""
) -> bool:
    """Override a meeting's deadline (None: back to the rule), recording who and why.

    Only a deadline from a year before the meeting opens to its opening. Returns whether the
    deadline changed: the same deadline again changes and records nothing.
    """
    if not by.has_perm("meetings.change_deadline"):
        raise PermissionDenied
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    if deadline is not None:
        earliest, latest = meeting.deadline_bounds
        if not earliest <= deadline <= latest:
            raise ValidationError(
                _("A deadline must fall between a year before the meeting opens and its opening."),
                code="out-of-range",
            )
        if deadline == meeting.rule_deadline and meeting.deadline_override is None:
            deadline = None  # the rule's own deadline: nothing to override
    old = meeting.deadline
    if deadline == meeting.deadline_override:
        return False
    meeting.deadline_override = deadline
    meeting.full_clean()
    meeting.save(update_fields=["deadline_override"])
    DeadlineChange.objects.create(
        meeting=meeting,
        changed_by=by,
        old_deadline=old,
        new_deadline=meeting.deadline,
        reason=reason.strip(),
    )
    return True


@transaction.atomic
def meeting_save(*, by: User, meeting: Meeting, sessions) -> Meeting:
    """Create or change a meeting and its sessions (a validated inline formset) together."""
    _require(by, "meetings.change_meeting" if meeting.pk else "meetings.add_meeting", meeting)
    meeting.full_clean()
    meeting.save()
    sessions.instance = meeting
    for form in sessions.forms:
        form.instance.meeting = meeting
    sessions.save()
    return meeting


# Addresses under /roadmap/ that are not themes.
RESERVED_THEME_SLUGS = {"new"}


def _theme_slug(theme: Theme) -> str:
    """An address for a new theme from its English title (or its original one), unique."""
    title = getattr(theme, "title_en", "") or theme.text_in("title", theme.original_language)
    base = slugify(title)[:40].strip("-") or "theme"
    slug, n = base, 1
    while slug in RESERVED_THEME_SLUGS or Theme.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _theme_meetings_set(theme: Theme, meetings) -> None:
    """The meetings held on the theme: these, and no others (a meeting has one theme)."""
    ids = {m.pk for m in meetings}
    changed = []
    for meeting in Meeting.objects.filter(models.Q(theme=theme) | models.Q(pk__in=ids)):
        wanted = theme.pk if meeting.pk in ids else None
        if meeting.theme_id != wanted:
            meeting.theme_id = wanted
            changed.append(meeting)
    # Each meeting that gains or loses the theme gets its audit log entry.
    audited_bulk_update(changed, ["theme"])


@transaction.atomic
def theme_create(*, by: User, meetings=(), **fields) -> Theme:
    """A new theme of the roadmap, with an address made from its title."""
    _require(by, "meetings.add_theme")
    theme = Theme(kind=Theme.Kind.ROADMAP, **fields)
    theme.slug = _theme_slug(theme)
    theme.full_clean()
    theme.save()
    _theme_meetings_set(theme, meetings)
    return theme


@transaction.atomic
def theme_update(*, by: User, theme: Theme, meetings=None, **fields) -> Theme:
    """Change a roadmap theme's texts, period or order (and its meetings, when given)."""
    _require(by, "meetings.change_theme", theme)
    for name, value in fields.items():
        setattr(theme, name, value)
    theme.full_clean()
    theme.save()
    if meetings is not None:
        _theme_meetings_set(theme, meetings)
    return theme


@transaction.atomic
def theme_delete(*, by: User, theme: Theme) -> None:
    """Delete a theme nothing refers to. One that a meeting, a contribution or a resource
    carries is refused (deleting it would untag them): the chair edits it instead."""
    _require(by, "meetings.delete_theme", theme)
    # Reverse relations: contributions and resources know themes, not the other way round.
    used = {
        "meetings": theme.meetings.count(),
        "contributions": theme.contributions.count(),
        "resources": theme.resources.count(),
    }
    if any(used.values()):
        raise ValidationError(
            _(
                "This theme is still in use (meetings: %(meetings)s, contributions: "
                "%(contributions)s, resources: %(resources)s): it cannot be deleted. Take it "
                "from them first, or edit the theme instead."
            )
            % used,
            code="in-use",
        )
    theme.delete()


@transaction.atomic
def meeting_outcomes_save(*, by: User, meeting: Meeting, formsets) -> Meeting:
    """Save a meeting's recommendations and draft resolutions (validated inline formsets)."""
    _require(by, "meetings.change_outcomes", meeting)
    for formset in formsets:
        formset.save()
    return meeting


# --- The chair's report ----------------------------------------------------------------------
def _check_report_file(upload):
    checked = check_upload(upload)
    if checked.file_type not in ChairReport.FILE_TYPES:
        raise ValidationError(
            _("The chair's report must be a PDF or a Word (DOCX) document; this file is %(type)s.")
            % {"type": checked.file_type.upper()},
            code="file-type",
        )
    return checked


@transaction.atomic
def chair_report_save(*, meeting: Meeting, by: User, language: str, upload) -> ChairReport:
    """Upload the chair's report in one language, or replace the one there is.

    The file is checked by its content (copportal/uploads) and must be a PDF or a DOCX; a
    replaced file is deleted from storage once the new one is committed.
    """
    _require(by, "meetings.change_chair_report", meeting)
    checked = _check_report_file(upload)
    report = (
        ChairReport.objects.select_for_update().filter(meeting=meeting, language=language).first()
    )
    old_file = report.file.name if report else None
    if report is None:
        report = ChairReport(meeting=meeting, language=language)
    report.store(checked, upload, by=by)
    report.full_clean()
    report.save()
    if old_file:
        storage = report.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return report


@transaction.atomic
def chair_report_remove(*, report: ChairReport, by: User) -> None:
    """Remove one language's report (its file goes once the removal is committed)."""
    _require(by, "meetings.change_chair_report", report.meeting)
    name, storage = report.file.name, report.file.storage
    report.delete()
    transaction.on_commit(lambda: storage.delete(name))
