"""Status changes as data: one table per workflow, one writer for all of them.

A `Workflow` is a model's table of `Transition`s: from a status, an action leads to a status,
for those who have its permission, with the event it records and the mail it sends. A row may
apply to some of the model's objects only (`applies`: a liaison note's direction). Its
`transition()` is the only code that changes such a status: it locks the row, looks the action
up in the table, checks the permission and the reason, lets the action set its own fields,
changes the status, records the event (`StatusEvent`'s shape) and runs the table's mail hook
(which queues its mail after commit). A hot path whose guard is one conditional UPDATE today
(mail deliveries) declares its transitions `guarded` and calls `guarded_update()`: the same
table gives the statuses it may start from and the one it leads to.

tests/test_workflows.py checks that no code outside this module writes a status of a model
that has a workflow. Groups of statuses ("visible", "on the desk", "final") live on each
status enum, not here. This module imports no app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WORKFLOWS: dict[type[models.Model], "Workflow"] = {}


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]  # the statuses it starts from
    action: str  # the verb: a button's name and a URL's slug
    target: str  # the status it leads to
    permission: str | None = None  # has_perm(permission, obj); None: the system's own step
    label: Promise | str = ""  # the button's text
    event: str = ""  # the event's action recorded (the action's own name by default)
    needs_reason: bool = False  # the person concerned sees the reason
    shown: bool = True  # False: chosen by the server, never a button
    effect: Callable[..., str] | None = None  # sets other fields; returns the note to record
    notify: Callable | None = None  # the mail hook, given the event (or the object)
    guarded: bool = False  # one conditional UPDATE (guarded_update) instead of a row lock
    record: bool = True  # False: the row's own fields are its record (hot paths)
    applies: Callable | None = None  # obj -> bool: False where the row is not the object's

    @property
    def event_action(self) -> str:
        return self.event or self.action


def step(sources, action, target, permission=None, label="", **options) -> Transition:
    """A table row; `sources` is one status or several."""
    if isinstance(sources, str):
        sources = [sources]
    return Transition(frozenset(sources), action, target, permission, label, **options)


@dataclass
class Workflow:
    """A model's transitions, built once: `table[(status, action)]` is the row that applies."""

    model: type[models.Model]
    transitions: list[Transition]
    event_model: type[models.Model] | None = None
    event_object: str = ""  # the event's foreign key to the object
    status_field: str = "status"
    lock: Callable | None = None  # pk -> the locked object (default: select_for_update)
    refusal: Callable | None = None  # (obj, action) -> the ValidationError for a wrong status
    on_change: Callable | None = None  # (obj, transition) before saving (a version, ...)
    event_fields: Callable | None = None  # (obj, transition) -> more fields of the event
    notify: Callable | None = None  # the mail hook of every row that names none
    validate: Callable | None = models.Model.full_clean  # obj -> None, before saving
    table: dict[tuple[str, str], Transition] = field(init=False)
    actions: dict[str, list[Transition]] = field(init=False)

    def __post_init__(self):
        self.table, self.actions = {}, {}
        for row in self.transitions:
            self.actions.setdefault(row.action, []).append(row)
            for source in row.sources:
                if (source, row.action) in self.table:
                    raise ValueError(f"{self.model.__name__}: {source}/{row.action} twice")
                self.table[(source, row.action)] = row
        WORKFLOWS[self.model] = self

    def status_of(self, obj) -> str:
        return getattr(obj, self.status_field)

    def allowed(self, obj, user) -> list[Transition]:
        """The actions the user may take on the object now, in the table's order (buttons)."""
        status = self.status_of(obj)
        return [
            row
            for row in self.transitions
            if status in row.sources
            and self.applies(row, obj)
            and row.shown
            and not row.guarded
            and (row.permission is None or user.has_perm(row.permission, obj))
        ]

    @staticmethod
    def applies(row: Transition, obj) -> bool:
        """Whether the row is one of this object's (a row's `applies`: by a note's direction)."""
        return row.applies is None or row.applies(obj)

    def _refuse(self, obj, action) -> ValidationError:
        if self.refusal:
            return self.refusal(obj, action)
        display = getattr(obj, f"get_{self.status_field}_display")()
        return ValidationError(
            _("This is already %(status)s: someone else acted first.") % {"status": display},
            code="wrong-status",
        )

    @transaction.atomic
    def transition(self, obj_or_id, action: str, *, by, note: str = "", at=None, **options):
        """Perform `action` if the table and `by`'s permission allow it; returns the object.

        A ValidationError when the action does not start from the current status (or lacks
        its reason), PermissionDenied when `by` may not take it. `by` None is the system
        (seeds, tasks): only the permission check is skipped. `options` reach the effect.
        """
        if action not in self.actions:
            raise ValidationError(
                _("Unknown action: %(action)s.") % {"action": action}, code="unknown"
            )
        pk = obj_or_id.pk if isinstance(obj_or_id, models.Model) else obj_or_id
        obj = self.lock(pk) if self.lock else self.model.objects.select_for_update().get(pk=pk)
        row = self.table.get((self.status_of(obj), action))
        if row is None or row.guarded or not self.applies(row, obj):
            raise self._refuse(obj, action)
        if row.permission and by is not None and not by.has_perm(row.permission, obj):
            raise PermissionDenied
        note = note.strip()
        if row.needs_reason and not note:
            raise ValidationError(_("Give a reason: the person concerned sees it."), code="reason")
        at = at or timezone.now()
        if row.effect:
            note = row.effect(obj, by=by, note=note, at=at, **options)
        before = self.status_of(obj)
        setattr(obj, self.status_field, row.target)
        if self.on_change:
            self.on_change(obj, row)
        if self.validate:
            self.validate(obj)
        obj.save()
        event = None
        if row.record and self.event_model is not None:
            extra = self.event_fields(obj, row) if self.event_fields else {}
            event = self.event_model.objects.create(
                **{self.event_object: obj},
                actor=by,
                at=at,
                action=row.event_action,
                from_status=before,
                to_status=row.target,
                note=note,
                **extra,
            )
        hook = row.notify or self.notify
        if hook:
            hook(event if event is not None else obj)
        return obj

    def guarded_update(self, queryset, action: str, **fields) -> int:
        """The action as one conditional UPDATE of the rows still in one of its sources (a
        compare-and-set: of two writers, each row goes to one). Returns how many moved."""
        row = self._guarded(action)
        status = {self.status_field: row.target}
        return queryset.filter(**{f"{self.status_field}__in": row.sources}).update(
            **status, **fields
        )

    def guarded_update_returning(self, pks: list, action: str, assignments: str, params: list):
        """guarded_update for a list of ids, returning the moved rows (PostgreSQL's RETURNING):
        `assignments` is the rest of the SET clause, with `params` for its placeholders."""
        row = self._guarded(action)
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        column = quote(self.model._meta.get_field(self.status_field).column)
        pk = quote(self.model._meta.pk.column)
        sources = sorted(row.sources)
        return self.model.objects.raw(
            f"UPDATE {table} SET {column} = %s, {assignments} "  # noqa: S608
            f"WHERE {pk} IN ({', '.join(['%s'] * len(pks))}) "
            f"AND {column} IN ({', '.join(['%s'] * len(sources))}) RETURNING *",
            [row.target, *params, *pks, *sources],
        )

    def _guarded(self, action: str) -> Transition:
        rows = self.actions.get(action, [])
        if len(rows) != 1 or not rows[0].guarded:
            raise ValueError(f"{self.model.__name__}: {action} is not one guarded transition")
        return rows[0]

    def targets(self) -> set[str]:
        return {row.target for row in self.transitions}


def transition(obj, action: str, *, by, note: str = "", **options):
    """The one writer, found from the object's model: `transition(resource, "publish", by=u)`."""
    return WORKFLOWS[type(obj)].transition(obj, action, by=by, note=note, **options)


class StatusEvent(models.Model):
    """The shape of every workflow's event: who moved what, when, from which status to which,
    and why. A concrete event adds its foreign key to the object (Workflow.event_object)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("by"),
    )
    at = models.DateTimeField(gettext_lazy("at"), default=timezone.now)
    action = models.CharField(gettext_lazy("action"), max_length=20)
    from_status = models.CharField(gettext_lazy("from"), max_length=10)
    to_status = models.CharField(gettext_lazy("to"), max_length=10)
    note = models.TextField(gettext_lazy("reason or note"), blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}: {self.from_status} → {self.to_status}"
