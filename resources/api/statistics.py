"""The statistics of Resolution 67 (resources/statistics/figures.py): each figure as the
page draws it, its columns and its rows of plain values."""

import datetime
from decimal import Decimal

from django.http import Http404
from ninja import Path, Router, Schema
from pydantic import Field

from ..statistics import figures
from ..statistics.shape import Figure
from .schemas import ERRORS, SLUG

router = Router(tags=["statistics"])

Value = str | int | float | bool | None


class ColumnOut(Schema):
    key: str
    label: str = Field(description="In the language of Accept-Language.")
    kind: str = Field(description='"code", "text", "count", "percent", "date" or "flag".')


class FigureOut(Schema):
    key: str
    title: str
    description: str
    columns: list[ColumnOut]
    rows: list[dict[str, Value]] = Field(
        description="One object per row, keyed by column: counts as integers, percentages as "
        "numbers with one decimal, dates as ISO 8601."
    )
    total: int = Field(description="What the percentages are shares of (0: nothing counted).")


class StatisticsOut(Schema):
    figures: list[FigureOut]


def _plain(value) -> Value:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def figure_data(figure: Figure) -> dict:
    return {
        "key": figure.key,
        "title": str(figure.title),
        "description": str(figure.description),
        "columns": [{"key": c.key, "label": str(c.label), "kind": c.kind} for c in figure.columns],
        "rows": [{key: _plain(value) for key, value in row.items()} for row in figure.as_dicts()],
        "total": figure.total,
    }


@router.get("", response={200: StatisticsOut, **ERRORS}, summary="Every figure")
def statistics(request):
    """Every figure of the statistics page, in its order: published data only (members-only
    contributions counted, never named; the demonstration meeting left out)."""
    return {"figures": [figure_data(figure) for figure in figures.all_figures()]}


@router.get("{key}/", response={200: FigureOut, **ERRORS}, summary="One figure")
def statistics_figure(request, key: str = Path(..., pattern=SLUG, max_length=60)):
    """One figure by its key (the `key` of the list, e.g. `contributions-by-meeting`)."""
    read = figures.FIGURES.get(key)
    if read is None:
        raise Http404
    return figure_data(read())
