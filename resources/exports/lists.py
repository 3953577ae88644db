"""The library and the helplines as CSV and JSON (copportal/exports.py): the rows their pages
show for the same query string (browse.py `every_page`: `?q=` and the facets; helplines.py
`listed`: `?country=`). The library lists published resources only, drafts never."""

from itertools import chain

from django.utils.translation import gettext_lazy as _

from copportal.exports import Column, Table, absolute, stream, translated

from .. import browse, helplines


def _resource_rows(params):
    # The querysets are made now, in the request's language (a query is stemmed in it), and
    # read as the response streams.
    state = browse.read_state(params)
    listings = browse.every_page(state)
    related = ("audiences", "themes")
    return chain.from_iterable(
        stream(listing.select_related("country").prefetch_related(*related)) for listing in listings
    )


def _helpline_rows(params):
    _query, entries = helplines.listed(params)
    return stream(entries)


LIBRARY = Table(
    name="resources",
    title=_("Resource library"),
    description=_(
        "The published resources of the library: type, audiences, themes, language, country "
        "or region, publisher and date, with their summaries."
    ),
    columns=(
        Column("slug", lambda r: r.slug),
        Column("type", lambda r: r.type),
        Column("language", lambda r: r.language),
        Column("original_language", lambda r: r.original_language),
        *translated("title"),
        *translated("summary"),
        *translated("body"),
        Column("audiences", lambda r: [a.slug for a in r.audiences.all()]),
        Column("themes", lambda r: [t.slug for t in r.themes.all()]),
        Column("country", lambda r: r.country.iso_code if r.country_id else ""),
        Column("region", lambda r: r.region),
        Column("publisher", lambda r: r.publisher),
        Column("published_on", lambda r: r.published_on),
        Column("year", lambda r: r.year),
        Column("link", lambda r: r.link),
        Column("file_type", lambda r: r.file_type),
        Column("file_size", lambda r: r.file_size),
        Column("url", lambda r: absolute(r.get_absolute_url())),
    ),
    rows=_resource_rows,
    url_name="resources:export",
)

HELPLINES = Table(
    name="helplines",
    title=_("Child helplines"),
    description=_("Child helplines by country, each with the public source it was copied from."),
    columns=(
        Column("country", lambda h: h.country.iso_code),
        *translated("name", "country"),
        Column("name", lambda h: h.name),
        Column("number", lambda h: h.number),
        Column("is_116111", lambda h: h.is_116111),
        Column("hours", lambda h: h.hours),
        Column("channels", lambda h: h.channels),
        Column("languages", lambda h: h.languages),
        Column("link", lambda h: h.link),
        Column("source_url", lambda h: h.source_url),
        Column("source_date", lambda h: h.source_date),
        Column("updated_at", lambda h: h.updated_at),
    ),
    rows=_helpline_rows,
    url_name="resources:helplines_export",
)
