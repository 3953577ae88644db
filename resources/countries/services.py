"""Writes on country entries: a new entry (proposed by a delegate of the country, or recorded
by the secretariat), the secretariat's decisions, and the proposer's mail."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from copportal.accounts.models import Organization, User
from copportal.content import column
from copportal.languages import Language
from copportal.notifications.services import Recipient, notify

from .models import CountryEntry, CountryEntryEvent
from .workflow import CHANGE, PROPOSE, REVIEW, WORKFLOW

TEXT = ("title", "details")
FIELDS = {
    "original_language",
    "kind",
    "url",
    "email",
    "source_url",
    "source_text",
    "date_checked",
    *(column(name, language) for name in TEXT for language in Language),
}


@transaction.atomic
def country_entry_create(*, by: User, organization: Organization, **fields) -> CountryEntry:
    """A new entry of a Member State: recorded at once (approved) when the secretariat writes
    it, proposed to the secretariat when a delegate of that country does; anyone else is
    refused. Both go through the table (draft, then record or propose), with their event."""
    if by.has_perm(REVIEW):
        action = "record"
    elif by.has_perm(PROPOSE, organization):
        action = "propose"
    else:
        raise PermissionDenied
    entry = CountryEntry(organization=organization)
    _fill(entry, fields)
    entry.save()
    return WORKFLOW.transition(entry, action, by=by)


@transaction.atomic
def country_entry_update(*, entry_id: int, by: User, **fields) -> CountryEntry:
    """An entry edited: by the secretariat (any but a withdrawn one; its status stays), or by
    a delegate of the country while it waits or after it was rejected, when it is proposed
    again. The history records an edit that changed something. Anyone else is refused."""
    # of=self: the entry's row is locked, not its Member State's.
    entry = (
        CountryEntry.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=entry_id)
    )
    if not (by.has_perm(REVIEW) or by.has_perm(PROPOSE, entry)):
        raise PermissionDenied
    if not by.has_perm(CHANGE, entry):
        raise ValidationError(
            _("This entry is %(status)s: it can no longer be edited.")
            % {"status": entry.get_status_display().lower()},
            code="wrong-status",
        )
    before = _values(entry)
    _fill(entry, fields)
    if _values(entry) != before:  # saving the form unchanged records nothing
        entry.save()
        CountryEntryEvent.objects.create(
            entry=entry,
            actor=by,
            action=CountryEntryEvent.Action.EDITED,
            from_status=entry.status,
            to_status=entry.status,
        )
    if entry.edit_proposes_again(by):
        entry = WORKFLOW.transition(entry, "propose", by=by)
    return entry


def _values(entry: CountryEntry) -> dict:
    """The form's fields as _fill sets them (an empty text is "", never None)."""
    return {name: "" if (v := getattr(entry, name)) is None else v for name in FIELDS}


def _fill(entry: CountryEntry, fields: dict) -> None:
    """Set the form's fields on the entry and check it: a title in its original language."""
    unknown = set(fields) - FIELDS
    if unknown:
        raise TypeError(f"not a country entry field: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(entry, name, "" if value is None and name != "date_checked" else value)
    if not entry.text_in("title", entry.original_language):
        raise ValidationError(
            {column("title", entry.original_language): _("A title in the original language.")}
        )
    entry.full_clean(exclude=["title", "details"])


def country_entry_act(*, entry_id: int, action: str, by: User, note: str = "") -> CountryEntry:
    """approve, reject (with a reason), withdraw (with a reason): the table checks who and
    from which status."""
    return WORKFLOW.transition(entry_id, action, by=by, note=note)


def notify_decision(event: CountryEntryEvent) -> None:
    """Tell the proposer, in their language, once (the delivery is sent after commit)."""
    entry = event.entry
    if entry.proposed_by is None:
        return
    notify(
        kind="country-entry-decided",
        key=f"country-entry-decision:{event.pk}",
        recipients=[Recipient(user=entry.proposed_by)],
        context={
            "title": entry.shown("title", entry.original_language).text,
            "approved": entry.is_public,
            "reason": entry.reason,
            # In the six languages (the UN short names): the mail's language picks.
            "organization": entry.organization.names_by_language(),
            "path": reverse(
                "resources:countries:detail", args=[entry.organization.iso_code.lower()]
            ),
        },
    )
