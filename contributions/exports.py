"""The public list of contributions as CSV and JSON (copportal/exports.py): the rows the
page lists to an anonymous visitor for the same filters and `?q=` (views/lists.py `listed`),
so published public contributions only, never members-only ones or drafts, whoever asks."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from copportal.content import column
from copportal.exports import Column, Table, absolute, stream
from copportal.languages import Language

from .models import ContributionSource, Document
from .views.lists import listed


def _rows(params):
    _form, contributions, _ignored, _words, _notes = listed(params, AnonymousUser())
    sources = Prefetch(
        "source_links",
        queryset=ContributionSource.objects.select_related("organization").order_by("order", "pk"),
    )
    documents = Prefetch("documents", queryset=Document.objects.only("contribution", "language"))
    return stream(
        contributions.select_related("meeting").prefetch_related(
            sources, documents, "themes", "audiences"
        )
    )


def _languages(contribution) -> list[str]:
    order = {code: i for i, code in enumerate(Language.values)}
    return sorted((d.language for d in contribution.documents.all()), key=order.get)


def _source_names(language):
    name = column("name", language)
    return Column(
        f"source_names_{language.value}",
        lambda c: [
            getattr(link.organization, name) or link.organization.name
            for link in c.source_links.all()
        ],
    )


TABLE = Table(
    name="contributions",
    title=_("Contributions"),
    description=_(
        "Published public contributions to the meetings, with their sources, themes and "
        "language versions."
    ),
    columns=(
        Column("symbol", lambda c: c.symbol),
        Column("meeting", lambda c: c.meeting.number),
        Column("number", lambda c: c.number),
        Column("title", lambda c: c.title),
        Column("kind", lambda c: c.kind),
        Column("purpose", lambda c: c.purpose),
        Column("original_language", lambda c: c.original_language),
        Column("languages", _languages),
        Column(
            "source_codes", lambda c: [link.organization.iso_code for link in c.source_links.all()]
        ),
        *[_source_names(language) for language in Language],
        Column("themes", lambda c: [theme.slug for theme in c.themes.all()]),
        Column("audiences", lambda c: [audience.slug for audience in c.audiences.all()]),
        Column("abstract", lambda c: c.abstract),
        Column("published_at", lambda c: c.published_at),
        Column("url", lambda c: absolute(c.get_absolute_url())),
    ),
    rows=_rows,
    url_name="contributions:export",
)
