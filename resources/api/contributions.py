"""Published contributions, as the public list shows them: members-only ones only to members
and their authors (Contribution.objects.listed_for, the portal's one rule), never a draft."""

import datetime
from typing import Literal

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from contributions.forms import ContributionFilterForm
from contributions.models import Contribution, ContributionSource, Document, Revision
from contributions.views.access import with_relations
from contributions.views.lists import _filtered as filtered
from copportal.accounts.models import Region
from copportal.languages import Language
from copportal.search import read_query
from copportal.uploads import MIME_TYPES, FileType, stored_file_response

from . import paging
from .schemas import ERRORS, SLUG, page_of

router = Router(tags=["contributions"])


class RevisionOut(Schema):
    id: int
    number: int = Field(description="0 for the first file, then Rev.1, Rev.2 ...")
    label: str
    symbol: str
    file_type: str
    size: int
    uploaded_at: datetime.datetime
    download_url: str = Field(
        description="The portal's download address (members-only files need a signed-in "
        "member in the portal)."
    )
    file_url: str = Field(
        description="The file through the API: members-only files with your token, as the "
        "contribution itself."
    )


class DocumentOut(Schema):
    language: str
    revisions: list[RevisionOut]


class SourceOut(Schema):
    id: int
    name: str
    iso_code: str
    region: str


class ContributionOut(Schema):
    id: int = Field(description="The stable id.")
    symbol: str = Field(description='"CWG-COP-20/5"; "" before the secretariat numbers it.')
    meeting: int
    number: int | None
    title: str
    original_language: str
    kind: str
    purpose: str
    status: str
    visibility: str
    is_late: bool
    published_at: datetime.datetime | None
    sources: list[SourceOut]
    languages: list[str]
    url: str


class ContributionDetail(ContributionOut):
    abstract: str
    action_requested: str
    submitted_at: datetime.datetime | None
    themes: list[str]
    audiences: list[str]
    documents: list[DocumentOut]


ContributionPage = page_of(ContributionOut, "ContributionPage")


def listed(contributions):
    """What summary() reads, in a constant number of queries and no related manager per row
    (each would build a queryset): the sources with their organizations and the languages
    that have a file, as lists (to_attr); never the abstracts or the extracted text."""
    sources = Prefetch(
        "source_links",
        queryset=ContributionSource.objects.select_related("organization").order_by(
            "contribution_id", "order"
        ),
        to_attr="listed_sources",
    )
    languages = Prefetch(
        "documents",
        queryset=Document.objects.filter(Exists(Revision.objects.filter(document=OuterRef("pk"))))
        .only("contribution_id", "language")
        .order_by("contribution_id", "language"),
        to_attr="filed_documents",
    )
    return (
        contributions.select_related("meeting")
        .only(*SUMMARY_FIELDS, "meeting__number")
        .prefetch_related(sources, languages)
    )


SUMMARY_FIELDS = (
    "number",
    "title",
    "original_language",
    "kind",
    "purpose",
    "status",
    "visibility",
    "is_late",
    "published_at",
    "meeting",
)


def summary(request, c: Contribution) -> dict:
    if hasattr(c, "filed_documents"):  # listed()
        documents, links = c.filed_documents, c.listed_sources
    else:  # with_relations(): a detail
        documents = [d for d in c.documents.all() if any(True for _r in d.revisions.all())]
        links = c.source_links.all()
    return {
        "id": c.pk,
        "symbol": c.symbol,
        "meeting": c.meeting.number,
        "number": c.number,
        "title": c.title,
        "original_language": c.original_language,
        "kind": c.kind,
        "purpose": c.purpose,
        "status": c.status,
        "visibility": c.visibility,
        "is_late": c.is_late,
        "published_at": c.published_at,
        "sources": [
            {
                "id": link.organization_id,
                "name": link.organization.name,
                "iso_code": link.organization.iso_code,
                "region": link.organization.region,
            }
            for link in links
        ],
        "languages": [d.language for d in documents],
        "url": request.build_absolute_uri(c.get_absolute_url()),
    }


def detail(request, c: Contribution) -> dict:
    documents = []
    for document in c.documents.all():
        revisions = sorted(document.revisions.all(), key=lambda r: r.number)
        if not revisions:
            continue
        documents.append(
            {
                "language": document.language,
                "revisions": [
                    {
                        "id": r.pk,
                        "number": r.number,
                        "label": str(r.label),
                        "symbol": r.symbol,
                        "file_type": r.file_type,
                        "size": r.size,
                        "uploaded_at": r.uploaded_at,
                        "download_url": request.build_absolute_uri(r.get_absolute_url()),
                        "file_url": request.build_absolute_uri(
                            reverse("api:contribution_file", args=[c.pk, r.pk])
                        ),
                    }
                    for r in revisions
                ],
            }
        )
    return {
        **summary(request, c),
        "abstract": c.abstract,
        "action_requested": c.action_requested,
        "submitted_at": c.submitted_at,
        "themes": [t.slug for t in c.themes.all()],
        "audiences": [a.slug for a in c.audiences.all()],
        "documents": documents,
    }


class Filters(Schema):
    """The list page's filters. A meeting, source or theme that does not exist matches
    nothing (an empty page); a value of the wrong form is a 422."""

    q: str | None = Field(None, max_length=1000, description="Words (best matches first).")
    meeting: int | None = Field(None, ge=0, le=2**31 - 1, description="A meeting's number.")
    source: int | None = Field(None, ge=1, le=2**31 - 1, description="An organization's id.")
    region: Literal[tuple(Region.values)] | None = Field(None, description="An ITU region.")
    theme: str | None = Field(None, pattern=SLUG, max_length=50, description="A theme's slug.")
    kind: Literal[tuple(Contribution.Kind.values)] | None = None
    language: Literal[tuple(Language.values)] | None = Field(
        None, description="Has a file in this language."
    )


@router.get("", response={200: ContributionPage, **ERRORS}, summary="Contributions")
def contribution_list(request, paged: paging.PagingQuery, filters: Query[Filters]):
    """Published contributions with the list page's filters; members (with a token) also see
    members-only ones. A bad filter value is a 400 saying which."""
    data = {k: str(v) for k, v in filters.dict().items() if v not in (None, "")}
    form = ContributionFilterForm(data)
    contributions = Contribution.objects.listed_for(request.user)
    if form.is_valid():
        contributions = filtered(contributions, form.cleaned_data)
    else:  # well-formed (the schema saw to it), so a meeting, source or theme not there
        contributions = contributions.none()
    words, _notes = read_query(data.get("q", ""))
    if words:
        contributions = contributions.search(words)
    else:
        contributions = contributions.order_by("-meeting__number", "number", "pk")
    return paging.page(request, listed(contributions), paged, lambda c: summary(request, c))


@router.get(
    "{int:contribution_id}/",
    response={200: ContributionDetail, **ERRORS},
    summary="A contribution",
)
def contribution_detail(request, contribution_id: int):
    """A published contribution with its files per language and their revisions: a 404 for
    one the reader may not see (a draft, or members-only to a non-member)."""
    queryset = with_relations(Contribution.objects.listed_for(request.user))
    return detail(request, get_object_or_404(queryset, pk=contribution_id))


# A file's answer, in the OpenAPI schema: its own type (the upload types), never JSON.
FILE_RESPONSE = {
    "description": "The file, as an attachment.",
    "content": {
        MIME_TYPES[file_type]: {"schema": {"type": "string", "format": "binary"}}
        for file_type in FileType.values
    },
}


@router.get(
    "{int:contribution_id}/files/{int:revision_id}/",
    response={200: None, **ERRORS},
    summary="A contribution's file",
    url_name="contribution_file",
    openapi_extra={"responses": {200: FILE_RESPONSE}},
)
def contribution_file(request, contribution_id: int, revision_id: int):
    """One revision's file, to those who may read the contribution through the API: the
    public for a published one, members (with their token) for a members-only one; a 404
    for anyone else, which does not tell that it exists."""
    revision = get_object_or_404(
        Revision.objects.filter(
            document__contribution__in=Contribution.objects.listed_for(request.user)
        ),
        pk=revision_id,
        document__contribution_id=contribution_id,
    )
    return stored_file_response(
        revision.file,
        allowed=True,
        filename=revision.download_name,
        file_type=revision.file_type,
    )
