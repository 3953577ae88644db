"""The library page's state: the query, the facets picked, their counts, the page.

Every state is a URL (`?q=&type=&audience=&theme=&language=&region=&year=&page=`). A facet's
counts are those of the results with every other facet applied (so a reader can switch
within a facet); facets combine with AND. The total comes from the type facet's counts (each
resource has one type), so the results are counted once, never twice.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from copportal.accounts.models import Region
from copportal.languages import Language
from copportal.search import read_query
from meetings.models import Audience, Theme

from . import search
from .models import Resource

PAGE_SIZE = 20
FACETS = {
    "type": gettext_lazy("Type"),
    "audience": gettext_lazy("Audience"),
    "theme": gettext_lazy("Theme"),
    "language": gettext_lazy("Language"),
    "region": gettext_lazy("ITU region"),
    "year": gettext_lazy("Year"),
}
# The column each facet filters and groups on.
COLUMNS = {
    "type": "type",
    "audience": "audiences__slug",
    "theme": "themes__slug",
    "language": "language",
    "region": "region",
    "year": "year",
}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class State:
    query: str = ""
    picked: dict = field(default_factory=dict)  # facet -> value
    page: int = 1
    messages: list = field(default_factory=list)
    # The query searched for when no resource held every word of `query`: any of them.
    widened: str = ""

    def url(self, **changes) -> str:
        """This state's query string with some facets changed (None removes one)."""
        params = {"q": self.query, **self.picked}
        params.update(changes)
        params = {k: v for k, v in params.items() if v not in (None, "")}
        return "?" + urlencode(params) if params else "?"


def _known_values(facet: str) -> set[str] | None:
    if facet == "type":
        return set(Resource.Type.values)
    if facet == "language":
        return set(Language.values)
    if facet == "region":
        return set(Region.values)
    return None  # audiences, themes and years are checked against the database or the range


def read_state(params) -> State:
    """The page state from the query string; anything unknown is dropped with a message."""
    state = State()
    state.query, notes = read_query(params.get("q", ""))
    state.messages.extend(notes)
    for facet in FACETS:
        value = params.get(facet, "").strip()
        if not value:
            continue
        known = _known_values(facet)
        valid = value in known if known is not None else _valid_row_value(facet, value)
        if valid:
            state.picked[facet] = value
        else:
            state.messages.append(
                _("The filter “%(facet)s” had a value we do not know: it was ignored.")
                % {"facet": FACETS[facet]}
            )
    page = params.get("page", "1").strip() or "1"
    if page.isdigit() and 0 < int(page) < 10**6:
        state.page = int(page)
    else:
        state.messages.append(_("That page number is not one: here is the first page."))
    return state


def _valid_row_value(facet: str, value: str) -> bool:
    if facet == "year":
        return value.isdigit() and 1900 <= int(value) <= 2100
    if len(value) > 50:
        return False
    model = Audience if facet == "audience" else Theme
    return model.objects.filter(slug=value).exists()


def _filtered(queryset, picked: dict, *, skip: str = ""):
    for facet, value in picked.items():
        if facet == skip:
            continue
        queryset = queryset.filter(**{COLUMNS[facet]: value})
    return queryset


def _labels(facet: str, values) -> dict:
    if facet == "type":
        return dict(Resource.Type.choices)
    if facet == "language":
        return dict(Language.choices)
    if facet == "region":
        return dict(Region.choices)
    if facet == "audience":
        return {a.slug: str(a) for a in Audience.objects.filter(slug__in=values)}
    if facet == "theme":
        return {t.slug: str(t) for t in Theme.objects.filter(slug__in=values)}
    return {v: v for v in values}


SCALAR = ("type", "language", "region", "year")  # columns of the resource itself
MULTIPLE = ("audience", "theme")  # many-to-many


def _counts(base, state: State) -> dict[str, dict[str, int]]:
    """Counts per facet value, each facet with the other facets applied (not its own).

    One grouped query gives every combination of the four scalar facets within the
    audience and theme picked; each scalar facet is summed from it in Python. Audiences
    and themes take one query each. The matches are scanned three times, not six.
    """
    counts = {facet: {} for facet in FACETS}
    scalar_picked = {f: v for f, v in state.picked.items() if f in SCALAR}
    within = base
    for facet in MULTIPLE:
        if facet in state.picked:
            within = within.filter(**{COLUMNS[facet]: state.picked[facet]})
    rows = within.values(*SCALAR).annotate(n=Count("pk")).order_by()
    for row in rows:
        for facet in SCALAR:
            others = all(str(row[f]) == v for f, v in scalar_picked.items() if f != facet)
            value = row[facet]
            if others and value not in (None, ""):
                key = str(value)
                counts[facet][key] = counts[facet].get(key, 0) + row["n"]
    for facet in MULTIPLE:
        queryset = _filtered(base, state.picked, skip=facet)
        rows = (
            # filter, not exclude: one inner join that values() reuses (exclude on a
            # many-to-many became NOT EXISTS over the whole library).
            queryset.filter(**{f"{COLUMNS[facet]}__isnull": False})
            .values(COLUMNS[facet])
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        counts[facet] = {row[COLUMNS[facet]]: row["n"] for row in rows}
    return counts


def facets(base, state: State) -> dict[str, list[FacetValue]]:
    """The facets' values with their counts and the URL that picks or drops each."""
    out = {}
    all_counts = _counts(base, state)
    for facet in FACETS:
        counts = all_counts[facet]
        labels = _labels(facet, list(counts))
        picked = state.picked.get(facet)
        values = [
            FacetValue(
                value=value,
                label=str(labels.get(value, value)),
                count=count,
                selected=value == picked,
                url=state.url(**{facet: None if value == picked else value, "page": None}),
            )
            for value, count in counts.items()
        ]
        if facet == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.label))
        if picked and picked not in counts:
            label = str(_labels(facet, [picked]).get(picked, picked))
            values.insert(0, FacetValue(picked, label, 0, True, state.url(**{facet: None})))
        out[facet] = values
    return out


def _total(counted, state: State) -> int:
    picked_type = state.picked.get("type")
    return sum(v.count for v in counted["type"] if not picked_type or v.value == picked_type)


def _matched(state: State, language: str | None = None):
    """(the query searched, the matches before the facets, the facets' counts, the total)."""
    query = state.query
    base = Resource.objects.published().matching(query, language)
    counted = facets(base, state)
    total = _total(counted, state)
    wider = search.any_word(query) if query and not total else ""
    if wider:
        wider_base = Resource.objects.published().matching(wider, language)
        wider_counted = facets(wider_base, state)
        if _total(wider_counted, state):
            query, base, counted, state.widened = wider, wider_base, wider_counted, wider
            total = _total(counted, state)
    return query, base, counted, total


def every_page(state: State, language: str | None = None) -> list:
    """The rows of every page of the state's results, as querysets in the pages' order (the
    exports, resources/exports/lists.py): with a query, the ranked matches, then the others
    latest first as the pages from search.RANKED on list them."""
    query, base, _counted, _total_count = _matched(state, language)
    listing = _filtered(base, state.picked)
    if not query:
        return [listing.order_by("-year", "-published_on", "-pk")]
    first = search.ranked(listing, query, language)
    rest = search.ranked(listing, query, language, start=search.RANKED)[search.RANKED :]
    return [first, rest]


def results(user, state: State, language: str | None = None):
    """(page, facets) for the state: the published library, matched, filtered, ranked.

    A query of several words that no resource holds all of is searched again for any of
    them (`state.widened`), best first: the ranking puts those with the most words first."""
    query, base, counted, total = _matched(state, language)
    last = max(1, -(-total // PAGE_SIZE))
    if state.page > last:
        if total:
            state.messages.append(
                _("There is no page %(page)s: here is the last one.") % {"page": state.page}
            )
        state.page = last
    listing = _filtered(base, state.picked)
    if query:
        # The page's offset: past the ranked matches, ranking is skipped (search.RANKED is a
        # multiple of PAGE_SIZE, so no page straddles both).
        start = (state.page - 1) * PAGE_SIZE
        listing = search.ranked(listing, query, language, start=start)
    else:
        listing = listing.order_by("-year", "-published_on", "-pk")
    paginator = Paginator(listing.for_listing(), PAGE_SIZE)
    paginator.count = total  # known from the facets: no second count (cached_property)
    return paginator.page(state.page), counted
