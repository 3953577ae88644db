"""The statistics of Resolution 67 as plain data: one function per figure, each a few queries
whatever the number of rows (the page, its CSV files, the JSON API and the country pages read
the same functions).

Every function returns a `Figure`: a stable `key` (the CSV's name), a translated `title` and
`description` (in the language active when it is called), `columns` (each a stable `key`, a
translated `label` and a `kind`: "code", "text", "count", "percent" or "date") and `rows`, a
tuple of tuples of plain values in the columns' order (str, int, Decimal for a percent with one
decimal, datetime.date). `chart` names the column whose numbers the chart draws and `label` the
one that names each bar.

Only the public record is counted: published contributions (members-only ones too: they are
counted, never named, and no figure names a contribution at all), published resources, sent or
published liaison notes. Drafts and anything on the secretariat's desk never count, nor do
demonstration meetings, their contributions and notes, or demonstration resources.
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from contributions.models import Contribution, ContributionSource
from copportal.accounts.classifications import CLASSIFICATION_LABELS
from copportal.accounts.models import Classification, Organization, Region
from meetings.models import Audience, Meeting, Theme

from . import library
from .shape import Column, Figure, by_vocabulary, published_contributions, share

__all__ = ["FIGURES", "Column", "Figure", "all_figures", "share"]

# The classifications whose Member States these statistics call developing countries: the
# portal holds no list of developing countries, and these three UN categories are all
# developing countries by definition. Economies in transition are not among them.
DEVELOPING = ("ldc", "sids", "lldc")


def _sources(**organization):
    """Whether a contribution has a source matching `organization` (a subquery)."""
    filters = {f"organization__{name}": value for name, value in organization.items()}
    return Exists(ContributionSource.objects.filter(contribution=OuterRef("pk"), **filters))


def _contribution_columns(first: Column, label: Column) -> tuple[Column, ...]:
    return (
        first,
        label,
        Column("contributions", _("Contributions"), "count"),
        Column("share", _("Share of all contributions (%)"), "percent"),
    )


def contributions_by_meeting() -> Figure:
    """Contributions per meeting, oldest first: the portal's published ones, or the count the
    chair's report gives for a meeting whose contributions predate the portal. Meetings that
    have opened, and later ones with published contributions (one query)."""
    public = Q(contributions__visibility=Contribution.Visibility.PUBLIC)
    published = Q(contributions__status__in=Contribution.Status.visible())
    meetings = (
        Meeting.objects.real()
        .annotate(
            public=Count("contributions", filter=published & public),
            members=Count("contributions", filter=published & ~public),
        )
        .order_by("start_date", "number")
        .values_list(
            "number",
            "start_date",
            "reported_contributions",
            "reported_contributions_is_minimum",
            "public",
            "members",
        )
    )
    today = timezone.localdate()
    rows = []
    for number, opens, reported, minimum, public, members in meetings:
        portal = public + members
        if opens > today and not portal:
            continue
        if reported is not None:
            rows.append((number, opens, reported, minimum, _("Chair's report"), public, members))
        else:
            rows.append((number, opens, portal, False, _("The portal"), public, members))
    return Figure(
        key="contributions-by-meeting",
        title=_("Contributions per meeting"),
        description=_(
            "The contributions published for each meeting; for a meeting whose contributions "
            "predate the portal, the number the chair's report gives."
        ),
        columns=(
            Column("meeting", _("Meeting"), "text"),
            Column("opens_on", _("Opens on"), "date"),
            Column("contributions", _("Contributions"), "count"),
            Column("count_is_minimum", _("More than this number"), "flag"),
            Column("counted_from", _("Counted from"), "text"),
            Column("public", _("Public, in the portal"), "count"),
            Column("members_only", _("Members only, in the portal"), "count"),
        ),
        rows=tuple(rows),
        label="meeting",
        chart="contributions",
        total=sum(row[2] for row in rows),
    )


def contributions_by_region() -> Figure:
    """Published contributions with at least one Member State of each ITU region among their
    sources, and those with none (two queries)."""
    contributions = published_contributions()
    per_region = dict(
        ContributionSource.objects.filter(
            contribution__in=contributions, organization__kind=Organization.Kind.MEMBER_STATE
        )
        .order_by()
        .values_list("organization__region")
        .annotate(n=Count("contribution", distinct=True))
    )
    totals = contributions.annotate(state=_sources(kind=Organization.Kind.MEMBER_STATE)).aggregate(
        total=Count("pk"), stateless=Count("pk", filter=Q(state=False))
    )
    total = totals["total"]
    rows = [(region.value, str(region.label), per_region.get(region.value, 0)) for region in Region]
    rows.append(("", _("No Member State among the sources"), totals["stateless"]))
    return Figure(
        key="contributions-by-region",
        title=_("Contributions by ITU region"),
        description=_(
            "Published contributions with at least one Member State of the region among their "
            "sources. A contribution whose co-sponsors come from several regions counts once "
            "in each, so the shares may add up to more than the whole."
        ),
        columns=_contribution_columns(
            Column("region", _("Code"), "code"), Column("name", _("ITU region"))
        ),
        rows=tuple((*row, share(row[2], total)) for row in rows),
        label="name",
        chart="contributions",
        total=total,
    )


def contributions_by_classification() -> Figure:
    """Per classification (LDC, SIDS, LLDC, economy in transition): the published
    contributions with one of its Member States among their sources, how many of its Member
    States contributed, and how many it has (three queries)."""
    contributions = published_contributions()
    contributed = {
        code: (n, states)
        for code, n, states in ContributionSource.objects.filter(
            contribution__in=contributions, organization__kind=Organization.Kind.MEMBER_STATE
        )
        .order_by()
        .values_list("organization__classifications__code")
        .annotate(
            n=Count("contribution", distinct=True), states=Count("organization", distinct=True)
        )
        .values_list("organization__classifications__code", "n", "states")
        if code
    }
    classifications = Classification.objects.annotate(
        states=Count("organizations", filter=Q(organizations__kind=Organization.Kind.MEMBER_STATE))
    )
    total = contributions.count()
    rows = []
    order = list(CLASSIFICATION_LABELS)  # LDC, SIDS, LLDC, EIT as Resolution 67 names them
    for classification in sorted(
        classifications,
        key=lambda c: (order.index(c.code) if c.code in order else len(order), c.code),
    ):
        n, states = contributed.get(classification.code, (0, 0))
        rows.append(
            (
                classification.code,
                classification.label,
                n,
                share(n, total),
                states,
                classification.states,
            )
        )
    return Figure(
        key="contributions-by-classification",
        title=_("Contributions from LDCs, SIDS, LLDCs and economies in transition"),
        description=_(
            "Published contributions with at least one Member State of the group among their "
            "sources, and how many of the group's Member States contributed. A Member State "
            "may belong to several groups."
        ),
        columns=(
            *_contribution_columns(
                Column("classification", _("Code"), "code"), Column("name", _("Group"))
            ),
            Column("contributing_states", _("Member States that contributed"), "count"),
            Column("member_states", _("Member States in the group"), "count"),
        ),
        rows=tuple(rows),
        label="name",
        chart="contributions",
        total=total,
    )


def developing_countries() -> Figure:
    """The share of published contributions from developing countries: Member States
    classified LDC, SIDS or LLDC (`DEVELOPING`); the others with a Member State among their
    sources; those with none. The three rows add up to all published contributions (two
    queries)."""
    names = [c.label for c in Classification.objects.filter(code__in=DEVELOPING).order_by("code")]
    counts = (
        published_contributions()
        .annotate(
            from_developing=_sources(classifications__code__in=DEVELOPING),
            from_state=_sources(kind=Organization.Kind.MEMBER_STATE),
        )
        .aggregate(
            total=Count("pk"),
            developing=Count("pk", filter=Q(from_developing=True)),
            others=Count("pk", filter=Q(from_state=True, from_developing=False)),
            stateless=Count("pk", filter=Q(from_state=False)),
        )
    )
    total = counts["total"]
    rows = (
        (
            "developing",
            _("At least one developing country among the sources"),
            counts["developing"],
        ),
        ("other-member-states", _("Other Member States only"), counts["others"]),
        ("no-member-state", _("No Member State among the sources"), counts["stateless"]),
    )
    definition = _(
        "The portal holds no list of developing countries. Here a developing country is a "
        "Member State the portal classifies in at least one of these groups: %(groups)s. "
        "Other developing countries are not counted as such."
    ) % {"groups": "; ".join(names) or _("none recorded")}
    return Figure(
        key="developing-countries",
        title=_("Share of contributions from developing countries"),
        description=definition,
        columns=_contribution_columns(
            Column("group", _("Code"), "code"), Column("name", _("Sources"))
        ),
        rows=tuple((*row, share(row[2], total)) for row in rows),
        label="name",
        chart="contributions",
        total=total,
    )


def contributions_by_theme() -> Figure:
    """Published contributions per theme (the roadmap's, then the risks), and those with no
    theme (two queries)."""
    published = Q(
        contributions__status__in=Contribution.Status.visible(),
        contributions__meeting__is_demo=False,
    )
    rows, total = by_vocabulary(
        Theme, "contributions", published, published_contributions(), _("No theme given")
    )
    return Figure(
        key="contributions-by-theme",
        title=_("Contributions by theme"),
        description=_(
            "Published contributions per theme of the roadmap and per risk. A contribution may "
            "address several themes."
        ),
        columns=_contribution_columns(
            Column("theme", _("Code"), "code"), Column("name", _("Theme"))
        ),
        rows=tuple((*row, share(row[2], total)) for row in rows),
        label="name",
        chart="contributions",
        total=total,
    )


def contributions_by_audience() -> Figure:
    """Published contributions per audience of the 2020 Guidelines, and those with none
    (two queries)."""
    published = Q(
        contributions__status__in=Contribution.Status.visible(),
        contributions__meeting__is_demo=False,
    )
    rows, total = by_vocabulary(
        Audience, "contributions", published, published_contributions(), _("No audience given")
    )
    return Figure(
        key="contributions-by-audience",
        title=_("Contributions by audience"),
        description=_("Published contributions per audience. A contribution may address several."),
        columns=_contribution_columns(
            Column("audience", _("Code"), "code"), Column("name", _("Audience"))
        ),
        rows=tuple((*row, share(row[2], total)) for row in rows),
        label="name",
        chart="contributions",
        total=total,
    )


# Every figure by its key, in the page's order (the page, the CSV view and the API read this).
FIGURES = {
    "contributions-by-meeting": contributions_by_meeting,
    "contributions-by-region": contributions_by_region,
    "contributions-by-classification": contributions_by_classification,
    "developing-countries": developing_countries,
    "contributions-by-theme": contributions_by_theme,
    "contributions-by-audience": contributions_by_audience,
    "resources-by-language": library.resources_by_language,
    "resources-by-type": library.resources_by_type,
    "resources-by-audience": library.resources_by_audience,
    "liaison-notes-by-body": library.liaison_notes_by_body,
}


def all_figures() -> list[Figure]:
    return [read() for read in FIGURES.values()]
