"""Writes of liaison notes: drafts, attachments, and their workflow's actions (whose table
is meetings/liaison/workflow.py's, with the mail a sent note sends)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from copportal.uploads import atomic_with_uploads, check_upload

from ..services import require
from .models import LiaisonAttachment, LiaisonNote, LiaisonRecipient
from .workflow import (
    INCOMING_NOTE_TRANSITIONS,
    LABELS,
    LIAISON_NOTE_TRANSITIONS,
    WORKFLOW,
    ActionRefused,
)

__all__ = [
    "INCOMING_NOTE_TRANSITIONS",
    "LIAISON_NOTE_ACTIONS",
    "LIAISON_NOTE_TRANSITIONS",
    "ActionRefused",
    "liaison_note_act",
    "liaison_note_allowed_actions",
]
LIAISON_NOTE_ACTIONS = LABELS  # action -> its button's text


def liaison_note_allowed_actions(note: LiaisonNote, user) -> list[str]:
    """The actions `user` may take on the note now, for its buttons (the table's order)."""
    return [row.action for row in WORKFLOW.allowed(note, user)]


def liaison_note_act(*, note_id: int, action: str, by) -> LiaisonNote:
    """Approve, return or send an outgoing note, publish an incoming one, through the table
    (which locks the note, checks its direction's rows and the permission, records the event
    and, for a note sent, mails). A second click on the same button finds the note changed
    and is refused (ActionRefused): the event, and the mail it leads to, happens once."""
    return WORKFLOW.transition(note_id, action, by=by)


def _check_recipients(recipients: list[dict]) -> None:
    if not any(not r.get("is_cc") for r in recipients):
        raise ValidationError(_("A liaison note needs at least one recipient (not in copy)."))
    for r in recipients:
        if r.get("purpose") == LiaisonRecipient.Purpose.ACTION and not r.get("deadline"):
            raise ValidationError(
                _("%(body)s is asked for action: give the date to reply by.")
                % {"body": r.get("body", "")}
            )


@atomic_with_uploads()
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
        require(by, "meetings.add_liaisonnote")
        note = LiaisonNote(status=LiaisonNote.Status.DRAFT)
    else:
        note = LiaisonNote.objects.select_for_update().get(pk=note.pk)
        require(by, "meetings.change_liaisonnote", note)
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


@atomic_with_uploads()
def incoming_note_save(
    *, by, fields: dict, note: LiaisonNote | None = None, upload=None
) -> LiaisonNote:
    """Record a note received from another body as a draft, or change one (only drafts
    change), with an attachment. It goes to no one: the public reads it once published."""
    if note is None:
        require(by, "meetings.add_liaisonnote")
        note = LiaisonNote(
            direction=LiaisonNote.Direction.INCOMING, status=LiaisonNote.Status.DRAFT
        )
    else:
        note = LiaisonNote.objects.select_for_update().get(pk=note.pk)
        require(by, "meetings.change_liaisonnote", note)
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
    require(by, "meetings.change_liaisonnote", note)
    attachment = LiaisonAttachment(note=note)
    attachment.store(check_upload(upload), upload, by=by)
    attachment.full_clean()
    attachment.save()
    return attachment


@transaction.atomic
def liaison_attachment_remove(*, attachment: LiaisonAttachment, by) -> None:
    require(by, "meetings.change_liaisonnote", attachment.note)
    name, storage = attachment.file.name, attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))  # a rollback keeps the file
