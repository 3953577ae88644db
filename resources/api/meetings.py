"""Meetings with their sessions and their agenda as released (never the chair's draft)."""

import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from meetings.agenda import numbering, snapshots
from meetings.models import Meeting

from . import paging
from .schemas import ERRORS, Translated, page_of, translated, translated_data

router = Router(tags=["meetings"])


class SessionOut(Schema):
    id: int
    kind: str
    title: Translated
    description: Translated
    original_language: str
    presenters: list[str]


class AgendaContribution(Schema):
    symbol: str
    title: str = Field(description='"" for a members-only one, to those who may not see it.')
    members_only: bool = False
    url: str = ""


class AgendaItemOut(Schema):
    id: int
    number: str
    parent: int | None
    title: Translated
    description: Translated
    original_language: str
    start_time: str | None
    duration_minutes: int | None
    presenter: str
    documents: list[str]
    contributions: list[AgendaContribution]


class AgendaOut(Schema):
    version: int
    released_at: datetime.datetime
    note: str
    items: list[AgendaItemOut]


class ReleaseOut(Schema):
    version: int
    released_at: datetime.datetime


class MeetingOut(Schema):
    number: int = Field(description="The meeting's stable id: CWG-COP meeting 20 is 20.")
    title: str
    start_date: datetime.date
    end_date: datetime.date
    time_zone: str
    venue: str
    mode: str
    is_demo: bool
    theme: str | None = Field(description="The roadmap theme's slug.")
    summary: Translated
    original_language: str
    deadline: datetime.datetime = Field(description="The contribution deadline.")
    url: str


class MeetingDetail(MeetingOut):
    sessions: list[SessionOut]
    agenda_releases: list[ReleaseOut]
    agenda: AgendaOut | None = Field(description="The latest released agenda, if any.")


MeetingPage = page_of(MeetingOut, "MeetingPage")


def meeting_data(request, meeting: Meeting) -> dict:
    return {
        "number": meeting.number,
        "title": str(meeting.title),
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "time_zone": meeting.time_zone,
        "venue": meeting.venue,
        "mode": meeting.mode,
        "is_demo": meeting.is_demo,
        "theme": meeting.theme.slug if meeting.theme_id else None,
        "summary": translated(meeting, "summary"),
        "original_language": meeting.original_language,
        "deadline": meeting.deadline,
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
    }


def agenda_data(request, meeting: Meeting, release) -> dict:
    """A release as the reader may read it: members-only contributions by symbol only to
    those who may not see them (meetings/agenda/snapshots.py, as on the agenda page)."""
    snapshot = release.snapshot
    if not request.user.has_perm(numbering.VIEW_MEMBERS_ONLY):
        snapshot = snapshots.public_snapshot(snapshot, snapshots.members_only_now(meeting))
    items = []
    for data in snapshot.get("items", []):
        items.append(
            {
                "id": data["id"],
                "number": str(data.get("number", "")),
                "parent": data.get("parent"),
                "title": translated_data(data, "title"),
                "description": translated_data(data, "description"),
                "original_language": data.get("original_language", ""),
                "start_time": data.get("start_time"),
                "duration_minutes": data.get("duration_minutes"),
                "presenter": data.get("presenter", ""),
                "documents": data.get("documents", []),
                "contributions": [
                    {
                        "symbol": c.get("symbol", ""),
                        "title": c.get("title", ""),
                        "members_only": bool(c.get("members_only")),
                        "url": request.build_absolute_uri(c["url"]) if c.get("url") else "",
                    }
                    for c in data.get("allocated", [])
                ],
            }
        )
    return {
        "version": release.version,
        "released_at": release.released_at,
        "note": release.note,
        "items": items,
    }


@router.get("", response={200: MeetingPage, **ERRORS}, summary="Meetings")
def meeting_list(
    request,
    paged: paging.PagingQuery,
    when: Literal["upcoming", "past"] | None = Query(None, description="Upcoming or past."),
    demo: bool | None = Query(None, description="Only (true) or no (false) demonstrations."),
):
    """All meetings, the latest first."""
    meetings = Meeting.objects.select_related("theme").order_by("-start_date", "-number")
    if when == "upcoming":
        meetings = meetings.upcoming().order_by("start_date", "number")
    elif when == "past":
        meetings = meetings.past()
    if demo is not None:
        meetings = meetings.filter(is_demo=demo)
    return paging.page(request, meetings, paged, lambda m: meeting_data(request, m))


def _meeting(number: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("theme"), number=number)


@router.get("{int:number}/", response={200: MeetingDetail, **ERRORS}, summary="A meeting")
def meeting_detail(request, number: int):
    """A meeting with its sessions and its latest released agenda."""
    meeting = _meeting(number)
    releases = list(meeting.agenda_releases.order_by("-version"))
    sessions = meeting.sessions.prefetch_related("presenters").order_by("order", "pk")
    return {
        **meeting_data(request, meeting),
        "sessions": [
            {
                "id": s.pk,
                "kind": s.kind,
                "title": translated(s, "title"),
                "description": translated(s, "description"),
                "original_language": s.original_language,
                "presenters": [o.name for o in s.presenters.all()],
            }
            for s in sessions
        ],
        "agenda_releases": [{"version": r.version, "released_at": r.released_at} for r in releases],
        "agenda": agenda_data(request, meeting, releases[0]) if releases else None,
    }


@router.get(
    "{int:number}/agenda/", response={200: AgendaOut, **ERRORS}, summary="A released agenda"
)
def meeting_agenda(
    request,
    number: int,
    version: int | None = Query(None, ge=1, le=1_000_000, description="Default: the latest."),
):
    """A released version of the meeting's agenda (the latest by default)."""
    meeting = _meeting(number)
    releases = meeting.agenda_releases.order_by("-version")
    release = releases.filter(version=version).first() if version else releases.first()
    if release is None:
        raise HttpError(404, _("This meeting has no such released agenda."))
    return agenda_data(request, meeting, release)
