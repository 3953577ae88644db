"""The statistics page and its CSV files: public, read-only, published data only
(figures.py says what is counted)."""

import csv
import dataclasses
import datetime
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from . import charts
from .figures import FIGURES, Figure, all_figures

# The groups of the page, each a heading over its figures (keys of figures.FIGURES).
SECTIONS = (
    ("contributions", ("contributions-by-meeting", "contributions-by-region",
                       "contributions-by-classification", "developing-countries",
                       "contributions-by-theme", "contributions-by-audience")),
    ("resources", ("resources-by-language", "resources-by-type", "resources-by-audience")),
    ("liaison-notes", ("liaison-notes-by-body",)),
)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Panel:
    """A figure as the page shows it: its chart and its table, formatted in the page's
    language. The table leaves out the codes (the CSV keeps them); each row's header is the
    figure's label column."""

    figure: Figure
    chart: SafeString
    columns: list  # figures.Column, those shown
    rows: list[list[tuple[str, bool, bool]]]  # (text, is a number, is the row's header)


def _panel(figure: Figure) -> Panel:
    shown = [i for i, column in enumerate(figure.columns) if column.kind != "code"]
    header = figure.index(figure.label)
    rows = [
        [
            (
                charts.cell_text(row[i], figure.columns[i].kind),
                figure.columns[i].is_number,
                i == header,
            )
            for i in shown
        ]
        for row in figure.rows
    ]
    chart = SafeString("") if figure.is_empty else charts.chart(figure)
    return Panel(figure, chart, [figure.columns[i] for i in shown], rows)


@require_safe
def statistics(request):
    panels = {figure.key: _panel(figure) for figure in all_figures()}
    sections = [(key, [panels[k] for k in keys]) for key, keys in SECTIONS]
    return render(request, "resources/statistics/index.html", {"sections": sections})


def csv_value(value) -> str:
    """A value as a program reads it: numbers without grouping, dates in ISO 8601, true and
    false; only the header and the names are in the page's language."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return "" if value is None else str(value)


@require_safe
def figure_csv(request, key: str):
    """One figure's table as CSV, UTF-8 with a byte-order mark: without it Excel reads the
    file in the machine's legacy code page and garbles Arabic, Chinese and Russian names;
    Python's utf-8-sig, R and LibreOffice read the mark and drop it."""
    read = FIGURES.get(key)
    if read is None:
        raise Http404
    figure = read()
    language = get_language() or "en"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cwg-cop-{key}-{language}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([column.label for column in figure.columns])
    writer.writerows([csv_value(value) for value in row] for row in figure.rows)
    return response
