"""The statistics' charts, drawn on the server as SVG: no script, no CDN.

Each chart is an image (`role="img"`) named by its `<title>` and described by its `<desc>`,
which says every bar's label and number, so a screen reader gets the data without the table
that follows every chart. Labels and numbers are text in the image, in the page's language and
number format; on a right-to-left page the chart is mirrored (bars grow leftwards, the meetings
run from right to left) and its text is written right to left, names isolated (U+2068…U+2069)
so that "ITU-T SG17" keeps its order inside Arabic.

Also here: numbers, shares and dates as the page's locale writes them (CLDR, through babel),
which the tables use too.
"""

import dataclasses
import datetime
from decimal import Decimal

from babel import Locale
from babel.numbers import format_decimal, format_percent
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

from copportal.date_text import date_text

from .shape import Figure

WIDTH = 640
INK = "#212529"
BAR = "#0b5ed7"  # Bootstrap's primary, darkened: 5.9:1 on white
FONT = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans Arabic', sans-serif"
ISOLATE = "\u2068{}\u2069"


def _locale() -> Locale:
    return Locale.parse(get_language() or "en", sep="-")


def number_text(value: int | Decimal) -> str:
    """1234 as the page's language writes it: "1,234", "1 234", "1.234" (Latin digits)."""
    return format_decimal(value, locale=_locale())


def percent_text(value: Decimal) -> str:
    """A percentage with one decimal at most (12.5 -> "12.5%", "12,5 %")."""
    return format_percent(Decimal(value) / 100, locale=_locale(), decimal_quantization=False)


def cell_text(value, kind: str) -> str:
    """A figure's value as its table cell shows it."""
    if value is None or value == "":
        return "—"
    if kind == "count":
        return number_text(value)
    if kind == "percent":
        return percent_text(value)
    if kind == "date" and isinstance(value, datetime.date):
        return date_text(value)
    if kind == "flag":
        return _("Yes") if value else _("No")
    return str(value)


@dataclasses.dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str  # the number as the chart writes it


def bars(figure: Figure) -> list[Bar]:
    """A bar per row: the label column, the chart column's count and, where the figure has
    shares, the share after it ("3 (25%)"); a count that is a minimum says "more than"."""
    label, value = figure.index(figure.label), figure.index(figure.chart)
    keys = [column.key for column in figure.columns]
    shared = keys.index("share") if "share" in keys else None
    minimum = keys.index("count_is_minimum") if "count_is_minimum" in keys else None
    result = []
    for row in figure.rows:
        text = number_text(row[value])
        if minimum is not None and row[minimum]:
            text = _("more than %(number)s") % {"number": text}
        if shared is not None:
            text = _("%(count)s (%(share)s)") % {"count": text, "share": percent_text(row[shared])}
        result.append(Bar(str(row[label]), row[value], text))
    return result


def _svg(key: str, title: str, bars_: list[Bar], height: int, width: int, body: list[str]):
    direction = "rtl" if get_language_bidi() else "ltr"
    desc = "; ".join(f"{bar.label}: {bar.text}" for bar in bars_)
    return mark_safe(  # every text below is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="statistics-chart" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{key}-chart-title {key}-chart-desc" direction="{direction}" '
        f'font-family="{FONT}" font-size="14" fill="{INK}">'
        f'<title id="{key}-chart-title">{escape(title)}</title>'
        f'<desc id="{key}-chart-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _x(x: float, width: float = 0) -> float:
    """x on the page's side: mirrored (and moved by the shape's width) right to left."""
    return round(WIDTH - x - width if get_language_bidi() else x, 1)


def bar_chart(figure: Figure) -> SafeString:
    """Horizontal bars, one per row: its label above, the number after the bar's end."""
    rows = bars(figure)
    longest = max((bar.value for bar in rows), default=0) or 1
    room = WIDTH - 150  # what is left after the longest bar for its number
    body, y = [], 8
    for bar in rows:
        length = bar.value / longest * room
        if bar.value and length < 2:
            length = 2
        body.append(
            f'<text x="{_x(0)}" y="{y + 14}" text-anchor="start">'
            f"{escape(ISOLATE.format(bar.label))}</text>"
            f'<rect x="{_x(0, length)}" y="{y + 20}" width="{round(length, 1)}" height="16" '
            f'fill="{BAR}"/>'
            f'<text x="{_x(length + 6)}" y="{y + 33}" text-anchor="start" font-weight="bold">'
            f"{escape(bar.text)}</text>"
        )
        y += 46
    return _svg(figure.key, figure.title, rows, y + 4, WIDTH, body)


def column_chart(figure: Figure) -> SafeString:
    """Vertical columns in the rows' order (time), each named below and numbered above."""
    rows = bars(figure)
    longest = max((bar.value for bar in rows), default=0) or 1
    top, tall = 28, 200
    step = min(96, (WIDTH - 48) / max(len(rows), 1))
    column = round(step * 0.6, 1)
    body = [
        f'<line x1="{_x(0)}" x2="{_x(WIDTH)}" y1="{top + tall}" y2="{top + tall}" '
        f'stroke="{INK}" stroke-width="1"/>'
    ]
    for i, bar in enumerate(rows):
        height = bar.value / longest * tall
        left = 24 + i * step
        middle = _x(left + column / 2)
        body.append(
            f'<rect x="{_x(left, column)}" y="{round(top + tall - height, 1)}" width="{column}" '
            f'height="{round(height, 1)}" fill="{BAR}"/>'
            f'<text x="{middle}" y="{round(top + tall - height - 8, 1)}" text-anchor="middle" '
            f'font-weight="bold">{escape(bar.text)}</text>'
            f'<text x="{middle}" y="{top + tall + 22}" text-anchor="middle">'
            f"{escape(ISOLATE.format(bar.label))}</text>"
        )
    caption = figure.columns[figure.index(figure.label)].label
    body.append(
        f'<text x="{_x(0)}" y="{top + tall + 48}" text-anchor="start" font-size="13">'
        f"{escape(caption)}</text>"
    )
    named = [
        Bar(_("Meeting %(number)s") % {"number": bar.label}, bar.value, bar.text) for bar in rows
    ]
    return _svg(figure.key, figure.title, named, top + tall + 60, WIDTH, body)


def chart(figure: Figure) -> SafeString:
    """The figure's chart: columns over time for the meetings, bars for the others."""
    if figure.key == "contributions-by-meeting":
        return column_chart(figure)
    return bar_chart(figure)
