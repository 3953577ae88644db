"""The audit log as officers read it: each entry with its object's link and its changes in
words (fields by their verbose names, a translated column as "Title (French)", choices by
their labels, foreign keys by the name of what they point to, in the reader's language).

`shown(entries)` reads what a page of entries needs in a fixed number of queries: one per
kind of object on the page (for the links) and one per kind of record the changed foreign
keys point to, whatever the number of entries.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import time_format
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from copportal.languages import Language

from . import registry

ACTIONS = {
    LogEntry.Action.CREATE: pgettext_lazy("audit log action", "Created"),
    LogEntry.Action.UPDATE: pgettext_lazy("audit log action", "Changed"),
    LogEntry.Action.DELETE: pgettext_lazy("audit log action", "Deleted"),
}
# A long text (a resource's body) is shown folded beyond this many characters.
FOLD_AT = 300


@dataclass
class Change:
    label: str
    old: str = ""
    new: str = ""
    added: list[str] = field(default_factory=list)  # many-to-many: what was added
    removed: list[str] = field(default_factory=list)  # ... and taken away

    @property
    def is_long(self) -> bool:
        return max(len(self.old), len(self.new)) > FOLD_AT


@dataclass
class Row:
    entry: LogEntry
    kind: str  # "Meeting", "Agenda item"
    action: str
    actor: str  # "" for none: the portal itself (a task, a command)
    link: str  # the officer page of the record, "" once it is gone
    changes: list[Change]


def entries():
    """Every entry, newest first, with what each row shows (content type, actor)."""
    return LogEntry.objects.select_related("content_type", "actor").order_by("-timestamp", "-pk")


def for_record(audited: registry.Audited, pk: int, record=None):
    """The entries of one record, and of its parts (a meeting's sessions, an agenda's
    items), deleted parts included."""
    types = ContentType.objects.get_for_models(
        audited.model, *(registry.BY_LABEL[part].model for part, *_rest in audited.parts)
    )
    condition = Q(content_type=types[audited.model], object_id=pk)
    for part, key, attr in audited.parts:
        value = pk if attr == "pk" else getattr(record, attr, None)
        if value is not None:
            part_type = types[registry.BY_LABEL[part].model]
            condition |= Q(content_type=part_type, **{f"additional_data__{key}": value})
    return entries().filter(condition)


def kinds() -> list[tuple[str, str]]:
    """(label, name) of every audited kind of record, for the filter."""
    return [
        (audited.label, capfirst(audited.model._meta.verbose_name_plural))
        for audited in registry.audited_kinds()
    ]


def field_label(model, name: str) -> str:
    """A field by its verbose name; a translated column with its language."""
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    original = getattr(found, "translated_field", None)
    if original is not None:
        return pgettext("a translated field and its language", "%(field)s (%(language)s)") % {
            "field": capfirst(original.verbose_name),
            "language": Language.from_locale(found.language).in_text,
        }
    return capfirst(getattr(found, "verbose_name", name))


def _empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _text(found, value, names) -> str:
    """A recorded value in words."""
    if _empty(value):
        return ""
    if found is None:
        return str(value)
    if found.many_to_one or found.one_to_one:
        named = names.get((found.related_model, _key(found.related_model, value)))
        if named is None:
            return _("%(value)s (deleted)") % {"value": value}
        return str(named)
    if found.flatchoices:
        return str(dict(found.flatchoices).get(value, value))
    if isinstance(found, models.BooleanField):
        return _("Yes") if value else _("No")
    try:
        if isinstance(found, models.DateTimeField):
            # auditlog records a date and time in UTC, without its zone.
            moment = datetime.datetime.fromisoformat(str(value))
            if timezone.is_naive(moment):
                moment = moment.replace(tzinfo=datetime.UTC)
            moment = moment.astimezone(datetime.UTC)
            return _("%(moment)s UTC") % {"moment": date_format(moment, "DATETIME_FORMAT")}
        if isinstance(found, models.DateField):
            return date_format(datetime.date.fromisoformat(str(value)), "DATE_FORMAT")
        if isinstance(found, models.TimeField):
            return time_format(datetime.time.fromisoformat(str(value)), "TIME_FORMAT")
    except ValueError:
        return str(value)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _key(model, value):
    try:
        return model._meta.pk.to_python(value)
    except (ValidationError, TypeError, ValueError):  # recorded before the key's type changed
        return value


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _with(model, related):
    """The model's rows with these relations joined (select_related() without names is
    deprecated: it would join them all)."""
    rows = model._default_manager.all()
    return rows.select_related(*related) if related else rows


def records_of(audited: registry.Audited):
    """The audited model's rows, with what their officer page's link reads."""
    return _with(audited.model, audited.related)


def _referenced(rows: list[LogEntry]) -> dict:
    """{(model, pk): record} for every foreign key value the entries record: one query per
    model pointed to."""
    wanted = defaultdict(set)
    for entry in rows:
        model = entry.content_type.model_class()
        if model is None:
            continue
        for name, values in (entry.changes or {}).items():
            found = _field(model, name)
            if found is None or not (found.many_to_one or found.one_to_one):
                continue
            if isinstance(values, list):
                for value in values:
                    if not _empty(value):
                        wanted[found.related_model].add(_key(found.related_model, value))
    names = {}
    for model, keys in wanted.items():
        # What a record's name may read (a contribution's symbol reads its meeting).
        needed = [f.name for f in model._meta.concrete_fields if f.many_to_one and not f.null]
        for pk, record in _with(model, needed).in_bulk(keys).items():
            names[(model, pk)] = record
    return names


def _records(rows: list[LogEntry]) -> dict:
    """{(model, pk): record} of the entries' records that still exist: one query per kind."""
    wanted = defaultdict(set)
    for entry in rows:
        model = entry.content_type.model_class()
        if model is not None and entry.object_id is not None:
            wanted[model].add(entry.object_id)
    found = {}
    for model, keys in wanted.items():
        audited = registry.for_model(model)
        related = audited.related if audited else ()
        for pk, record in _with(model, related).in_bulk(keys).items():
            found[(model, pk)] = record
    return found


def _changes(model, changes: dict, names: dict) -> list[Change]:
    order = {f.name: index for index, f in enumerate(model._meta.get_fields())}
    shown = []
    for name in sorted(changes, key=lambda name: order.get(name, len(order))):
        values = changes[name]
        found = _field(model, name)
        label = field_label(model, name)
        if isinstance(values, dict) and values.get("type") == "m2m":
            objects = [str(item) for item in values.get("objects", [])]
            if values.get("operation") == "add":
                shown.append(Change(label, added=objects))
            else:
                shown.append(Change(label, removed=objects))
            continue
        if not isinstance(values, list | tuple) or len(values) != 2:
            continue
        if found is not None and not found.concrete:
            continue  # a reverse relation recorded by an older registration
        old, new = (_text(found, value, names) for value in values)
        if old or new:
            shown.append(Change(label, old=old, new=new))
    return shown


def shown(rows) -> list[Row]:
    """The entries as a page shows them (a fixed number of queries, see the module)."""
    rows = list(rows)
    records = _records(rows)
    names = _referenced(rows)
    result = []
    for entry in rows:
        model = entry.content_type.model_class()
        audited = registry.for_model(model) if model else None
        record = records.get((model, entry.object_id))
        # An actor's account deleted since: the address auditlog kept.
        actor = str(entry.actor) if entry.actor is not None else entry.actor_email or ""
        result.append(
            Row(
                entry=entry,
                kind=capfirst(model._meta.verbose_name) if model else entry.content_type.model,
                action=str(ACTIONS.get(entry.action, entry.get_action_display())),
                actor=actor,
                link=audited.link(record) if audited and record is not None else "",
                changes=_changes(model, entry.changes or {}, names) if model else [],
            )
        )
    return result
