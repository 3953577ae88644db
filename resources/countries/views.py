"""Country pages: the index of the Member States by ITU region, each Member State's page, and
the entries of its page (proposals, the secretariat's queue and decisions)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from contributions.models import Contribution
from copportal.accounts.models import Organization, Region
from copportal.accounts.permissions import permission_required
from copportal.content import column
from copportal.languages import Language, folded
from meetings.models import Meeting

from ..models import HelplineEntry
from . import services
from .forms import CountryEntryForm, DecisionForm
from .models import CountryEntry


def _state(iso3: str) -> Organization:
    """The Member State of an ISO 3166-1 alpha-3 code, in either case; else a 404."""
    return get_object_or_404(Organization.objects.member_states(), iso_code=iso3.upper())


def _state_of(request, iso3, *args, **kwargs):
    return _state(iso3)


NAMES = [column("name", language) for language in Language]


def country_list(request):
    """Every Member State by ITU region, named in the reader's language (one query)."""
    states = Organization.objects.member_states().only("iso_code", "region", "name", *NAMES)
    by_region = {region: [] for region in Region}
    for state in states:
        by_region.setdefault(state.region, []).append(state)
    regions = [
        (Region(code).label, sorted(found, key=lambda s: folded(str(s))))
        for code, found in by_region.items()
        if found
    ]
    return render(request, "resources/countries/country_list.html", {"regions": regions})


def country_detail(request, iso3):
    """A Member State's page: region and classifications, its published contributions (those
    the reader may open), the meetings it took part in, its approved entries (and, for its
    delegates and the secretariat, the others), its child helplines and its figures. A fixed
    number of queries, whatever the numbers of rows."""
    user = request.user
    state = get_object_or_404(
        Organization.objects.member_states().prefetch_related("classifications"),
        iso_code=iso3.upper(),
    )
    contributions = list(
        Contribution.objects.listed_for(user)
        .filter(source_links__organization=state)
        .select_related("meeting")
        .only("number", "title", "original_language", "visibility", "meeting__number",
              "meeting__start_date", "meeting__is_demo")
        .order_by("-meeting__start_date", "number")
    )  # fmt: skip
    meetings = list({c.meeting_id: c.meeting for c in contributions}.values())
    registered = []
    if user.has_perm("meetings.view_participants"):
        # Registrations are the officers' to see (the participants list is theirs).
        registered = list(
            Meeting.objects.filter(registrations__organization=state)
            .exclude(pk__in=[m.pk for m in meetings])
            .distinct()
            .order_by("-start_date")
        )
    entries = CountryEntry.objects.of_country(state).select_related("organization")
    sees_all = user.has_perm("resources.add_countryentry", state)
    if not sees_all:
        entries = entries.public()
    entries = list(entries)
    figures = list(
        Contribution.objects.published()
        .filter(source_links__organization=state)
        .values("meeting__number")
        .annotate(count=Count("pk"))
        .order_by("meeting__number")
    )
    return render(
        request,
        "resources/countries/country_detail.html",
        {
            "state": state,
            "classifications": [(c.member_label, c) for c in state.classifications.all()],
            "contributions": contributions,
            "meetings": meetings,
            "registered": registered,
            "entries": [e for e in entries if e.is_public],
            "other_entries": [e for e in entries if not e.is_public],
            "helplines": list(HelplineEntry.objects.filter(country=state)),
            "figures": figures,
            "figures_total": sum(row["count"] for row in figures),
            "may_add": sees_all,
        },
    )


@permission_required("resources.add_countryentry", _state_of)
def entry_create(request, iso3):
    """A delegate of the country proposes an entry; the secretariat records one at once."""
    state = _state(iso3)
    form = CountryEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.country_entry_create(
                by=request.user, organization=state, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if entry.is_public:
                messages.success(request, _("The entry is recorded: the country's page shows it."))
            else:
                messages.success(
                    request,
                    _("Thank you: the secretariat will check the entry before it is shown."),
                )
            return redirect(entry)
    return render(request, "resources/countries/entry_form.html", {"form": form, "state": state})


def _editable(request, pk):
    """The entry to edit; one the reader may not see is a 404, as if it did not exist."""
    entry = _entry(pk)
    if request.user.is_authenticated and not request.user.has_perm(
        "resources.view_countryentry", entry
    ):
        raise Http404
    return entry


@permission_required("resources.change_countryentry", _editable)
def entry_edit(request, pk):
    """The entry's form again: the secretariat updates a source or the date checked; a
    delegate of the country corrects a proposal, and a rejected one goes back to the queue."""
    entry = _entry(pk)
    proposes_again = entry.edit_proposes_again(request.user)
    form = CountryEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.country_entry_update(
                entry_id=entry.pk, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if proposes_again:
                messages.success(
                    request, _("The entry is updated and proposed to the secretariat again.")
                )
            else:
                messages.success(request, _("The entry is updated."))
            return redirect(entry)
    return render(
        request,
        "resources/countries/entry_form.html",
        {
            "form": form,
            "state": entry.organization,
            "entry": entry,
            "proposes_again": proposes_again,
        },
    )


def _entry(pk) -> CountryEntry:
    return get_object_or_404(CountryEntry.objects.select_related("organization"), pk=pk)


def entry_detail(request, pk):
    """An entry with its history and the buttons the reader may use; an entry the reader may
    not see is a 404, as if it did not exist."""
    entry = _entry(pk)
    if not request.user.has_perm("resources.view_countryentry", entry):
        raise Http404
    actions = entry.allowed_actions(request.user)
    may_edit = request.user.has_perm("resources.change_countryentry", entry)
    proposes_again = may_edit and entry.edit_proposes_again(request.user)
    events = []
    if request.user.has_perm("resources.add_countryentry", entry.organization):
        events = list(entry.events.select_related("actor"))
    return render(
        request,
        "resources/countries/entry_detail.html",
        {
            "entry": entry,
            "actions": actions,
            "events": events,
            "form": DecisionForm(),
            "may_edit": may_edit,
            "proposes_again": proposes_again,
        },
    )


@require_POST
def entry_act(request, pk, action):
    """One button of the entry's page (approve, reject, withdraw, propose): the table checks
    who may from which status; a refusal is a message, a forbidden one a 403."""
    entry = _entry(pk)
    if not request.user.has_perm("resources.view_countryentry", entry):
        raise Http404
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        services.country_entry_act(
            entry_id=entry.pk,
            action=action,
            by=request.user,
            note=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, DONE[action])
    return redirect(entry)


DONE = {
    "approve": gettext_lazy("The entry is approved: the country's page shows it."),
    "reject": gettext_lazy("The entry is rejected; the proposer is told why."),
    "withdraw": gettext_lazy("The entry is withdrawn: the country's page no longer shows it."),
    "propose": gettext_lazy("The entry is proposed to the secretariat."),
    "record": gettext_lazy("The entry is recorded: the country's page shows it."),
}


@permission_required("resources.review_countryentry")
def entry_queue(request):
    """The secretariat's queue: the proposals waiting, oldest first."""
    waiting = list(
        CountryEntry.objects.waiting()
        .select_related("organization", "proposed_by")
        .order_by("proposed_at", "pk")
    )
    return render(request, "resources/countries/entry_queue.html", {"entries": waiting})
