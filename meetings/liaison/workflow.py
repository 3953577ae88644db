"""The status of a liaison note changes here (copportal/workflow.py's one writer).

One table for both directions: an outgoing note goes draft -> approved (the chair) -> sent
(the secretariat), and may be returned to draft before it is sent; a note received from
another body goes draft -> published (the secretariat). Each row applies to the notes of its
direction only. Sending mails the recipients and tells the subscribers (meetings/liaison/
mail.py); publishing a received note mails no one.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from copportal.workflow import Workflow, step

from . import mail
from .models import LiaisonNote, LiaisonNoteEvent

Status = LiaisonNote.Status
APPROVE = "meetings.approve_liaisonnote"
SEND = "meetings.send_liaisonnote"
PUBLISH = "meetings.publish_liaisonnote"


def _outgoing(note: LiaisonNote) -> bool:
    return not note.is_incoming


def _incoming(note: LiaisonNote) -> bool:
    return note.is_incoming


# What an action changes besides the status; each returns the text its event records.
def _approve(liaison_note, *, by, note, at):
    liaison_note.approved_at = at
    return note


def _return(liaison_note, *, by, note, at):
    liaison_note.approved_at = None
    return note


def _send(liaison_note, *, by, note, at):
    liaison_note.sent_at = at
    return note


def _sent(event: LiaisonNoteEvent) -> None:
    mail.notify_recipients(event.liaison_note)
    mail.notify_sent(event.liaison_note)


ROWS = [
    step(
        Status.DRAFT,
        "approve",
        Status.APPROVED,
        APPROVE,
        gettext_lazy("Approve"),
        effect=_approve,
        applies=_outgoing,
    ),
    step(
        Status.APPROVED,
        "return",
        Status.DRAFT,
        APPROVE,
        gettext_lazy("Return to draft"),
        effect=_return,
        applies=_outgoing,
    ),
    step(
        Status.APPROVED,
        "send",
        Status.SENT,
        SEND,
        gettext_lazy("Mark as sent"),
        effect=_send,
        notify=_sent,
        applies=_outgoing,
    ),
    step(
        Status.DRAFT,
        "publish",
        Status.PUBLISHED,
        PUBLISH,
        gettext_lazy("Publish"),
        applies=_incoming,
    ),
]
LABELS = {row.action: row.label for row in ROWS}


class ActionRefused(ValidationError):
    """The action does not apply to the note as it is now (say, sent already)."""


def _refusal(note: LiaisonNote, action: str) -> ActionRefused:
    return ActionRefused(
        _("This note is %(status)s: it cannot be “%(action)s” now.")
        % {
            "status": note.get_status_display().lower(),
            "action": str(LABELS.get(action, action)).lower(),
        },
        code="wrong-status",
    )


WORKFLOW = Workflow(
    model=LiaisonNote,
    transitions=ROWS,
    event_model=LiaisonNoteEvent,
    event_object="liaison_note",
    refusal=_refusal,
)


def _by_direction(applies) -> dict:
    """(status, action) -> (new status, permission): the rows of one direction, for reading."""
    return {
        (source, row.action): (row.target, row.permission)
        for row in ROWS
        if row.applies is applies
        for source in sorted(row.sources)
    }


LIAISON_NOTE_TRANSITIONS = _by_direction(_outgoing)  # an outgoing note's
INCOMING_NOTE_TRANSITIONS = _by_direction(_incoming)  # a received note's
