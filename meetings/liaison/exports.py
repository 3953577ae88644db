"""The public list of liaison notes as CSV and JSON (copportal/exports.py): the notes the
list shows an anonymous visitor for the same `?direction=` (views.py `listed`): sent
outgoing notes and published incoming ones, never drafts or approved ones not yet sent."""

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from copportal.exports import Column, Table, absolute, stream, translated

from .views import listed


def _rows(params):
    notes, _direction = listed(params, AnonymousUser())
    return stream(notes)


def _recipients(note, *, cc: bool) -> list[str]:
    return [
        " ".join(part for part in (r.body, r.detail) if part)
        for r in note.recipients.all()
        if r.is_cc == cc
    ]


def _purposes(note) -> list[str]:
    return [r.purpose for r in note.recipients.all() if not r.is_cc]


TABLE = Table(
    name="liaison-notes",
    title=_("Liaison notes"),
    description=_(
        "Liaison notes the group sent to other bodies and published notes it received, "
        "with their recipients."
    ),
    columns=(
        Column("id", lambda n: n.pk),
        Column("direction", lambda n: n.direction),
        Column("meeting", lambda n: n.meeting.number if n.meeting_id else None),
        Column("original_language", lambda n: n.original_language),
        *translated("subject"),
        *translated("body"),
        Column("source", lambda n: " ".join(p for p in (n.source, n.source_detail) if p)),
        Column("recipients", lambda n: _recipients(n, cc=False)),
        Column("recipient_purposes", _purposes),
        Column("reply_by", lambda n: [r.deadline for r in n.recipients.all() if not r.is_cc]),
        Column("in_copy", lambda n: _recipients(n, cc=True)),
        Column("sent_at", lambda n: n.sent_at),
        Column("received_on", lambda n: n.received_on),
        Column("reply_to", lambda n: n.reply_to_id),
        Column("url", lambda n: absolute(n.get_absolute_url())),
    ),
    rows=_rows,
    url_name="meetings:liaison_notes_export",
)
