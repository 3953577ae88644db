"""The shape every figure of the statistics has (figures.py): a Figure of Columns and rows of
plain values, and the one way shares are computed."""

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q

from contributions.models import Contribution
from meetings.liaison.models import LiaisonNote
from resources.models import Resource


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # "code", "text", "count", "percent" or "date"

    @property
    def is_number(self) -> bool:
        return self.kind in ("count", "percent")


@dataclasses.dataclass(frozen=True)
class Figure:
    key: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    label: str  # the column naming each bar
    chart: str  # the column the chart draws
    total: int = 0  # what the shares are shares of (0: nothing counted)

    def index(self, key: str) -> int:
        return [column.key for column in self.columns].index(key)

    @property
    def is_empty(self) -> bool:
        """Nothing counted: the page says so instead of drawing zeros."""
        value = self.index(self.chart)
        return not any(row[value] for row in self.rows)

    def as_dicts(self) -> list[dict]:
        """The rows keyed by column (for JSON)."""
        keys = [column.key for column in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]


def share(part: int, total: int) -> Decimal:
    """`part` as a percentage of `total`, with one decimal (0 when there is no total)."""
    if not total:
        return Decimal("0.0")
    return (Decimal(part) * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def published_contributions():
    """The contributions these statistics count (STYLE: the status group lives on the enum)."""
    return Contribution.objects.filter(
        status__in=Contribution.Status.visible(), meeting__is_demo=False
    )


def published_resources():
    return Resource.objects.published().filter(is_demo=False)


def published_liaison_notes():
    return LiaisonNote.objects.published().exclude(meeting__is_demo=True)


def by_vocabulary(model, relation: str, published: Q, base, none_label: str):
    """(slug, name, count) per row of a vocabulary (themes, audiences), in its order, and a
    last row for what has none of them (two queries)."""
    rows = [
        (row.slug, str(row), row.n)
        for row in model.objects.annotate(n=Count(relation, filter=published, distinct=True))
    ]
    counts = base.annotate(
        has=Exists(model.objects.filter(**{relation: OuterRef("pk")}))
    ).aggregate(total=Count("pk"), without=Count("pk", filter=Q(has=False)))
    rows.append(("", none_label, counts["without"]))
    return rows, counts["total"]
