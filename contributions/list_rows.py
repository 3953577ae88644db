"""The rows of the public list of contributions, as cheap as they can be made.

A page of 50 rows cost more than everything else on the page: a model instance, a cloned
queryset and a template include per source and per language version. Here a page loads its
contributions' own columns, then the sources and the languages as bare ids (two queries,
whatever the number of rows), names the sources from the cached organization names, and
renders each row once per language: a row's cache key is a digest of everything the row
shows, in words as the page shows them, and of the row's template, so that any change to what
it shows is a new key (nothing to invalidate, no stale row) and old keys simply expire.
"""

import hashlib
from collections import defaultdict

from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from copportal.languages import Language

from .choices import forget_organization_choices, organization_choices
from .models import Contribution, ContributionSource, Document

ROW_TEMPLATE = "contributions/includes/contribution_row.html"
ROW_KEY = "contribution-row:{language}:{digest}"
ROW_SECONDS = 24 * 3600

# The columns a row shows (with the meeting's number); `_listed` and this must agree.
ROW_COLUMNS = (
    "number",
    "title",
    "original_language",
    "kind",
    "purpose",
    "visibility",
    "meeting__number",
)


def columns(contributions):
    """Only what a row shows: no abstracts, no files, never their extracted text."""
    return contributions.select_related("meeting").only(*ROW_COLUMNS)


def _source_names(ids: list[int]) -> dict[int, list[str]]:
    """Each contribution's source names in order (one query of ids; names from the cache)."""
    links = (
        ContributionSource.objects.filter(contribution__in=ids)
        .order_by("contribution_id", "order", "pk")
        .values_list("contribution_id", "organization_id")
    )
    links = list(links)
    names = dict(organization_choices())
    if any(organization not in names for _contribution, organization in links):
        # An organization newer than the cached names: read them again.
        forget_organization_choices()
        names = dict(organization_choices())
    sources = defaultdict(list)
    for contribution, organization in links:
        sources[contribution].append(names.get(organization, ""))
    return sources


def _languages(ids: list[int]) -> dict[int, list[str]]:
    """Each contribution's language versions, in ITU order of letters (one query)."""
    order = {code: i for i, code in enumerate(Language.values)}
    documents = Document.objects.filter(contribution__in=ids).values_list(
        "contribution_id", "language"
    )
    languages = defaultdict(list)
    for contribution, language in documents:
        languages[contribution].append(language)
    for codes in languages.values():
        codes.sort(key=lambda code: order.get(code, len(order)))
    return languages


def _labels(name: str) -> dict[str, str]:
    """A choice field's labels in the active language, looked up once per page (a row's
    get_<field>_display() rebuilds the field's whole choice table at every call)."""
    return {value: str(label) for value, label in Contribution._meta.get_field(name).flatchoices}


def rendered_rows(contributions) -> list[str]:
    """The HTML of each row of `contributions` (a page of `columns(...)`): three queries,
    then one cache read for all rows, and a template render only for rows not yet cached."""
    rows = list(contributions)
    ids = [row.pk for row in rows]
    sources, languages = _source_names(ids), _languages(ids)
    template = get_template(ROW_TEMPLATE)
    # The template itself and the words it translates are part of every key: a new template
    # or a new translation after a deploy is a new key too.
    language = get_language()
    words = (language, template.template.source, _("Meeting"), _("Members only"))
    page = hashlib.blake2b(repr((*words, _("no source yet"))).encode()).hexdigest()
    kinds, purposes = _labels("kind"), _labels("purpose")
    keys = {}
    for row in rows:
        row.source_names = sources.get(row.pk, [])
        row.languages = [Language(code) for code in languages.get(row.pk, [])]
        shown = (
            page,
            row.pk,
            row.number,
            row.title,
            kinds.get(row.kind, row.kind),
            purposes.get(row.purpose, row.purpose),
            row.visibility,
            row.meeting.number,
            tuple(row.source_names),
            tuple(str(language.label) for language in row.languages),
            getattr(row, "snippet", ""),  # a search's highlighted passage
        )
        digest = hashlib.blake2b(repr(shown).encode(), digest_size=16).hexdigest()
        keys[row.pk] = ROW_KEY.format(language=language, digest=digest)
    cached = cache.get_many(list(keys.values()))
    missing, html = {}, []
    for row in rows:
        key = keys[row.pk]
        if key not in cached:
            missing[key] = cached[key] = template.render({"contribution": row})
        html.append(mark_safe(cached[key]))  # rendered by our own template
    if missing:
        cache.set_many(missing, ROW_SECONDS)
    return html
