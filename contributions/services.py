"""Writes on contributions: drafts, submission, files, the secretariat's decisions, deadlines.

Every function here checks the state and the clock at the moment of saving (the form's view
of the world may be minutes old) and records what changed in ContributionEvent.
"""

import datetime
import logging
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from copportal import extraction
from copportal.accounts.models import Organization, User
from copportal.uploads import check_upload
from meetings.models import Audience, Meeting, Theme

from .models import (
    Contribution,
    ContributionEvent,
    ContributionSource,
    DeadlineChange,
    Document,
    Revision,
    SymbolCounter,
)

logger = logging.getLogger(__name__)
Status = Contribution.Status
Action = ContributionEvent.Action

# The fields of a contribution an author fills in (the rest belongs to the workflow).
AUTHOR_FIELDS = (
    "meeting",
    "title",
    "kind",
    "purpose",
    "action_requested",
    "abstract",
    "original_language",
    "contacts",
)


def _event(contribution, *, actor, action, from_status, note="") -> None:
    ContributionEvent.objects.create(
        contribution=contribution,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=contribution.status,
        note=note,
    )


def _move(contribution, *, to: str, by: User, action: str, note: str = "") -> Contribution:
    """Change the status (with whatever fields the caller set), bump the version, log it."""
    before = contribution.status
    contribution.status = to
    contribution.version += 1
    contribution.save()
    _event(contribution, actor=by, action=action, from_status=before, note=note)
    return contribution


def _locked(contribution_id: int) -> Contribution:
    # Lock the contribution's row only (not its meeting's): numbering has its own lock.
    return (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("meeting")
        .get(pk=contribution_id)
    )


def _set_sources(contribution, *, sources: list[Organization], by: User) -> None:
    """Sources in order: the submitter's own organizations first, then the co-sponsors."""
    own = {organization.pk for organization in by.approved_organizations}
    ordered = sorted(dict.fromkeys(sources), key=lambda o: (o.pk not in own, o.name))
    contribution.source_links.all().delete()
    ContributionSource.objects.bulk_create(
        ContributionSource(contribution=contribution, organization=organization, order=i)
        for i, organization in enumerate(ordered)
    )


def _check_sources(*, sources: list[Organization], by: User) -> None:
    if by.is_secretariat or not sources:
        return
    own = {organization.pk for organization in by.approved_organizations}
    if not own & {organization.pk for organization in sources}:
        raise ValidationError(
            {"sources": _("Include your own organization: you submit on its behalf.")}
        )


def _check_meeting_open(meeting: Meeting, *, by: User) -> None:
    if not by.is_secretariat and meeting.end_date < timezone.localdate():
        raise ValidationError({"meeting": _("This meeting is over: choose an upcoming one.")})


@transaction.atomic
def contribution_create(
    *,
    submitter: User,
    meeting: Meeting,
    title: str,
    sources: list[Organization],
    themes: list[Theme],
    audiences: list[Audience] = (),
    creation_token: uuid.UUID | None = None,
    upload=None,
    **fields,
) -> tuple[Contribution, bool]:
    """Save a new draft. The form's token makes a double click return the first draft.

    Returns (contribution, created).
    """
    if creation_token:
        existing = Contribution.objects.filter(creation_token=creation_token).first()
        if existing:
            return existing, False
    _check_meeting_open(meeting, by=submitter)
    _check_sources(sources=sources, by=submitter)
    checked = check_upload(upload) if upload else None
    contribution = Contribution(
        submitter=submitter,
        meeting=meeting,
        title=title,
        creation_token=creation_token,
        **fields,
    )
    contribution.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            contribution.save()
    except IntegrityError:
        # The same form sent twice at once: the other request saved it first.
        existing = Contribution.objects.filter(creation_token=creation_token).first()
        if existing is None:
            raise
        return existing, False
    _set_sources(contribution, sources=sources, by=submitter)
    contribution.themes.set(themes)
    contribution.audiences.set(audiences)
    _event(contribution, actor=submitter, action=Action.CREATED, from_status=Status.DRAFT)
    if upload:
        _add_revision(
            contribution,
            by=submitter,
            language=contribution.original_language,
            upload=upload,
            checked=checked,
        )
    return contribution, True


@transaction.atomic
def contribution_update(
    *,
    contribution_id: int,
    by: User,
    version: int,
    sources: list[Organization],
    themes: list[Theme],
    audiences: list[Audience] = (),
    upload=None,
    **fields,
) -> Contribution:
    """Save changes to a draft, unless someone saved it since `version` was read."""
    checked = check_upload(upload) if upload else None
    bumped = Contribution.objects.filter(
        pk=contribution_id, version=version, status=Status.DRAFT
    ).update(version=F("version") + 1)
    contribution = _locked(contribution_id)
    if not bumped:
        if contribution.status != Status.DRAFT:
            raise ValidationError(
                _("This contribution is already submitted: a draft can no longer be edited."),
                code="already-submitted",
            )
        raise ValidationError(
            _(
                "This draft was saved elsewhere (another tab or a co-sponsor) since you opened "
                "it. Your changes are not saved: they are still in the form below. Open the "
                "latest version, then make your changes again."
            ),
            code="stale",
        )
    _check_meeting_open(fields.get("meeting", contribution.meeting), by=by)
    _check_sources(sources=sources, by=by)
    for name, value in fields.items():
        setattr(contribution, name, value)
    contribution.full_clean(validate_unique=False)
    contribution.save()
    _set_sources(contribution, sources=sources, by=by)
    contribution.themes.set(themes)
    contribution.audiences.set(audiences)
    _event(contribution, actor=by, action=Action.EDITED, from_status=Status.DRAFT)
    if upload:
        _add_revision(
            contribution,
            by=by,
            language=contribution.original_language,
            upload=upload,
            checked=checked,
        )
    return contribution


@transaction.atomic
def contribution_submit(
    *, contribution_id: int, by: User, version: int | None = None
) -> Contribution:
    """Submit a draft: on time or late, by the server's clock now (not the form's)."""
    contribution = _locked(contribution_id)
    if contribution.status != Status.DRAFT:
        raise ValidationError(
            _("This contribution was already submitted (%(status)s). Nothing was sent twice.")
            % {"status": contribution.get_status_display()},
            code="already-submitted",
        )
    if version is not None and contribution.version != version:
        raise ValidationError(
            _("This draft changed since you opened it: check it, then submit again."),
            code="stale",
        )
    missing = contribution.missing_for_submission()
    if missing:
        raise ValidationError(
            _("Before submitting, add: %(missing)s.") % {"missing": "; ".join(map(str, missing))},
            code="incomplete",
        )
    now = timezone.now()
    late = contribution.meeting.is_past_deadline(now)
    contribution.is_late = late
    contribution.submitted_at = now
    return _move(
        contribution,
        to=Status.LATE if late else Status.SUBMITTED,
        by=by,
        action=Action.SUBMITTED_LATE if late else Action.SUBMITTED,
    )


def _add_revision(contribution, *, by: User, language: str, upload, checked=None) -> Revision:
    checked = checked or check_upload(upload)
    document, _created = Document.objects.get_or_create(
        contribution=contribution, language=language
    )
    previous = list(document.revisions.all())
    if contribution.status == Status.DRAFT and previous:
        # A draft's file is not yet part of any record: a new upload replaces it.
        names = [revision.file.name for revision in previous]
        document.revisions.all().delete()
        transaction.on_commit(lambda: [previous[0].file.storage.delete(n) for n in names])
        number = 0
    else:
        number = max((revision.number for revision in previous), default=-1) + 1
    revision = Revision(
        document=document,
        number=number,
        stored_name=f"{uuid.uuid4().hex}.{checked.file_type}",
        original_name=checked.name,
        file_type=checked.file_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    upload.seek(0)
    revision.file.save(revision.stored_name, upload, save=False)
    revision.full_clean(exclude=["file"])
    revision.save()
    _event(
        contribution,
        actor=by,
        action=Action.FILE_ADDED,
        from_status=contribution.status,
        note=_("%(label)s (%(language)s): %(name)s")
        % {
            "label": revision.label,
            "language": document.get_language_display(),
            "name": revision.original_name,
        },
    )
    from .tasks import extract_revision_text

    transaction.on_commit(lambda: extract_revision_text.delay(revision.pk))
    return revision


@transaction.atomic
def revision_add(*, contribution_id: int, by: User, language: str, upload) -> Revision:
    """A new revision, or a first file in another language. Authors: before the deadline."""
    checked = check_upload(upload)
    contribution = _locked(contribution_id)
    if contribution.status in {Status.WITHDRAWN, Status.REJECTED}:
        raise ValidationError(
            _("This contribution is %(status)s: it takes no more files.")
            % {"status": contribution.get_status_display().lower()},
            code="closed",
        )
    if not by.is_secretariat and not contribution.accepts_revisions(timezone.now()):
        raise ValidationError(
            _(
                "The deadline has passed: revisions are closed. Ask the secretariat if a "
                "correction is needed."
            ),
            code="deadline",
        )
    return _add_revision(contribution, by=by, language=language, upload=upload, checked=checked)


def _decide(contribution_id: int, *, allowed: set[str]) -> Contribution:
    contribution = _locked(contribution_id)
    if contribution.status not in allowed:
        raise ValidationError(
            _("This contribution is %(status)s: someone has already decided on it.")
            % {"status": contribution.get_status_display().lower()},
            code="already-decided",
        )
    return contribution


def _next_number(meeting: Meeting) -> int:
    """The next symbol number of a meeting: one locked counter row, never reused."""
    counter, _created = SymbolCounter.objects.select_for_update().get_or_create(meeting=meeting)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


@transaction.atomic
def contribution_accept(*, contribution_id: int, by: User, note: str = "") -> Contribution:
    """Accept for its meeting and give it its symbol: CWG-COP-<meeting>/<n>."""
    contribution = _decide(contribution_id, allowed={Status.SUBMITTED, Status.LATE})
    if contribution.status == Status.LATE and not note:
        note = _("Accepted for this meeting although late.")
    contribution.number = _next_number(contribution.meeting)
    contribution.accepted_at = timezone.now()
    return _move(contribution, to=Status.ACCEPTED, by=by, action=Action.ACCEPTED, note=note)


@transaction.atomic
def contribution_carry_over(*, contribution_id: int, by: User, reason: str) -> Contribution:
    """Move a waiting contribution to the next meeting, saying why (the submitter sees it)."""
    if not reason.strip():
        raise ValidationError(_("Say why it is carried over: the submitter sees the reason."))
    contribution = _decide(contribution_id, allowed={Status.SUBMITTED, Status.LATE})
    current = contribution.meeting
    target = (
        # The next meeting of the same kind: a real contribution never moves to a demo meeting.
        Meeting.objects.filter(start_date__gt=current.start_date, is_demo=current.is_demo)
        .order_by("start_date")
        .first()
    )
    if target is None:
        raise ValidationError(
            _("There is no later meeting yet: create the next meeting first."), code="no-meeting"
        )
    note = _("Carried over from meeting %(from)s to meeting %(to)s: %(reason)s") % {
        "from": current.number,
        "to": target.number,
        "reason": reason.strip(),
    }
    contribution.carried_over_from = current
    contribution.meeting = target
    return _move(contribution, to=Status.SUBMITTED, by=by, action=Action.CARRIED_OVER, note=note)


@transaction.atomic
def contribution_reject(*, contribution_id: int, by: User, reason: str) -> Contribution:
    if not reason.strip():
        raise ValidationError(_("Say why it is rejected: the submitter sees the reason."))
    contribution = _decide(
        contribution_id, allowed={Status.SUBMITTED, Status.LATE, Status.ACCEPTED}
    )
    return _move(
        contribution, to=Status.REJECTED, by=by, action=Action.REJECTED, note=reason.strip()
    )


@transaction.atomic
def contribution_publish(*, contribution_id: int, by: User) -> Contribution:
    contribution = _decide(contribution_id, allowed={Status.ACCEPTED})
    contribution.published_at = timezone.now()
    return _move(contribution, to=Status.PUBLISHED, by=by, action=Action.PUBLISHED)


@transaction.atomic
def contribution_set_visibility(*, contribution_id: int, by: User, visibility: str) -> Contribution:
    contribution = _locked(contribution_id)
    if visibility not in Contribution.Visibility.values:
        raise ValidationError(_("Choose public or members only."))
    if contribution.visibility == visibility:
        return contribution
    before = contribution.get_visibility_display()
    contribution.visibility = visibility
    contribution.version += 1
    contribution.save()
    _event(
        contribution,
        actor=by,
        action=Action.VISIBILITY,
        from_status=contribution.status,
        note=f"{before} → {contribution.get_visibility_display()}",
    )
    return contribution


@transaction.atomic
def contribution_withdraw(*, contribution_id: int, by: User, reason: str = "") -> Contribution:
    """Withdraw: the record, its number and its files are kept."""
    contribution = _locked(contribution_id)
    if not contribution.is_withdrawable:
        raise ValidationError(
            _("This contribution is already %(status)s.")
            % {"status": contribution.get_status_display().lower()},
            code="already-decided",
        )
    return _move(
        contribution, to=Status.WITHDRAWN, by=by, action=Action.WITHDRAWN, note=reason.strip()
    )


def revision_extract_text(*, revision_id: int) -> Revision | None:
    """Extract a file's text for search. Safe to run twice; a failure is recorded, not raised."""
    revision = Revision.objects.filter(pk=revision_id).first()
    if revision is None or revision.text_extracted_at:
        return revision
    try:
        with revision.file.open("rb") as handle:
            text = extraction.extract_text(handle, revision.file_type)
        error = ""
    except Exception as exc:  # any parser error: the file stays accepted, unsearchable
        logger.warning("Text extraction failed for revision %s: %r", revision_id, exc)
        text, error = "", f"{type(exc).__name__}: {exc}"[:300]
    Revision.objects.filter(pk=revision_id, text_extracted_at__isnull=True).update(
        text=text, extraction_error=error, text_extracted_at=timezone.now()
    )
    revision.refresh_from_db()
    return revision


@transaction.atomic
def meeting_deadline_set(
    *, meeting_id: int, by: User, deadline: datetime.datetime | None, reason: str = ""
) -> Meeting:
    """Override a meeting's deadline (None: back to the rule), recording who and why."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting_id)
    old = meeting.deadline
    meeting.deadline_override = deadline
    meeting.full_clean()
    meeting.save(update_fields=["deadline_override"])
    DeadlineChange.objects.create(
        meeting=meeting,
        changed_by=by,
        old_deadline=old,
        new_deadline=meeting.deadline,
        reason=reason.strip(),
    )
    return meeting
