from urllib.parse import urlencode

import markdown
import nh3
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from contributions.models import Contribution
from copportal.accounts.permissions import permission_required
from copportal.languages import Language
from copportal.uploads import limits_text, stored_file_response

from . import browse, helplines, search, services
from .forms import HelplineForm, HelplineImportForm, ResourceForm
from .models import HelplineEntry, Resource


def _resource(request, slug, *args, **kwargs):
    return get_object_or_404(Resource, slug=slug)


def _visible(request, slug):
    """The resource if the reader may see it; a draft is a 404 for everyone else."""
    resource = get_object_or_404(
        Resource.objects.select_related("country", "source_contribution__meeting", "cited_in"),
        slug=slug,
    )
    if not request.user.has_perm("resources.view_resource", resource):
        raise Http404
    return resource


def render_markdown(text: str) -> str:
    """Markdown to HTML, sanitised by nh3 (no scripts, no attributes that run code)."""
    return nh3.clean(markdown.markdown(text or "", extensions=["sane_lists"]))


CONTRIBUTIONS_SHOWN = 5
# The section ranks the newest CONTRIBUTIONS_RANKED matches and counts up to that many: a
# broad query ("grooming OR cyberbullying": 38% of 20,000 contributions) would otherwise
# rank and count every match, reading each one's large vector (0.3 s each at that size).
CONTRIBUTIONS_RANKED = 200


def _matching_contributions(user, query: str) -> tuple[list, int]:
    """The best published contributions matching `query` that the user may see (among the
    newest CONTRIBUTIONS_RANKED matches), and how many there are: at most
    CONTRIBUTIONS_RANKED + 1, which the page shows as "more than 200"."""
    if not query:
        return [], 0
    matches = Contribution.objects.listed_for(user).matching(query)
    newest = matches.order_by("-pk").values("pk")[:CONTRIBUTIONS_RANKED]
    found = (
        Contribution.objects.filter(pk__in=newest)
        .search(query)
        .select_related("meeting")
        .only("number", "title", "visibility", "original_language", "meeting__number")
    )
    shown = list(found[:CONTRIBUTIONS_SHOWN])
    if len(shown) < CONTRIBUTIONS_SHOWN:
        return shown, len(shown)
    return shown, len(matches.order_by().values("pk")[: CONTRIBUTIONS_RANKED + 1])


def resource_list(request):
    """The library and its search: the same page with JavaScript or without (htmx swaps
    #results when it is on). A search also lists the matching contributions the reader may
    see, apart from the resources (their facets and pages are the library's only)."""
    state = browse.read_state(request.GET)
    page, facets = browse.results(request.user, state)
    suggestion = ""
    if state.query and (state.widened or not page.paginator.count):
        # Nothing holds every word: perhaps one is misspelt.
        suggestion = search.suggestion(state.query)
    contributions, contribution_count = _matching_contributions(request.user, state.query)
    context = {
        "contributions": contributions,
        "contribution_count": contribution_count,
        "contributions_capped": contribution_count > CONTRIBUTIONS_RANKED,
        "contributions_ranked": CONTRIBUTIONS_RANKED,
        "contributions_url": reverse("contributions:list") + "?" + urlencode({"q": state.query}),
        "state": state,
        "page": page,
        "facets": [(name, browse.FACETS[name], values) for name, values in facets.items()],
        "suggestion": suggestion,
        "suggestion_url": state.url(q=suggestion) if suggestion else "",
        "clear_url": state.url(**dict.fromkeys(state.picked)),
    }
    template = (
        "resources/partials/results.html"
        if request.headers.get("HX-Request") == "true"
        else "resources/resource_list.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def resource_detail(request, slug):
    resource = _visible(request, slug)
    body = resource.shown("body")
    return render(
        request,
        "resources/resource_detail.html",
        {
            "resource": resource,
            "body": body,
            "body_html": render_markdown(body.text),
            "audiences": resource.audiences.all(),
            "themes": resource.themes.all(),
            "versions": resource.language_versions(),
            "cited_in": resource.cited_in
            if resource.cited_in_id
            and request.user.has_perm("resources.view_resource", resource.cited_in)
            else None,
            "cited_section": resource.shown("cited_section"),
            "source": resource.source_contribution
            if resource.source_contribution_id
            and Contribution.objects.visible_to(request.user)
            .filter(pk=resource.source_contribution_id)
            .exists()
            else None,
        },
    )


def resource_download(request, slug):
    """The resource's file, to those who may see the resource; as an attachment, not sniffed."""
    resource = _visible(request, slug)  # a 404 unless the reader may see it
    return stored_file_response(
        resource.file,
        allowed=True,
        filename=resource.download_name,
        file_type=resource.file_type,
    )


@permission_required("resources.change_resource")
def resource_manage(request):
    """Every resource, drafts included, for the secretariat."""
    resources = Resource.objects.order_by("status", "-updated_at").select_related("country")
    return render(request, "resources/manage.html", {"resources": resources})


def _form_page(request, form, *, resource=None, contribution=None, files=None):
    return render(
        request,
        "resources/resource_form.html",
        {
            "form": form,
            "resource": resource,
            "contribution": contribution,
            "contribution_files": files,
            "limits": limits_text(),
        },
    )


def _saved(request, form, save):
    try:
        resource = save()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None
    return resource


@permission_required("resources.add_resource")
def resource_create(request):
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        resource = _saved(
            request,
            form,
            lambda: services.resource_create(by=request.user, **form.cleaned_data),
        )
        if resource:
            messages.success(request, _("The resource is saved as a draft."))
            return redirect(resource)
    return _form_page(request, form)


@permission_required("resources.change_resource", _resource)
def resource_edit(request, slug):
    resource = get_object_or_404(Resource, slug=slug)
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource)
    if request.method == "POST" and form.is_valid():
        saved = _saved(
            request,
            form,
            lambda: services.resource_update(
                resource_id=resource.pk, by=request.user, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("The resource is saved."))
            return redirect(saved)
    return _form_page(request, form, resource=resource)


@require_POST
@permission_required("resources.publish_resource", _resource)
def resource_publish(request, slug):
    resource = get_object_or_404(Resource, slug=slug)
    services.resource_publish(resource_id=resource.pk, by=request.user)
    messages.success(request, _("The resource is published."))
    return redirect(resource)


@require_POST
@permission_required("resources.publish_resource", _resource)
def resource_unpublish(request, slug):
    resource = get_object_or_404(Resource, slug=slug)
    services.resource_unpublish(resource_id=resource.pk, by=request.user)
    messages.success(request, _("The resource is a draft again: the public no longer sees it."))
    return redirect(resource)


@permission_required("resources.add_resource")
def resource_promote(request, pk):
    """A new resource prefilled from a published contribution (one per submission)."""
    contribution = get_object_or_404(
        Contribution.objects.published()
        .select_related("meeting")
        .prefetch_related("source_links__organization", "audiences", "themes"),
        pk=pk,
    )
    initial = services.prefill_from_contribution(contribution)
    initial["audiences"] = list(contribution.audiences.all())
    initial["themes"] = list(contribution.themes.all())
    form = ResourceForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        # The contribution is the one promoted, whatever the form says.
        fields = {k: v for k, v in form.cleaned_data.items() if k != "source_contribution"}
        resource = _saved(
            request,
            form,
            lambda: services.resource_promote(
                contribution_id=contribution.pk, by=request.user, **fields
            ),
        )
        if resource:
            messages.success(
                request,
                _("The resource is saved as a draft, linked to %(symbol)s.")
                % {"symbol": contribution.symbol or contribution.title},
            )
            versions = resource.translations.count()
            if versions:
                messages.info(
                    request,
                    ngettext(
                        "The contribution's file in another language is a draft resource of "
                        "its own, a translation of this one: publish it too.",
                        "The contribution's files in %(count)s other languages are draft "
                        "resources of their own, translations of this one: publish them too.",
                        versions,
                    )
                    % {"count": versions},
                )
            return redirect(resource)
    files = [
        (Language(language), revision)
        for language, revision in services.promoted_files(contribution).items()
    ]
    return _form_page(request, form, contribution=contribution, files=files)


# --- Helplines -------------------------------------------------------------------------------
def helpline_list(request):
    query, entries = helplines.listed(request.GET)
    return render(
        request,
        "resources/helplines.html",
        {
            "query": query,
            "entries": entries,
            "has_any": HelplineEntry.objects.exists(),
        },
    )


@permission_required("resources.change_helplineentry")
def helpline_edit(request, pk=None):
    entry = get_object_or_404(HelplineEntry, pk=pk) if pk else None
    form = HelplineForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.helpline_save(by=request.user, entry_id=pk, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The helpline is saved."))
            return redirect("resources:helplines")
    return render(request, "resources/helpline_form.html", {"form": form, "entry": entry})


@permission_required("resources.delete_helplineentry")
def helpline_delete(request, pk):
    """A confirmation page; the entry is deleted only by its form's POST."""
    entry = get_object_or_404(HelplineEntry.objects.select_related("country"), pk=pk)
    if request.method == "POST":
        services.helpline_delete(by=request.user, entry_id=entry.pk)
        messages.success(
            request,
            _("The helpline %(name)s (%(country)s) is deleted: the finder no longer lists it.")
            % {"name": entry.name, "country": entry.country},
        )
        return redirect("resources:helplines")
    return render(request, "resources/helpline_confirm_delete.html", {"entry": entry})


@permission_required("resources.change_helplineentry")
def helpline_import(request):
    form = HelplineImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        created, updated = services.helplines_import(by=request.user, rows=form.rows)
        messages.success(
            request,
            _("Imported: %(created)s new, %(updated)s updated.")
            % {"created": created, "updated": updated},
        )
        return redirect("resources:helplines")
    return render(
        request,
        "resources/helpline_import.html",
        {"form": form, "row_errors": getattr(form, "row_errors", [])},
    )
