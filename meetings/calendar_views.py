"""iCalendar files (the `icalendar` package) and Atom feeds of meetings and liaison notes.

A meeting is an all-day event over its dates (its days have no hours in the records); the
contribution deadline is an instant, written in the meeting's time zone with its VTIMEZONE,
so calendars put it at the right UTC instant on either side of a daylight-saving change.
"""

import datetime

import icalendar
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import LiaisonNote, Meeting

PRODID = "-//ITU CWG-COP//CWG-COP Portal//EN"


def _uid(request, kind: str, key) -> str:
    return f"{kind}-{key}@{request.get_host().split(':')[0]}"


def _meeting_events(request, meeting: Meeting, stamp: datetime.datetime) -> list:
    url = request.build_absolute_uri(meeting.get_absolute_url())
    day_after = meeting.end_date + datetime.timedelta(days=1)
    event = icalendar.Event()
    event.add("uid", _uid(request, "meeting", meeting.number))
    event.add("dtstamp", stamp)
    event.add("summary", meeting.title)
    event.add("dtstart", meeting.start_date)
    event.add("dtend", day_after)  # all-day events end on the day after (exclusive)
    event.add("url", url)
    if meeting.venue:
        event.add("location", meeting.venue)
    if meeting.summary:
        event.add("description", meeting.summary)
    events = [event]
    for session in meeting.sessions.all():
        item = icalendar.Event()
        item.add("uid", _uid(request, f"meeting-{meeting.number}-session", session.pk))
        item.add("dtstamp", stamp)
        item.add("summary", f"{session.title} ({meeting.title})")
        item.add("dtstart", meeting.start_date)
        item.add("dtend", day_after)
        item.add("url", url)
        item.add("description", session.description or session.get_kind_display())
        events.append(item)
    deadline = icalendar.Event()
    at = timezone.localtime(meeting.deadline, meeting.zone)
    # The deadline's UID as calendars first stored it ("meeting-N-deadline-contributions@host"):
    # a UID must never change.
    deadline.add("uid", _uid(request, f"meeting-{meeting.number}", "deadline-contributions"))
    deadline.add("dtstamp", stamp)
    deadline.add("summary", _("Contribution deadline: %(meeting)s") % {"meeting": meeting.title})
    deadline.add("dtstart", at)
    deadline.add("dtend", at)
    deadline.add("url", url)
    deadline.add("transp", "TRANSPARENT")
    events.append(deadline)
    return events


def _calendar_response(request, meetings: list[Meeting], name: str, filename: str):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        for event in _meeting_events(request, meeting, stamp):
            calendar.add_component(event)
    if meetings:
        first = min(m.deadline.date() for m in meetings) - datetime.timedelta(days=366)
        last = max(m.end_date for m in meetings) + datetime.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def meetings_calendar(request):
    meetings = list(Meeting.objects.order_by("start_date").prefetch_related("sessions"))
    return _calendar_response(request, meetings, _("CWG-COP meetings"), "cwg-cop-meetings.ics")


def meeting_calendar(request, number):
    meeting = get_object_or_404(Meeting.objects.prefetch_related("sessions"), number=number)
    return _calendar_response(
        request, [meeting], meeting.title, f"cwg-cop-meeting-{meeting.number}.ics"
    )


class MeetingsFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("CWG-COP meetings")
    link = reverse_lazy("meetings:list")
    subtitle = gettext_lazy("Meetings of the ITU Council Working Group on Child Online Protection.")

    def items(self):
        return Meeting.objects.order_by("-start_date")[:50]

    def item_title(self, meeting):
        return str(meeting.title)

    def item_description(self, meeting):
        return meeting.summary

    def item_pubdate(self, meeting):
        return datetime.datetime.combine(meeting.start_date, datetime.time(), tzinfo=meeting.zone)


class LiaisonNotesFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("CWG-COP liaison notes")
    link = reverse_lazy("meetings:liaison_notes")
    subtitle = gettext_lazy("Liaison notes the group has sent to other bodies.")

    def items(self):
        return (
            LiaisonNote.objects.filter(status=LiaisonNote.Status.SENT)
            .select_related("meeting")
            .order_by(F("sent_at").desc(nulls_last=True), "-pk")[:50]
        )

    def item_title(self, note):
        return note.subject

    def item_description(self, note):
        return note.body

    def item_pubdate(self, note):
        return note.sent_at
