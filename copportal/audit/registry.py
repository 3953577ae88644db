"""What the audit log records, and where each kind of record is edited (apps register them).

Every model listed here is registered with django-auditlog, which writes a LogEntry (who,
when, each changed field's old and new value) when a row is created, changed or deleted
through the ORM (save, delete, a many-to-many's add or remove; not QuerySet.update or
bulk_update: copportal.audit.services.audited_bulk_update logs those the services make).

Translated fields (django-modeltranslation) are recorded per language column (`title_fr`),
never by their original name, which reads the active language's text and would record what
one officer happened to see. Bookkeeping columns (search vectors, extracted text, the
agenda's version counter, timestamps the row keeps itself) are left out.

A part edited with its whole (a session with its meeting, an item with its agenda) keeps the
id of its whole in the entry (`get_additional_data` on the model, auditlog's hook), so that
the whole's history lists its parts' changes too, deleted parts included.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

# Never worth an entry, whatever the model.
BOOKKEEPING = (
    *("search_vector", "chinese_vector", "chinese_file_vector", "files_vector"),
    *("created_at", "updated_at"),
)


@dataclass(frozen=True)
class Audited:
    """One audited model: its label, how to reach its officer page, what to leave out."""

    label: str  # "meetings.meeting"
    link: Callable[[models.Model], str]  # the officer page of a live record
    related: tuple[str, ...] = ()  # what `link` reads, fetched with the record (select_related)
    exclude: tuple[str, ...] = ()
    m2m: tuple[str, ...] = ()
    # Parts whose entries this record's history lists too: (part label, key of the part's
    # additional_data, attribute of this record holding the value).
    parts: tuple[tuple[str, str, str], ...] = field(default=())

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


# Each app registers its models in its AppConfig.ready (meetings/audited.py,
# resources/audited.py), before this app's ready registers them all with django-auditlog:
# the base names no app.
BY_LABEL: dict[str, Audited] = {}


def register(*audited: Audited) -> None:
    for one in audited:
        BY_LABEL[one.label] = one


def audited_kinds() -> list[Audited]:
    return list(BY_LABEL.values())


def for_model(model: type[models.Model]) -> Audited | None:
    return BY_LABEL.get(model._meta.label_lower)


def untranslated_names(model: type[models.Model]) -> tuple[str, ...]:
    """The original names of the model's translated fields (`title`, not `title_fr`)."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(options.all_fields)


def register_all() -> None:
    """Register every audited model with django-auditlog (from AuditConfig.ready)."""
    from auditlog.registry import auditlog

    for audited in BY_LABEL.values():
        model = audited.model
        left_out = {
            model._meta.pk.name,  # in the entry already (object_id)
            *BOOKKEEPING,
            *untranslated_names(model),
            *audited.exclude,
        }
        auditlog.register(
            model,
            # The model's own columns only: auditlog would otherwise record a new row's
            # reverse relations (a meeting's sessions as "meetings.Session.None").
            include_fields=[f.name for f in model._meta.concrete_fields if f.name not in left_out],
            m2m_fields=set(audited.m2m),
        )
