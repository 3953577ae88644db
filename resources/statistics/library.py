"""The library's and the liaison notes' figures (the shape: shape.py; all figures: figures.py)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from copportal.languages import Language
from meetings.liaison.models import LiaisonRecipient
from meetings.models import Audience
from resources.models import Resource

from .shape import (
    Column,
    Figure,
    by_vocabulary,
    published_liaison_notes,
    published_resources,
    share,
)


def _resource_columns(first: Column, label: Column) -> tuple[Column, ...]:
    return (
        first,
        label,
        Column("resources", _("Resources"), "count"),
        Column("share", _("Share of all resources (%)"), "percent"),
    )


def _by_choice(field: str, choices) -> tuple[list, int]:
    """(code, label, count) for every choice of a resource's field, in the choices' order
    (one query)."""
    counts = dict(published_resources().order_by().values_list(field).annotate(n=Count("pk")))
    rows = [(choice.value, str(choice.label), counts.get(choice.value, 0)) for choice in choices]
    return rows, sum(counts.values())


def resources_by_language() -> Figure:
    """Published resources per language of the material (one query)."""
    rows, total = _by_choice("language", Language)
    return Figure(
        key="resources-by-language",
        title=_("Resources by language"),
        description=_("Published resources of the library, by the language of the material."),
        columns=_resource_columns(
            Column("language", _("Code"), "code"), Column("name", _("Language"))
        ),
        rows=tuple((*row, share(row[2], total)) for row in rows),
        label="name",
        chart="resources",
        total=total,
    )


def resources_by_type() -> Figure:
    """Published resources per type (one query)."""
    rows, total = _by_choice("type", Resource.Type)
    return Figure(
        key="resources-by-type",
        title=_("Resources by type"),
        description=_("Published resources of the library, by type."),
        columns=_resource_columns(Column("type", _("Code"), "code"), Column("name", _("Type"))),
        rows=tuple((*row, share(row[2], total)) for row in rows),
        label="name",
        chart="resources",
        total=total,
    )


def resources_by_audience() -> Figure:
    """Published resources per audience, and those with none (two queries)."""
    published = Q(resources__status__in=Resource.Status.visible(), resources__is_demo=False)
    rows, total = by_vocabulary(
        Audience, "resources", published, published_resources(), _("No audience given")
    )
    return Figure(
        key="resources-by-audience",
        title=_("Resources by audience"),
        description=_(
            "Published resources of the library per audience. A resource may address several."
        ),
        columns=_resource_columns(
            Column("audience", _("Code"), "code"), Column("name", _("Audience"))
        ),
        rows=tuple((*row, share(row[2], total)) for row in rows),
        label="name",
        chart="resources",
        total=total,
    )


def liaison_notes_by_body() -> Figure:
    """Per body: the sent liaison notes addressed to it (in copy included) and the published
    notes received from it, most first (two queries)."""
    notes = published_liaison_notes()
    sent = dict(
        LiaisonRecipient.objects.filter(note__in=notes.outgoing())
        .order_by()
        .values_list("body")
        .annotate(n=Count("note", distinct=True))
    )
    received = dict(notes.incoming().order_by().values_list("source").annotate(n=Count("pk")))
    bodies = sorted(
        set(sent) | set(received),
        key=lambda body: (-(sent.get(body, 0) + received.get(body, 0)), body.casefold()),
    )
    rows = tuple(
        (body, sent.get(body, 0), received.get(body, 0), sent.get(body, 0) + received.get(body, 0))
        for body in bodies
    )
    return Figure(
        key="liaison-notes-by-body",
        title=_("Liaison notes per body"),
        description=_(
            "Liaison notes sent to each body (in copy included) and received from it, as published."
        ),
        columns=(
            Column("body", _("Body"), "text"),
            Column("sent", _("Sent to it"), "count"),
            Column("received", _("Received from it"), "count"),
            Column("notes", _("Liaison notes"), "count"),
        ),
        rows=rows,
        label="body",
        chart="notes",
        total=notes.count() if rows else 0,
    )
