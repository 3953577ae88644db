"""Liaison notes the public may read: outgoing ones once sent, incoming ones once published
(LiaisonNote.objects.published()); never a draft, whoever asks."""

import datetime
from typing import Literal

from django.db.models import Exists, F, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from meetings.liaison.models import LiaisonNote, LiaisonRecipient

from . import paging
from .schemas import ERRORS, Translated, page_of, translated

router = Router(tags=["liaison notes"])


class RecipientOut(Schema):
    body: str
    detail: str
    purpose: str
    reply_by: datetime.date | None
    is_cc: bool


class AttachmentOut(Schema):
    id: int
    name: str
    file_type: str
    size: int
    download_url: str


class LiaisonNoteOut(Schema):
    id: int
    direction: str
    status: str
    meeting: int | None
    source: str
    source_detail: str
    received_on: datetime.date | None
    sent_at: datetime.datetime | None
    subject: Translated
    body: Translated
    original_language: str
    reply_to: int | None
    recipients: list[RecipientOut]
    attachments: list[AttachmentOut]
    url: str


LiaisonNotePage = page_of(LiaisonNoteOut, "LiaisonNotePage")


def _notes():
    recipients = Prefetch("recipients", queryset=LiaisonRecipient.objects.order_by("is_cc", "pk"))
    return (
        LiaisonNote.objects.published()
        .select_related("meeting")
        .prefetch_related(recipients, "attachments")
        .annotate(
            reply_to_public=Exists(LiaisonNote.objects.published().filter(pk=OuterRef("reply_to")))
        )
    )


def note_data(request, note: LiaisonNote) -> dict:
    return {
        "id": note.pk,
        "direction": note.direction,
        "status": note.status,
        "meeting": note.meeting.number if note.meeting_id else None,
        "source": note.source,
        "source_detail": note.source_detail,
        "received_on": note.received_on,
        "sent_at": note.sent_at,
        "subject": translated(note, "subject"),
        "body": translated(note, "body"),
        "original_language": note.original_language,
        # Only a note the public may read too; else nothing is said of it.
        "reply_to": note.reply_to_id if note.reply_to_public else None,
        "recipients": [
            {
                "body": r.body,
                "detail": r.detail,
                "purpose": r.purpose,
                "reply_by": r.deadline,
                "is_cc": r.is_cc,
            }
            for r in note.recipients.all()
        ],
        "attachments": [
            {
                "id": a.pk,
                "name": a.original_name,
                "file_type": a.file_type,
                "size": a.size,
                "download_url": request.build_absolute_uri(a.get_absolute_url()),
            }
            for a in note.attachments.all()
        ],
        "url": request.build_absolute_uri(note.get_absolute_url()),
    }


@router.get("", response={200: LiaisonNotePage, **ERRORS}, summary="Liaison notes")
def liaison_note_list(
    request,
    paged: paging.PagingQuery,
    direction: Literal["incoming", "outgoing"] | None = None,
    meeting: int | None = Query(None, ge=0, le=2**31 - 1, description="A meeting's number."),
):
    """Published liaison notes, the latest meeting first; `direction` keeps one direction."""
    notes = _notes().order_by(
        F("meeting__number").desc(nulls_last=True), "-sent_at", "-received_on", "pk"
    )
    if direction:
        notes = notes.filter(direction=direction)
    if meeting is not None:
        notes = notes.filter(meeting__number=meeting)
    return paging.page(request, notes, paged, lambda n: note_data(request, n))


@router.get("{int:note_id}/", response={200: LiaisonNoteOut, **ERRORS}, summary="A liaison note")
def liaison_note_detail(request, note_id: int):
    return note_data(request, get_object_or_404(_notes(), pk=note_id))
