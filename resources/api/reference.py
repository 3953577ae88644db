"""The roadmap (its themes, the risks, the audiences), the child helplines, and the
organizations a contribution names as its sources."""

import datetime
from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from copportal.accounts.models import Organization
from meetings.models import Audience, Theme

from .. import helplines as finder
from .. import search
from ..models import HelplineEntry
from . import paging
from .schemas import ERRORS, Translated, page_of, translated

router = Router(tags=["roadmap, helplines, organizations"])


class ThemeOut(Schema):
    id: int
    slug: str
    kind: str
    title: Translated
    description: Translated
    period: Translated
    original_language: str
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    source: str
    url: str


class AudienceOut(Schema):
    id: int
    slug: str
    name: Translated


class RoadmapOut(Schema):
    themes: list[ThemeOut]
    risks: list[ThemeOut]
    audiences: list[AudienceOut]


class HelplineOut(Schema):
    id: int
    country: str = Field(description="ISO 3166 alpha-3 code.")
    country_name: Translated
    name: str
    number: str
    is_116111: bool
    hours: str
    channels: str
    languages: str
    link: str
    source_url: str
    source_date: datetime.date = Field(description="When the source was checked.")


class OrganizationOut(Schema):
    id: int
    kind: str
    name: Translated
    iso_code: str
    region: str


HELPLINE_FIELDS = (
    "name", "number", "is_116111", "hours", "channels", "languages", "link", "source_url",
    "source_date",
)  # fmt: skip
HelplinePage = page_of(HelplineOut, "HelplinePage")
OrganizationPage = page_of(OrganizationOut, "OrganizationPage")


def theme_data(request, theme: Theme) -> dict:
    dates = theme.period_dates
    return {
        "id": theme.pk,
        "slug": theme.slug,
        "kind": theme.kind,
        "title": translated(theme, "title"),
        "description": translated(theme, "description"),
        "period": translated(theme, "period"),
        "original_language": theme.original_language,
        "starts_on": dates[0] if dates else None,
        "ends_on": dates[1] if dates else None,
        "source": theme.source,
        "url": request.build_absolute_uri(theme.get_absolute_url()),
    }


@router.get("roadmap/", response={200: RoadmapOut, **ERRORS}, summary="The roadmap")
def roadmap(request):
    """The roadmap's themes in order, the risks, and the audiences (their ids are what a
    submission's `themes` and `audiences` take)."""
    return {
        "themes": [theme_data(request, t) for t in Theme.objects.roadmap()],
        "risks": [theme_data(request, t) for t in Theme.objects.risks()],
        "audiences": [
            {"id": a.pk, "slug": a.slug, "name": translated(a, "name")}
            for a in Audience.objects.all()
        ],
    }


@router.get("helplines/", response={200: HelplinePage, **ERRORS}, summary="Child helplines")
def helpline_list(
    request,
    paged: paging.PagingQuery,
    country: str | None = Query(None, description="A country's name in any language, or code."),
):
    """Child helplines by country, as the helpline finder finds them."""
    entries = HelplineEntry.objects.select_related("country").order_by("country__name", "name")
    query = search.clean_query(country or "")[:100]
    if query:
        entries = entries.for_countries(finder.countries_named(query))

    def data(entry):
        return {
            "id": entry.pk,
            "country": entry.country.iso_code,
            "country_name": translated(entry.country, "name"),
            **{name: getattr(entry, name) for name in HELPLINE_FIELDS},
        }

    return paging.page(request, entries, paged, data)


@router.get("organizations/", response={200: OrganizationPage, **ERRORS}, summary="Organizations")
def organization_list(
    request,
    paged: paging.PagingQuery,
    kind: Literal["member-state", "sector-member", "other"] | None = None,
    name: str | None = Query(None, max_length=100, description="Part of the name."),
):
    """Member States, Sector Members and other organizations (a submission's `sources`)."""
    organizations = Organization.objects.order_by("name", "pk")
    if kind:
        organizations = organizations.filter(kind=kind)
    if name and name.strip():
        organizations = organizations.search(name.strip())
    return paging.page(
        request,
        organizations,
        paged,
        lambda o: {
            "id": o.pk,
            "kind": o.kind,
            "name": translated(o, "name"),
            "iso_code": o.iso_code,
            "region": o.region,
        },
    )
