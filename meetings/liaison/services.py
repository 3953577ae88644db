"""Writes of liaison notes: drafts, their workflow, attachments, and the mail a sent note sends."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from copportal.languages import Language
from copportal.notifications.services import Recipient, notify
from copportal.uploads import check_upload

from ..services import by_language, require, subscribers
from .models import LiaisonAttachment, LiaisonNote, LiaisonNoteEvent, LiaisonRecipient

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
    require(by, permission, note)
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
    for language, group in by_language(subscribers()).items():
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


@transaction.atomic
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
