"""Reference data and demo accounts for accounts: Member States, classifications, roles."""

import functools
import json
from pathlib import Path

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from copportal import pagecache
from copportal.content import column
from copportal.languages import Language

from .models import (
    CHAIR_GROUP,
    SECRETARIAT_GROUP,
    Affiliation,
    Classification,
    Organization,
    User,
)

DATA = Path(__file__).parent / "data" / "member_states.json"
# The UN short names of the Member States in the six languages, with their source.
COUNTRY_NAMES = Path(__file__).parent / "data" / "country_names.json"
DEMO_PASSWORD = "cwg-cop-demo-2026"  # noqa: S105  (demo data only, never when DEBUG is off)


@functools.cache
def _country_names() -> dict[str, dict[str, str]]:
    return json.loads(COUNTRY_NAMES.read_text(encoding="utf-8"))["names"]


def country_names(iso_code: str) -> dict[str, str]:
    """A Member State's UN short name in the six languages (data/country_names.json, which
    says where the names come from), keyed by column: name_en, name_fr, name_zh_hans, ..."""
    names = _country_names()[iso_code]
    return {column("name", language): names[language.value] for language in Language}


def load_organizations(path: Path = DATA) -> int:
    """Create or update the classifications, the ITU Member States and other organizations."""
    with translation.override("en"):  # lookups by name and the base column: the English
        return _load_organizations(path)


def _load_organizations(path: Path) -> int:
    data = json.loads(path.read_text(encoding="utf-8"))
    classifications = {}
    for row in data["classifications"]:
        code = row["code"]
        classifications[code], _ = Classification.objects.update_or_create(
            code=code,
            defaults={
                "name": row["name"],
                "source": row["source"],
                "source_url": row.get("source_url", ""),
                "as_of": row.get("as_of"),
            },
        )
    rows = data["member_states"]
    states = _load_member_states(rows)
    _set_classifications(
        {states[row["iso_code"]].pk: {classifications[code].pk for code in row["classifications"]}
         for row in rows}
    )  # fmt: skip
    for row in data.get("organizations", []):
        Organization.objects.update_or_create(
            name_en=row["name"], defaults={"kind": row["kind"], "website": row.get("website", "")}
        )
    return len(rows)


def _load_member_states(rows: list[dict]) -> dict[str, Organization]:
    """The Member States by ISO code, created or updated in two queries (not one per State:
    the seeds load in many tests). Bulk writes send no signal: the page cache is bumped here."""
    codes = [row["iso_code"] for row in rows]
    states = {state.iso_code: state for state in Organization.objects.filter(iso_code__in=codes)}
    new, changed = [], []
    fields = [*(column("name", language) for language in Language), "kind", "region"]
    for row in rows:
        values = {
            **country_names(row["iso_code"]),
            "kind": Organization.Kind.MEMBER_STATE,
            "region": row["region"],
        }
        state = states.get(row["iso_code"])
        if state is None:
            states[row["iso_code"]] = state = Organization(iso_code=row["iso_code"], **values)
            new.append(state)
        elif any(getattr(state, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(state, field, value)
            changed.append(state)
    Organization.objects.bulk_create(new)
    # "name" is the base column modeltranslation keeps: the English name while seeding.
    Organization.objects.bulk_update(changed, [*fields, "name"])
    if new or changed:
        pagecache.bump()
    return states


def _set_classifications(wanted: dict[int, set[int]]) -> None:
    """Each organization's classifications exactly as given, in three queries."""
    through = Organization.classifications.through
    links = through.objects.filter(organization_id__in=wanted)
    present = {
        (o, c): pk for pk, o, c in links.values_list("pk", "organization_id", "classification_id")
    }
    pairs = {(o, c) for o, codes in wanted.items() for c in codes}
    stale = [pk for pair, pk in present.items() if pair not in pairs]
    missing = [through(organization_id=o, classification_id=c) for o, c in pairs - present.keys()]
    through.objects.filter(pk__in=stale).delete()
    through.objects.bulk_create(missing)
    if stale or missing:
        pagecache.bump()


def ensure_role_groups() -> None:
    Group.objects.get_or_create(name=CHAIR_GROUP)
    Group.objects.get_or_create(name=SECRETARIAT_GROUP)


def _demo_user(email: str, full_name: str, **extra) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, DEMO_PASSWORD, full_name=full_name, **extra)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _affiliate(user: User, iso_code: str, status: str) -> None:
    organization = Organization.objects.get(iso_code=iso_code)
    if user.affiliations.filter(organization=organization).exists():
        return
    decided = status != Affiliation.Status.PENDING
    Affiliation.objects.create(
        user=user,
        organization=organization,
        status=status,
        role_title="Demo delegate",
        decided_at=timezone.now() if decided else None,
    )


def create_demo_accounts() -> list[tuple[str, str]]:
    """The demo accounts (DEBUG only). Returns (e-mail, what it is) pairs to print."""
    chair = _demo_user("chair@example.org", "Demo Chair", is_staff=True)
    chair.groups.add(Group.objects.get(name=CHAIR_GROUP))
    secretariat = _demo_user("secretariat@example.org", "Demo Secretariat", is_staff=True)
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    _affiliate(_demo_user("delegate@example.org", "Demo Delegate"), "PHL", "approved")
    _affiliate(_demo_user("delegate2@example.org", "Demo Delegate Two"), "MWI", "approved")
    _affiliate(_demo_user("pending@example.org", "Demo Pending"), "KEN", "pending")
    return [
        ("chair@example.org", "chair"),
        ("secretariat@example.org", "secretariat"),
        ("delegate@example.org", "delegate of the Philippines"),
        ("delegate2@example.org", "delegate of Malawi"),
        ("pending@example.org", "affiliation with Kenya pending"),
    ]


def load(*, demo: bool) -> list[str]:
    """The seeding interface (manage.py load_seeds): Member States, role groups, demo accounts."""
    states = load_organizations()
    ensure_role_groups()
    lines = [f"Loaded {states} Member States."]
    if demo:
        lines.append(f"Demo accounts (password: {DEMO_PASSWORD}):")
        lines += [f"  {email:<26} {what}" for email, what in create_demo_accounts()]
    return lines
