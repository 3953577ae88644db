"""The resource library: the same search, facets and snippets as the library page
(resources/browse.py), and a published resource with its file and language versions."""

import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from copportal.accounts.models import Region
from copportal.languages import Language
from copportal.search import highlighted

from .. import browse
from ..models import Resource
from . import paging
from .schemas import ERRORS, SLUG, Translated, translated

router = Router(tags=["resources"])


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class ResourceOut(Schema):
    id: int
    slug: str = Field(description="The stable address: /resources/<slug>/.")
    type: str
    language: str = Field(description="The language of the material (file or link).")
    title: Translated
    summary: Translated
    original_language: str
    snippet: str = Field(
        "", description="With a query: the summary's matching words in <mark> (escaped HTML)."
    )
    year: int | None
    published_on: datetime.date | None
    publisher: str
    country: str | None = Field(description="The Member State's ISO 3166 alpha-3 code.")
    url: str


class ResourceDetail(ResourceOut):
    body: Translated = Field(description="Markdown.")
    region: str
    link: str
    file_url: str | None
    file_type: str
    file_size: int | None
    audiences: list[str]
    themes: list[str]
    language_versions: list[str] = Field(description="Slugs of the same material translated.")


class LibraryPage(Schema):
    count: int
    page: int
    pages: int
    per_page: int
    next: str | None
    previous: str | None
    query: str = Field(description="The query searched for, as read.")
    widened: str = Field(description="When no resource held every word: the query searched.")
    notes: list[str] = Field(description="What the search made of the query.")
    facets: dict[str, list[FacetValueOut]]
    results: list[ResourceOut]


class LibraryQuery(Schema):
    """The library page's facets. An audience or theme that does not exist matches nothing;
    a value of the wrong form is a 422."""

    q: str | None = Field(None, max_length=1000, description='Words, "a phrase", -word, OR.')
    type: Literal[tuple(Resource.Type.values)] | None = None
    audience: str | None = Field(None, pattern=SLUG, max_length=50, description="A slug.")
    theme: str | None = Field(None, pattern=SLUG, max_length=50, description="A theme's slug.")
    language: Literal[tuple(Language.values)] | None = Field(
        None, description="The material's language."
    )
    region: Literal[tuple(Region.values)] | None = None
    year: int | None = Field(None, ge=1900, le=2100)
    page: int = Field(1, ge=1, le=99_999, description=f"{browse.PAGE_SIZE} results a page.")


def resource_data(request, r: Resource) -> dict:
    return {
        "id": r.pk,
        "slug": r.slug,
        "type": r.type,
        "language": r.language,
        "title": translated(r, "title"),
        "summary": translated(r, "summary"),
        "original_language": r.original_language,
        "snippet": str(highlighted(getattr(r, "snippet", "") or "")),
        "year": r.year,
        "published_on": r.published_on,
        "publisher": r.publisher,
        "country": r.country.iso_code if r.country_id else None,
        "url": request.build_absolute_uri(r.get_absolute_url()),
    }


def _link(request, state: browse.State, page: int) -> str:
    return request.build_absolute_uri(request.path + state.url(page=page))


@router.get("", response={200: LibraryPage, **ERRORS}, summary="Search the library")
def resource_list(request, params: Query[LibraryQuery]):
    """The published library, matched, filtered and ranked as on the library page; each
    facet's counts with the other facets applied. An audience or a theme that does not
    exist matches nothing."""
    given = {k: str(v) for k, v in params.dict().items() if v not in (None, "")}
    state = browse.read_state(given)
    for facet in ("audience", "theme"):
        if facet in given and facet not in state.picked:
            # Well-formed but not there: it filters, and matches nothing (the page drops it).
            state.picked[facet] = given[facet]
            label = str(browse.FACETS[facet])
            state.messages = [m for m in state.messages if label not in str(m)]
    wanted = state.page
    page, facets = browse.results(request.user, state)
    if page.number != wanted:
        raise HttpError(404, paging.no_such_page(wanted, page.number))
    paginator = page.paginator
    return {
        "count": paginator.count,
        "page": page.number,
        "pages": paginator.num_pages,
        "per_page": browse.PAGE_SIZE,
        "next": _link(request, state, page.number + 1) if page.has_next() else None,
        "previous": _link(request, state, page.number - 1) if page.has_previous() else None,
        "query": state.query,
        "widened": state.widened,
        "notes": [str(note) for note in state.messages],
        "facets": {
            name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in values
            ]
            for name, values in facets.items()
        },
        "results": [resource_data(request, r) for r in page.object_list],
    }


@router.get("{slug:slug}/", response={200: ResourceDetail, **ERRORS}, summary="A resource")
def resource_detail(request, slug: str):
    """A published resource (a draft is a 404, whoever asks)."""
    resource = get_object_or_404(
        Resource.objects.published()
        .select_related("country")
        .prefetch_related("audiences", "themes"),
        slug=slug,
    )
    return {
        **resource_data(request, resource),
        "body": translated(resource, "body"),
        "region": resource.region,
        "link": resource.link,
        "file_url": request.build_absolute_uri(reverse("resources:file", args=[resource.slug]))
        if resource.file
        else None,
        "file_type": resource.file_type,
        "file_size": resource.file_size,
        "audiences": [a.slug for a in resource.audiences.all()],
        "themes": [t.slug for t in resource.themes.all()],
        "language_versions": [v.slug for v in resource.language_versions()],
    }
