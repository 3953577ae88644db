"""Writes on contributions: drafts, submission, files, the secretariat's decisions, deadlines.

Every function here checks the state and the clock at the moment of saving (the form's view
of the world may be minutes old) and records what changed in ContributionEvent. The search
vector is a generated column; those that add a file or extract its text write the files' part
it reads (`search.fill_stored`, contributions/search.py). A meeting's documents as ZIPs are
asked for and built in contributions/archives.py.
"""

import logging
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from copportal import extraction
from copportal.accounts.models import Organization, User
from copportal.uploads import atomic_with_uploads, check_upload
from meetings.models import Audience, Meeting, Theme

from . import search, workflow
from .models import (
    Contribution,
    ContributionEvent,
    ContributionSource,
    Document,
    Revision,
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


def _set_sources(contribution, *, sources: list[Organization], by: User) -> None:
    """Sources in order: the submitter's own organizations first, then the co-sponsors."""
    own = {organization.pk for organization in by.approved_organizations}
    ordered = sorted(dict.fromkeys(sources), key=lambda o: (o.pk not in own, o.name))
    contribution.source_links.all().delete()
    ContributionSource.objects.bulk_create(
        ContributionSource(contribution=contribution, organization=organization, order=i)
        for i, organization in enumerate(ordered)
    )


def _event(contribution, *, actor, action, note="") -> None:
    """An event that changes no status (created, edited, file added, visibility)."""
    ContributionEvent.objects.create(
        contribution=contribution,
        actor=actor,
        action=action,
        from_status=contribution.status,
        to_status=contribution.status,
        note=note,
    )


def _check_sources(*, sources: list[Organization], by: User) -> None:
    if by.has_perm("contributions.submit_on_behalf") or not sources:
        return
    own = {organization.pk for organization in by.approved_organizations}
    if not own & {organization.pk for organization in sources}:
        raise ValidationError(
            {"sources": _("Include your own organization: you submit on its behalf.")}
        )


def _check_meeting_open(meeting: Meeting, *, by: User) -> None:
    if not by.has_perm("contributions.submit_on_behalf") and not meeting.is_open_for_submission:
        raise ValidationError({"meeting": _("This meeting is over: choose an upcoming one.")})


@atomic_with_uploads()
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
    if not submitter.has_perm("contributions.add_contribution"):
        raise PermissionDenied
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
    _event(contribution, actor=submitter, action=Action.CREATED)
    if upload:
        _add_revision(
            contribution,
            by=submitter,
            language=contribution.original_language,
            upload=upload,
            checked=checked,
        )
    return contribution, True


@atomic_with_uploads()
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
    contribution = workflow.lock(contribution_id)
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
    if not by.has_perm("contributions.change_contribution", contribution):
        raise PermissionDenied
    _check_meeting_open(fields.get("meeting", contribution.meeting), by=by)
    _check_sources(sources=sources, by=by)
    for name, value in fields.items():
        setattr(contribution, name, value)
    contribution.full_clean(validate_unique=False)
    contribution.save()
    _set_sources(contribution, sources=sources, by=by)
    contribution.themes.set(themes)
    contribution.audiences.set(audiences)
    _event(contribution, actor=by, action=Action.EDITED)
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
    *, contribution_id: int, by: User, version: int | None = None, at=None
) -> Contribution:
    """Submit a draft: on time or late, judged by when the request arrived (`at`, the server's
    clock by default), never by the form's view of the world."""
    contribution = workflow.lock(contribution_id)
    if contribution.status == Status.DRAFT:
        if version is not None and contribution.version != version:
            raise ValidationError(
                _("This draft changed since you opened it: check it, then submit again."),
                code="stale",
            )
        missing = contribution.missing_for_submission()
        if missing:
            raise ValidationError(
                _("Before submitting, add: %(missing)s.")
                % {"missing": "; ".join(map(str, missing))},
                code="incomplete",
            )
    at = at or timezone.now()
    action = "submit-late" if contribution.meeting.is_late(at) else "submit"
    return workflow.contribution_act(contribution_id=contribution_id, action=action, by=by, at=at)


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
    revision = Revision(document=document, number=number)
    upload.seek(0)
    revision.store(checked, upload, by=by)
    revision.full_clean(exclude=["file"])
    revision.save()
    _event(
        contribution,
        actor=by,
        action=Action.FILE_ADDED,
        note=_("%(label)s (%(language)s): %(name)s")
        % {
            "label": revision.label,
            "language": document.get_language_display(),
            "name": revision.original_name,
        },
    )
    # A draft's replaced file leaves the vector now; a new file's text enters it once extracted.
    search.fill_stored(Contribution.objects.filter(pk=contribution.pk))
    from .tasks import extract_revision_text

    transaction.on_commit(lambda: extract_revision_text.delay(revision.pk))
    return revision


@atomic_with_uploads()
def revision_add(*, contribution_id: int, by: User, language: str, upload) -> Revision:
    """A new revision, or a first file in another language. Authors: before the deadline."""
    checked = check_upload(upload)
    contribution = workflow.lock(contribution_id)
    if not contribution.is_withdrawable:
        raise ValidationError(
            _("This contribution is %(status)s: it takes no more files.")
            % {"status": contribution.get_status_display().lower()},
            code="closed",
        )
    if not by.has_perm("contributions.revise_contribution", contribution):
        if contribution.is_author(by):
            raise ValidationError(
                _(
                    "The deadline has passed: revisions are closed. Ask the secretariat if a "
                    "correction is needed."
                ),
                code="deadline",
            )
        raise PermissionDenied
    return _add_revision(contribution, by=by, language=language, upload=upload, checked=checked)


def contribution_accept(*, contribution_id: int, by: User, reason: str = "") -> Contribution:
    """Accept for its meeting and give it its symbol: CWG-COP-<meeting>/<n>.

    A late contribution is accepted only with a reason, recorded on its event and mailed to
    its authors like a carry-over's or a rejection's (the workflow's table requires it)."""
    return workflow.contribution_act(
        contribution_id=contribution_id, action="accept", by=by, note=reason
    )


def contribution_carry_over(*, contribution_id: int, by: User, reason: str) -> Contribution:
    """Move a waiting contribution to the next meeting, saying why (the submitter sees it)."""
    if not reason.strip():
        raise ValidationError(_("Say why it is carried over: the submitter sees the reason."))
    return workflow.contribution_act(
        contribution_id=contribution_id, action="carry-over", by=by, note=reason
    )


def contribution_reject(*, contribution_id: int, by: User, reason: str) -> Contribution:
    if not reason.strip():
        raise ValidationError(_("Say why it is rejected: the submitter sees the reason."))
    return workflow.contribution_act(
        contribution_id=contribution_id, action="reject", by=by, note=reason
    )


def contribution_publish(*, contribution_id: int, by: User) -> Contribution:
    return workflow.contribution_act(contribution_id=contribution_id, action="publish", by=by)


def contribution_withdraw(*, contribution_id: int, by: User, reason: str = "") -> Contribution:
    """Withdraw: the record, its number and its files are kept."""
    return workflow.contribution_act(
        contribution_id=contribution_id, action="withdraw", by=by, note=reason
    )


@transaction.atomic
def contribution_set_visibility(*, contribution_id: int, by: User, visibility: str) -> Contribution:
    """Public or members only: no change of status, but recorded."""
    contribution = workflow.lock(contribution_id)
    if not by.has_perm("contributions.decide_contribution", contribution):
        raise PermissionDenied
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
        note=f"{before} → {contribution.get_visibility_display()}",
    )
    return contribution


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
    with transaction.atomic():
        extracted = Revision.objects.filter(pk=revision_id, text_extracted_at__isnull=True).update(
            text=text, extraction_error=error, text_extracted_at=timezone.now()
        )
        if extracted:
            search.fill_stored(Contribution.objects.filter(documents__revisions=revision_id))
    revision.refresh_from_db()
    return revision
