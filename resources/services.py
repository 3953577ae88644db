"""Writes on the library: resources (with their file, search vector and suggestions) and helplines.

Every write checks the permission it needs and validates with full_clean; the search vector
is a column PostgreSQL generates from the row (resources/search.py). A file's text is
extracted by a task queued after commit (resources/tasks.py), and enters the vector when the
task saves it.
"""

import contextlib
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from copportal import extraction
from copportal.accounts.models import User
from copportal.content import column
from copportal.languages import Language
from copportal.uploads import check_upload

from . import search, workflow
from .models import HelplineEntry, Resource, resource_file_name

logger = logging.getLogger(__name__)

TEXT = ("title", "summary", "body", "cited_section")  # the translated fields
# The fields a form may set directly (the rest: file, status, search vector, audit).
FIELDS = {
    "original_language",
    "type",
    "language",
    "translation_of",
    "country",
    "region",
    "publisher",
    "published_on",
    "year",
    "link",
    "cited_in",
    "source_contribution",
    "is_demo",
} | {column(f, lang) for f in TEXT for lang in Language}


def _require(user: User | None, permission: str, obj=None) -> None:
    if user is not None and not user.has_perm(permission, obj):
        raise PermissionDenied


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100].strip("-") or "resource"
    taken = set(
        Resource.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _attach(resource: Resource, upload) -> None:
    """Check an uploaded file and store it under a name of our own. Its text is extracted
    after commit (`_extract_after_commit`): until then the resource is searched without it."""
    checked = check_upload(upload)
    upload.seek(0)
    old = resource.file.name if resource.file else ""
    resource.file.save(resource_file_name(checked.file_type), File(upload), save=False)
    resource.file_name = checked.name
    resource.file_type = checked.file_type
    resource.file_size = checked.size
    resource.file_text = ""  # the previous file's text, if any, no longer applies
    if old:
        storage = resource.file.storage
        transaction.on_commit(lambda: storage.delete(old))


def _extract_after_commit(resource: Resource) -> None:
    from .tasks import extract_resource_text

    resource_id, file_name = resource.pk, resource.file.name
    transaction.on_commit(lambda: extract_resource_text.delay(resource_id, file_name))


def resource_extract_text(*, resource_id: int, file_name: str) -> Resource | None:
    """Extract the text of a resource's file for search (the task).

    Safe to run twice (the same text again). Does nothing when the resource is gone or its
    file was replaced since (the new file has its own task). A file whose text cannot be
    extracted stays downloadable, unsearchable; a storage error is raised (the task retries).
    """
    resource = Resource.objects.filter(pk=resource_id, file=file_name).first()
    if resource is None:
        return None
    with resource.file.open("rb") as handle:
        try:
            text = extraction.extract_text(handle, resource.file_type)
        except Exception:  # any parser error: a damaged file is only not searchable
            logger.warning("text extraction failed for resource %s", resource_id, exc_info=True)
            text = ""
    with transaction.atomic():
        current = Resource.objects.select_for_update().filter(pk=resource_id, file=file_name)
        current = current.only("pk", "language").first()
        if current is not None:
            # save(): a Chinese file's text is cut into words for the vector (Resource.save).
            current.file_text = text
            current.save(update_fields=["file_text"])
    resource.file_text = text
    return resource


def _set_fields(resource: Resource, fields: dict) -> None:
    unknown = set(fields) - FIELDS
    if unknown:
        raise TypeError(f"not a resource field: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(resource, name, value if value is not None or name not in _TEXT else "")
    if resource.published_on:
        resource.year = resource.published_on.year
    if resource.country_id and not resource.region:
        resource.region = resource.country.region
    if not resource.text_in("title", resource.original_language):
        raise ValidationError(
            {column("title", resource.original_language): _("A title in the original language.")}
        )


_TEXT = {column(f, lang) for f in TEXT for lang in Language} | {
    "publisher",
    "link",
    "region",
}


def _save(resource: Resource, *, audiences=None, themes=None) -> Resource:
    # `title` itself is modeltranslation's view of the current language's column: the title
    # required is the original language's (checked in _set_fields).
    resource.full_clean(exclude=["title"])
    resource.save()
    if audiences is not None:
        resource.audiences.set(audiences)
    if themes is not None:
        resource.themes.set(themes)
    if resource.is_published:
        search.remember_words(resource)
    return resource


@transaction.atomic
def resource_create(
    *,
    by: User | None,
    upload=None,
    audiences=(),
    themes=(),
    publish: bool = False,
    slug: str = "",
    **fields,
) -> Resource:
    """A new resource, a draft unless `publish` (by None: seeds and benchmarks)."""
    _require(by, "resources.add_resource")
    resource = Resource(created_by=by)
    _set_fields(resource, fields)
    resource.slug = slug or unique_slug(resource.shown("title", resource.original_language).text)
    if upload is not None:
        _attach(resource, upload)
    if publish:
        _require(by, "resources.publish_resource", resource)
    resource = _save(resource, audiences=audiences, themes=themes)
    if publish:  # created a draft, published through the table (its event recorded)
        resource = _transition(resource.pk, "publish", by=by)
    if upload is not None:
        _extract_after_commit(resource)
    return resource


@transaction.atomic
def resource_update(
    *, resource_id: int, by: User | None, upload=None, audiences=None, themes=None, **fields
) -> Resource:
    resource = Resource.objects.select_for_update().get(pk=resource_id)
    _require(by, "resources.change_resource", resource)
    _set_fields(resource, fields)
    if upload is not None:
        _attach(resource, upload)
    resource = _save(resource, audiences=audiences, themes=themes)
    if upload is not None:
        _extract_after_commit(resource)
    return resource


@transaction.atomic
def resource_publish(*, resource_id: int, by: User | None) -> Resource:
    """Publish a draft (a resource already published is left as it is: a second click)."""
    resource = Resource.objects.get(pk=resource_id)
    if resource.is_published:
        _require(by, "resources.publish_resource", resource)
        return resource
    return _transition(resource_id, "publish", by=by)


@transaction.atomic
def resource_unpublish(*, resource_id: int, by: User | None) -> Resource:
    """Back to draft: the public no longer sees it (a draft already is left as it is)."""
    resource = Resource.objects.get(pk=resource_id)
    if not resource.is_published:
        _require(by, "resources.publish_resource", resource)
        return resource
    return _transition(resource_id, "unpublish", by=by)


def _transition(resource_id: int, action: str, *, by: User | None) -> Resource:
    """The table's action (resources/workflow.py), then the words for "Did you mean" (the
    search vector is a generated column: nothing to refresh)."""
    resource = workflow.WORKFLOW.transition(resource_id, action, by=by)
    if resource.is_published:
        search.remember_words(resource)
    return resource


def prefill_from_contribution(contribution) -> dict:
    """A new resource's fields from a published contribution (the secretariat edits them)."""
    language = contribution.original_language
    sources = [link.organization for link in contribution.ordered_sources]
    country = next((s for s in sources if s.is_member_state), None)
    return {
        "original_language": language,
        "language": language,
        column("title", language): contribution.title,
        column("summary", language): contribution.abstract,
        "type": Resource.Type.GOOD_PRACTICE
        if contribution.kind == contribution.Kind.GOOD_PRACTICE
        else Resource.Type.REPORT,
        "publisher": ", ".join(s.name for s in sources),
        "country": country,
        "region": country.region if country else "",
        "published_on": contribution.published_at.date() if contribution.published_at else None,
        "source_contribution": contribution,
    }


def promoted_files(contribution) -> dict:
    """{language: the newest revision} of each language version of the contribution that
    has a file, when its files are public: a members-only contribution's files are not
    carried into the library, which the public reads (two queries)."""
    if contribution.visibility != contribution.Visibility.PUBLIC:
        return {}
    documents = contribution.documents.prefetch_related("revisions")
    return {d.language: d.latest for d in documents if d.latest is not None}


@contextlib.contextmanager
def _revision_upload(revision):
    """A contribution's stored file as an upload (read through the storage API: the local
    folder or the object store), under the name readers download it by."""
    if revision is None:
        yield None
        return
    with revision.file.open("rb") as handle:
        yield File(handle, name=revision.download_name)


@transaction.atomic
def resource_promote(
    *, contribution_id: int, by: User | None, upload=None, audiences=(), themes=(), **fields
) -> Resource:
    """A resource (a draft) from a published contribution's material, linked back to it.

    It carries the contribution's file in the material's language (`upload` replaces it);
    each other language version's file becomes a draft resource of its own, a translation
    of this one (a resource has one file). The files are copied and checked as uploads are,
    and their text is extracted after commit.
    """
    from contributions.models import Contribution

    contribution = Contribution.objects.get(pk=contribution_id)
    if contribution.status != Contribution.Status.PUBLISHED:
        raise ValidationError(_("Only a published contribution can go to the library."))
    fields["source_contribution"] = contribution
    files = promoted_files(contribution)
    language = fields.get("language") or contribution.original_language
    main = files.pop(language, None)
    with _revision_upload(None if upload is not None else main) as copy:
        resource = resource_create(
            by=by, upload=upload or copy, audiences=audiences, themes=themes, **fields
        )
    title = resource.shown("title", resource.original_language).text
    for other, revision in sorted(files.items()):
        with _revision_upload(revision) as copy:
            resource_create(
                by=by,
                upload=copy,
                audiences=audiences,
                themes=themes,
                slug=unique_slug(f"{title} {other}"),
                **{**fields, "language": other, "translation_of": resource},
            )
    return resource


# --- Helplines -------------------------------------------------------------------------------


@transaction.atomic
def helpline_save(*, by: User | None, entry_id: int | None = None, **fields) -> HelplineEntry:
    _require(by, "resources.change_helplineentry")
    entry = HelplineEntry.objects.get(pk=entry_id) if entry_id else HelplineEntry()
    for name in HelplineEntry.EDITABLE_FIELDS:
        if name in fields:
            setattr(entry, name, fields[name])
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def helpline_delete(*, by: User | None, entry_id: int) -> HelplineEntry:
    """Delete a helpline entry (a number that is wrong or no longer answers); returns the
    deleted entry, for the message that names it."""
    _require(by, "resources.delete_helplineentry")
    entry = HelplineEntry.objects.select_related("country").select_for_update().get(pk=entry_id)
    entry.delete()
    return entry


@transaction.atomic
def helplines_import(*, by: User | None, rows: list[dict]) -> tuple[int, int]:
    """Create or update entries (country and name identify one); returns (created, updated).

    The rows are already validated (resources/forms.py HelplineImportForm): all or nothing.
    """
    _require(by, "resources.change_helplineentry")
    created = updated = 0
    for row in rows:
        entry = HelplineEntry.objects.filter(country=row["country"], name=row["name"]).first()
        helpline_save(by=by, entry_id=entry.pk if entry else None, **row)
        if entry:
            updated += 1
        else:
            created += 1
    return created, updated
