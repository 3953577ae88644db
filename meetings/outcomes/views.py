"""A meeting's outcomes: the chair records recommendations and draft resolutions; the chair's
report, a file per language: the public download, the page where the chair (or the
secretariat) uploads, replaces or removes each language's file, and the draft made from the
meeting's data."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from copportal.accounts.permissions import permission_required
from copportal.languages import Language
from copportal.uploads import stored_file_response

from ..meeting_views import meeting_in_url
from . import report_draft, services
from .forms import ChairReportForm, DraftResolutionFormSet, RecommendationFormSet
from .models import ChairReport


def chair_report(request, number, language):
    """One language's report, to anyone: always as a download, never sniffed."""
    report = get_object_or_404(
        ChairReport.objects.select_related("meeting"), meeting__number=number, language=language
    )
    # Public once uploaded; replacing a report keeps its address: a cache must ask again.
    return stored_file_response(
        report.file,
        allowed=True,
        filename=report.original_name,
        file_type=report.file_type,
        cache_control="no-cache",
    )


@permission_required("meetings.change_chair_report", meeting_in_url)
def chair_report_edit(request, number):
    """Upload (or replace) the report in one language; the languages there are, with removal."""
    meeting = meeting_in_url(request, number)
    form = ChairReportForm(
        request.POST or None,
        request.FILES or None,
        oversized=getattr(request, "oversized_uploads", None),
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        replacing = meeting.chair_reports.filter(language=language).exists()
        try:
            services.chair_report_save(
                meeting=meeting,
                by=request.user,
                language=language,
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            name = Language(language).label
            if replacing:
                messages.success(
                    request, _("The report in %(language)s is replaced.") % {"language": name}
                )
            else:
                messages.success(
                    request, _("The report in %(language)s is added.") % {"language": name}
                )
            return redirect("meetings:chair_report_edit", meeting.number)
    reports = {r.language: r for r in meeting.chair_reports.select_related("uploaded_by")}
    return render(
        request,
        "meetings/outcomes/chair_report_form.html",
        {
            "meeting": meeting,
            "form": form,
            "languages": [(language, reports.get(language.value)) for language in Language],
            "draft_language": report_draft.working_language(meeting).in_text,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@permission_required("meetings.change_chair_report", meeting_in_url)
def chair_report_remove(request, number, language):
    report = get_object_or_404(
        ChairReport.objects.select_related("meeting"), meeting__number=number, language=language
    )
    services.chair_report_remove(report=report, by=request.user)
    messages.success(
        request,
        _("The report in %(language)s is removed.") % {"language": Language(language).label},
    )
    return redirect("meetings:chair_report_edit", number)


@permission_required("meetings.view_report_draft", meeting_in_url)
def chair_report_draft(request, number):
    """A draft of the report made from the meeting's data (meetings/outcomes/report_draft.py),
    in the meeting's working language or `?language=` one of the six."""
    meeting = meeting_in_url(request, number)
    language = report_draft.working_language(meeting, request.GET.get("language"))
    response = HttpResponse(
        report_draft.report_draft(meeting, language), content_type=report_draft.CONTENT_TYPE
    )
    name = f"cwg-cop-{meeting.number}-chair-report-draft-{language.value}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@permission_required("meetings.change_outcomes", meeting_in_url)
def meeting_outcomes_edit(request, number):
    """The chair records a meeting's recommendations and draft resolutions."""
    meeting = meeting_in_url(request, number)
    recommendations = RecommendationFormSet(
        request.POST or None, instance=meeting, prefix="recommendations"
    )
    resolutions = DraftResolutionFormSet(
        request.POST or None, instance=meeting, prefix="resolutions"
    )
    formsets = [recommendations, resolutions]
    if request.method == "POST" and all(f.is_valid() for f in formsets):
        services.meeting_outcomes_save(by=request.user, meeting=meeting, formsets=formsets)
        messages.success(request, _("The outcomes are saved."))
        return redirect(reverse("meetings:detail", args=[meeting.number]) + "#outcomes-heading")
    return render(
        request,
        "meetings/outcomes/meeting_outcomes_form.html",
        {"meeting": meeting, "recommendations": recommendations, "resolutions": resolutions},
        status=400 if request.method == "POST" else 200,
    )
