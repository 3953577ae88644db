"""The public list of contributions, with its filters and search."""

from django.core.paginator import Paginator
from django.shortcuts import render

from copportal.search import read_query

from .. import list_rows
from ..forms import ContributionFilterForm
from ..models import Contribution, ContributionSource, Document

PAGE_SIZE = 50


def contribution_list(request):
    """Published contributions with filters; members also see members-only ones. With `?q=`,
    the matches best first (Contribution.objects.search)."""
    form, contributions, ignored, words, notes = listed(request.GET, request.user)
    contributions = list_rows.columns(contributions)
    page = Paginator(contributions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "ignored": ignored,
        "notes": notes,
        "searched": words,
    }
    context["rows"] = list_rows.rendered_rows(page.object_list)
    return render(request, "contributions/contribution_list.html", context)


def listed(params, user):
    """The list as the page shows it for these query parameters, every page of it: (the
    filter form, the contributions in the page's order, the filters ignored, the words
    searched, notes on the query). The exports (contributions/exports.py) ask it too."""
    form = ContributionFilterForm(params or None)
    contributions = Contribution.objects.listed_for(user)
    ignored = []
    if form.is_bound:
        # A bad value drops its own filter, and only it: the others still apply.
        form.is_valid()
        contributions = _filtered(contributions, form.cleaned_data)
        ignored = [
            {"label": form[name].label, "value": form.data.get(name, "")[:40]}
            for name in form.errors
        ]
    words, notes = read_query(params.get("q", ""))
    if words:
        contributions = contributions.search(words)  # best first
    else:
        contributions = contributions.order_by("-meeting__number", "number")
    return form, contributions, ignored, words, notes


def _filtered(contributions, data):
    if data.get("meeting"):
        contributions = contributions.filter(meeting__number=data["meeting"])
    if data.get("kind"):
        contributions = contributions.filter(kind=data["kind"])
    links = ContributionSource.objects.values("contribution")
    if data.get("source"):
        contributions = contributions.filter(pk__in=links.filter(organization=data["source"]))
    if data.get("region"):
        contributions = contributions.filter(
            pk__in=links.filter(organization__region=data["region"])
        )
    if data.get("theme"):
        contributions = contributions.filter(themes=data["theme"])
    if data.get("language"):
        documents = Document.objects.filter(language=data["language"], revisions__isnull=False)
        contributions = contributions.filter(pk__in=documents.values("contribution"))
    return contributions
