"""The public list of meetings as CSV and JSON (copportal/exports.py): the page's two lists
(views.py `meeting_list`), upcoming ones first, then past ones, in the page's order. Every
meeting is public; a demonstration meeting is listed as the page lists it, marked `is_demo`."""

from itertools import chain

from django.utils.translation import gettext_lazy as _

from copportal.exports import Column, Table, absolute, stream, translated

from .models import Meeting


def listed():
    """The page's meetings: (upcoming, past), each in the page's order."""
    meetings = Meeting.objects.select_related("theme")
    return meetings.upcoming(), meetings.past()


def _rows(params):
    upcoming, past = listed()
    return chain(stream(upcoming), stream(past))


TABLE = Table(
    name="meetings",
    title=_("Meetings"),
    description=_("The group's meetings: dates, format, venue, theme and contribution deadline."),
    columns=(
        Column("number", lambda m: m.number),
        Column("start_date", lambda m: m.start_date),
        Column("end_date", lambda m: m.end_date),
        Column("duration_days", lambda m: m.duration_days),
        Column("mode", lambda m: m.mode),
        Column("venue", lambda m: m.venue),
        Column("time_zone", lambda m: m.time_zone),
        Column("contribution_deadline", lambda m: m.deadline),
        Column("theme", lambda m: m.theme.slug if m.theme_id else ""),
        *translated("title", "theme"),
        Column("original_language", lambda m: m.original_language),
        *translated("summary"),
        Column("reported_contributions", lambda m: m.reported_contributions),
        Column("is_demo", lambda m: m.is_demo),
        Column("url", lambda m: absolute(m.get_absolute_url())),
    ),
    rows=_rows,
    url_name="meetings:export",
)
