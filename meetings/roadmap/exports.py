"""The theme roadmap as CSV and JSON (copportal/exports.py): the themes the roadmap page
lists (views.py `roadmap`), in its order, with the meetings planned on each."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from copportal.exports import Column, Table, absolute, stream, translated

from ..models import Meeting
from .models import Theme


def _rows(params):
    meetings = Prefetch("meetings", queryset=Meeting.objects.order_by("start_date"))
    return stream(Theme.objects.roadmap().prefetch_related(meetings))


TABLE = Table(
    name="roadmap",
    title=_("Theme roadmap"),
    description=_("The themes of the roadmap 2024–2026, their periods and their meetings."),
    columns=(
        Column("slug", lambda t: t.slug),
        Column("order", lambda t: t.order),
        Column("original_language", lambda t: t.original_language),
        *translated("title"),
        *translated("period"),
        *translated("description"),
        Column("source", lambda t: t.source),
        Column("meetings", lambda t: [m.number for m in t.meetings.all()]),
        Column("url", lambda t: absolute(t.get_absolute_url())),
    ),
    rows=_rows,
    url_name="meetings:roadmap_export",
)
