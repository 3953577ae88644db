"""Writes the ORM's signals do not see, logged like the others."""

from auditlog.context import auditlog_disabled
from auditlog.models import LogEntry
from django.db import models


def audited_bulk_update(objs: list[models.Model], fields: list[str]) -> None:
    """`bulk_update(objs, fields)`, with an audit log entry for each row whose fields changed
    (old values read from the database first: one more query). QuerySet.bulk_update sends no
    signal, so django-auditlog would not see it. The actor is the request's, as for any entry.

    Foreign keys are recorded by id, as auditlog records them.
    """
    if not objs:
        return
    model = type(objs[0])
    if auditlog_disabled.get():
        model._default_manager.bulk_update(objs, fields)
        return
    columns = [model._meta.get_field(name).attname for name in fields]
    before = {
        row[0]: row[1:]
        for row in model._base_manager.filter(pk__in=[obj.pk for obj in objs]).values_list(
            "pk", *columns
        )
    }
    model._default_manager.bulk_update(objs, fields)
    for obj in objs:
        old = before.get(obj.pk)
        if old is None:
            continue
        changes = {
            name: [was, getattr(obj, column)]
            for name, column, was in zip(fields, columns, old, strict=True)
            if was != getattr(obj, column)
        }
        if changes:
            LogEntry.objects.log_create(obj, action=LogEntry.Action.UPDATE, changes=changes)
