"""Every status change passes through its workflow's table (copportal/workflow.py).

(a) Statically: no code outside the one writer assigns a workflow model's status, updates it
in a query, bulk-updates it or sets it in raw SQL. Migrations and tests are not scanned; seeds
create rows in a status with the constructor, which is no change and is not flagged.
(b) After every transition of each table is driven through the services, each row's status is
its latest event's `to_status` (or, with no event, the status every row starts in).
"""

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from contributions.models import Contribution, ContributionSource
from contributions.workflow import WORKFLOW as CONTRIBUTIONS
from contributions.workflow import contribution_act
from copportal.accounts import services as accounts
from copportal.accounts.models import Affiliation
from copportal.accounts.workflow import WORKFLOW as AFFILIATIONS
from copportal.notifications.models import Delivery
from copportal.notifications.workflow import WORKFLOW as DELIVERIES
from copportal.workflow import WORKFLOWS
from meetings.liaison import services as liaison
from meetings.liaison.workflow import WORKFLOW as LIAISON_NOTES
from meetings.models import LiaisonNote
from resources import services as resources
from resources.countries import services as countries
from resources.countries.models import CountryEntry
from resources.countries.workflow import WORKFLOW as COUNTRY_ENTRIES
from resources.models import Resource
from resources.workflow import WORKFLOW as RESOURCES

from .factories import ContributionFactory, MeetingFactory, OrganizationFactory, UserFactory

ROOT = Path(__file__).resolve().parent.parent
APPS = ["contributions", "copportal", "meetings", "resources"]
WRITER = Path("copportal/workflow.py")
RAW_STATUS = re.compile(r"\bSET\s+\W?status\W?\s*=", re.IGNORECASE)


def _root_name(node) -> str:
    """The name a chain starts from: Delivery in Delivery.objects.filter(...).update."""
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute | ast.Subscript):
            node = node.value
        else:
            return node.id if isinstance(node, ast.Name) else "?"


def _model_of_value(value) -> str:
    """Contribution in Contribution.Status.DRAFT (or Status.DRAFT: unknown)."""
    if (
        isinstance(value, ast.Attribute)
        and isinstance(value.value, ast.Attribute)
        and value.value.attr == "Status"
        and isinstance(value.value.value, ast.Name)
    ):
        return value.value.value.id
    return "?"


def _model(chain, value=None) -> str:
    root = _root_name(chain)
    if root[:1].isupper():
        return root
    return _model_of_value(value) if value is not None else "?"


def status_writes(source: str) -> list[tuple[int, str]]:
    """Where the source writes a status: (line, model name or "?" when it cannot tell)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and target.attr == "status":
                    found.append((node.lineno, _model(target.value, node.value)))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            name = node.func.attr
            if name == "update":
                for keyword in node.keywords:
                    if keyword.arg == "status":
                        found.append((node.lineno, _model(node.func.value, keyword.value)))
            elif name == "bulk_update":
                fields = [*node.args[1:], *(k.value for k in node.keywords if k.arg == "fields")]
                if any(
                    isinstance(c, ast.Constant) and c.value == "status"
                    for f in fields
                    for c in ast.walk(f)
                ):
                    found.append((node.lineno, _model(node.func.value)))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "setattr":
            if len(node.args) > 1 and getattr(node.args[1], "value", None) == "status":
                found.append((node.lineno, "?"))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and RAW_STATUS.search(node.value)
        ):
            found.append((node.lineno, "?"))
    return sorted(found)


def _scanned():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" not in relative.parts and relative != WRITER:
                yield relative


def _bypasses(models: set[str]) -> list[str]:
    return [
        f"{path}:{line} writes the status of {model}"
        for path in _scanned()
        for line, model in status_writes(path.read_text())
        if model in models or model == "?"
    ]


@pytest.mark.parametrize("workflow", list(WORKFLOWS.values()), ids=lambda w: w.model.__name__)
def test_no_code_outside_the_writer_changes_a_status(workflow):
    assert _bypasses({workflow.model.__name__}) == []


def test_the_check_catches_a_status_written_directly():
    snippet = """
resource.status = Resource.Status.PUBLISHED
Resource.objects.filter(pk=1).update(status="published")
Delivery.objects.bulk_update(rows, ["status"])
note.status = to_status
setattr(affiliation, "status", "approved")
cursor.execute("UPDATE resources_resource SET status = %s")
Resource(status="draft")  # creating a row in its first status is no change
"""
    assert status_writes(snippet) == [
        (2, "Resource"),
        (3, "Resource"),
        (4, "Delivery"),
        (5, "?"),
        (6, "?"),
        (7, "?"),
    ]


def test_every_model_with_a_workflow_has_its_table():
    assert {w.model for w in WORKFLOWS.values()} >= {
        Contribution,
        Resource,
        Affiliation,
        Delivery,
        LiaisonNote,
        CountryEntry,
    }


# --- (b) the rows agree with their events ---------------------------------------------------
def drifted(workflow) -> list:
    """Rows whose status is not their latest event's to_status (nor, with none, the first)."""
    first = workflow.model._meta.get_field(workflow.status_field).default
    events = workflow.event_model.objects.order_by("at", "pk")
    latest = {getattr(e, f"{workflow.event_object}_id"): e.to_status for e in events}
    return [
        row.pk
        for row in workflow.model.objects.all()
        if workflow.status_of(row) != latest.get(row.pk, first)
    ]


def _walk(workflow, obj, steps, *, covered, act):
    for action, by in steps:
        covered.add((workflow.status_of(obj), action))
        obj = act(obj, action, by)
        obj.refresh_from_db()


@pytest.mark.django_db
def test_contributions_agree_with_their_events_after_every_transition(
    delegate, secretariat, organization
):
    today = timezone.localdate()
    meeting = MeetingFactory(number=40, start_date=today + datetime.timedelta(days=40))
    for number, days in ((41, 120), (42, 200)):
        MeetingFactory(number=number, start_date=today + datetime.timedelta(days=days))
    d, s = delegate, secretariat
    paths = [
        [("submit", d), ("accept", s), ("publish", s), ("withdraw", d)],
        [("submit-late", d), ("accept", s), ("reject", s)],
        [("submit-late", d), ("carry-over", s), ("carry-over", s), ("reject", s)],
        [("submit-late", d), ("reject", s)],
        [("withdraw", d)],
        [("submit", d), ("withdraw", d)],
        [("submit-late", d), ("withdraw", d)],
        [("submit", d), ("accept", s), ("withdraw", d)],
    ]
    covered = set()

    def act(contribution, action, by):
        return contribution_act(contribution_id=contribution.pk, action=action, by=by, note="Why")

    for steps in paths:
        contribution = ContributionFactory(submitter=delegate, meeting=meeting)
        ContributionSource.objects.create(contribution=contribution, organization=organization)
        _walk(CONTRIBUTIONS, contribution, steps, covered=covered, act=act)
    assert covered == set(CONTRIBUTIONS.table)
    assert drifted(CONTRIBUTIONS) == []
    Contribution.objects.filter(pk=contribution.pk).update(status="rejected")  # a bypass
    assert drifted(CONTRIBUTIONS) == [contribution.pk]


@pytest.mark.django_db
def test_resources_agree_with_their_events_after_every_transition(secretariat):
    covered = set()

    def act(resource, action, by):
        if action == "publish":
            return resources.resource_publish(resource_id=resource.pk, by=by)
        return resources.resource_unpublish(resource_id=resource.pk, by=by)

    resources.resource_create(by=secretariat, title_en="Published", type="report", publish=True)
    resource = resources.resource_create(by=secretariat, title_en="Walked", type="report")
    steps = [("publish", secretariat), ("unpublish", secretariat), ("publish", secretariat)]
    _walk(RESOURCES, resource, steps, covered=covered, act=act)
    assert covered == set(RESOURCES.table)
    assert drifted(RESOURCES) == []
    Resource.objects.filter(pk=resource.pk).update(status="draft")  # a bypass
    assert drifted(RESOURCES) == [resource.pk]


@pytest.mark.django_db
def test_affiliations_agree_with_their_events_after_every_transition(secretariat):
    organization = OrganizationFactory()
    approved, refused = (
        accounts.affiliation_request(user=UserFactory(), organization=organization)
        for _ in range(2)
    )
    accounts.affiliation_approve(affiliation_id=approved.pk, by=secretariat)
    accounts.affiliation_refuse(affiliation_id=refused.pk, by=secretariat, reason="Unknown")
    with pytest.raises(ValidationError):  # decided once
        accounts.affiliation_refuse(affiliation_id=approved.pk, by=secretariat, reason="No")
    assert drifted(AFFILIATIONS) == []
    assert {e.action for e in approved.events.all()} | {e.action for e in refused.events.all()} == {
        "approved",
        "refused",
    }
    Affiliation.objects.filter(pk=approved.pk).update(status="pending")  # a bypass
    assert drifted(AFFILIATIONS) == [approved.pk]


@pytest.mark.django_db
def test_liaison_notes_agree_with_their_events_after_every_transition(chair, secretariat):
    meeting = MeetingFactory(number=20)
    c, s = chair, secretariat
    covered = set()

    def act(note, action, by):
        return liaison.liaison_note_act(note_id=note.pk, action=action, by=by)

    def outgoing():
        return liaison.liaison_note_save(
            by=s,
            fields={"meeting": meeting, "subject": "Our note", "body": "Text."},
            recipients=[{"body": "ITU-T SG17", "purpose": "information"}],
        )

    def incoming():
        fields = {"source": "ITU-T SG17", "received_on": datetime.date(2025, 3, 1)}
        return liaison.incoming_note_save(by=s, fields={**fields, "subject": "Theirs"})

    paths = [
        (outgoing, [("approve", c), ("return", c), ("approve", c), ("send", s)]),
        (outgoing, [("approve", c), ("return", c)]),
        (incoming, [("publish", s)]),
    ]
    for new, steps in paths:
        _walk(LIAISON_NOTES, new(), steps, covered=covered, act=act)
    assert covered == set(LIAISON_NOTES.table)
    received = LiaisonNote.objects.incoming().get()
    with pytest.raises(ValidationError):  # an outgoing note's row is not a received note's
        act(received, "approve", c)
    assert drifted(LIAISON_NOTES) == []
    LiaisonNote.objects.filter(pk=received.pk).update(status="draft")  # a bypass
    assert drifted(LIAISON_NOTES) == [received.pk]


@pytest.mark.django_db
def test_country_entries_agree_with_their_events_after_every_transition(
    delegate, secretariat, organization
):
    d, s = delegate, secretariat
    covered = set()

    def act(entry, action, by):
        return countries.country_entry_act(entry_id=entry.pk, action=action, by=by, note="Why")

    def new(by):
        fields = {"kind": "strategy", "title_en": "Strategy", "source_text": "A letter"}
        entry = countries.country_entry_create(
            by=by, organization=organization, date_checked=datetime.date(2025, 1, 6), **fields
        )
        # The creation's own step (propose or record) went through the table from a draft.
        first = {"proposed": "propose", "recorded": "record"}[entry.events.get().action]
        covered.add((CountryEntry.Status.DRAFT, first))
        return entry

    for by, steps in [(d, [("approve", s), ("withdraw", s)]), (d, [("reject", s)]), (s, [])]:
        _walk(COUNTRY_ENTRIES, new(by), steps, covered=covered, act=act)
    # A rejected entry its delegate edits is proposed again (the edit form's own step).
    rejected = CountryEntry.objects.get(status=CountryEntry.Status.REJECTED)
    countries.country_entry_update(entry_id=rejected.pk, by=d, source_text="A second letter")
    assert rejected.events.last().action == "proposed"
    covered.add((CountryEntry.Status.REJECTED, "propose"))
    assert covered == set(COUNTRY_ENTRIES.table)
    assert drifted(COUNTRY_ENTRIES) == []
    entry = CountryEntry.objects.first()
    CountryEntry.objects.filter(pk=entry.pk).update(status="draft")  # a bypass
    assert drifted(COUNTRY_ENTRIES) == [entry.pk]


@pytest.mark.django_db
def test_a_delivery_moves_only_from_the_statuses_its_table_gives(delegate):
    delivery = Delivery.objects.create(
        key="k", kind="affiliation-decided", address="a@itu.example", language="en"
    )
    rows = Delivery.objects.filter(pk=delivery.pk)
    assert DELIVERIES.guarded_update(rows, "resend") == 0  # waiting, not failed: nothing moves
    claim = "attempts = attempts + 1"
    assert [
        d.pk for d in DELIVERIES.guarded_update_returning([delivery.pk], "claim", claim, [])
    ] == [delivery.pk]
    # Claimed already: a second worker given the same id gets nothing.
    assert list(DELIVERIES.guarded_update_returning([delivery.pk], "claim", claim, [])) == []
    assert DELIVERIES.guarded_update(rows, "mark-sent") == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 1)
    with pytest.raises(ValueError, match="not one guarded"):
        DELIVERIES.guarded_update(rows, "teleport")


TEMPLATE_STATUS = re.compile(
    r"""status\s*(==|!=|in|not in)\s*['"]|['"]\s*(==|!=)\s*[\w.]*status\b"""
)


def template_status_comparisons(text: str) -> list[int]:
    """Lines of a template that compare a status with a string (the groups are the enums')."""
    return [n for n, line in enumerate(text.splitlines(), 1) if TEMPLATE_STATUS.search(line)]


def test_no_template_compares_a_status_with_a_string():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for folder in [ROOT / "templates", *(ROOT / app / "templates" for app in APPS)]
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        for line in template_status_comparisons(path.read_text())
    ]
    assert found == []


def test_the_template_check_catches_a_comparison():
    text = (
        '{% if contribution.status != "draft" %}\n{% if c.is_visible %}\n{% if "x" == a.status %}'
    )
    assert template_status_comparisons(text) == [1, 3]
