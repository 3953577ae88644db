"""The submission form: a new contribution or a draft, saved or submitted."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from copportal.date_text import datetime_seconds_text, datetime_text
from copportal.uploads import limits_text
from meetings.models import Meeting

from .. import services
from ..forms import ContributionForm
from ..models import Contribution
from ..widgets import FILTER_SOURCES, SOURCE_FILTER
from .access import as_int


def _form_page(request, form, contribution=None):
    meetings = Meeting.objects.upcoming()
    return render(
        request,
        "contributions/contribution_form.html",
        {
            "form": form,
            "contribution": contribution,
            "upcoming": meetings,
            "limits": limits_text(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def contribution_submit(request):
    """The guided submission form: save a draft, or submit at once."""
    user = request.user
    if not user.has_perm("contributions.add_contribution"):
        pending = user.affiliations.pending().select_related("organization")
        return render(
            request, "contributions/not_a_delegate.html", {"pending": pending}, status=403
        )
    if request.method == "POST":
        form = ContributionForm(
            request.POST,
            request.FILES,
            user=user,
            oversized=getattr(request, "oversized_uploads", None),
        )
        if request.POST.get("action") == FILTER_SOURCES:
            return _form_page(request, _refiltered(request, form))
        if form.is_valid():
            return _save(request, form)
    else:
        initial = {"creation_token": uuid.uuid4(), "opened_at": timezone.now()}
        number = request.GET.get("meeting", "")
        if number:
            meeting = Meeting.objects.upcoming().filter(number=as_int(number)).first()
            if meeting:
                initial["meeting"] = meeting
            else:
                messages.warning(
                    request,
                    _("“%(value)s” is not an upcoming meeting's number: choose the meeting below.")
                    % {"value": number[:20]},
                )
        form = ContributionForm(initial=initial, user=user)
    return _form_page(request, form)


def _refiltered(request, form) -> ContributionForm:
    """The form as it was posted, unsaved and without errors, its Source list narrowed by the
    filter box (the picker's filter when JavaScript is off). A browser never refills a file
    input: the page says to choose the file again."""
    initial = {name: form[name].data for name in form.fields if name != "file"}
    if request.FILES.get("file"):
        messages.warning(
            request,
            _("The file you chose was not kept while filtering: choose it again before saving."),
        )
    return ContributionForm(
        initial=initial,
        instance=form.instance if form.instance.pk else None,
        user=form.user,
        has_file=form.has_file,
        source_filter=request.POST.get(SOURCE_FILTER, ""),
    )


@login_required
def contribution_edit(request, pk):
    contribution = get_object_or_404(Contribution.objects.authored_by(request.user), pk=pk)
    if not contribution.is_editable_draft:
        messages.info(
            request,
            _(
                "This contribution is %(status)s: it can no longer be edited. Upload a revision "
                "instead."
            )
            % {"status": contribution.get_status_display().lower()},
        )
        return redirect(contribution)
    has_file = contribution.documents.filter(
        language=contribution.original_language, revisions__isnull=False
    ).exists()
    if request.method == "POST":
        form = ContributionForm(
            request.POST,
            request.FILES,
            instance=contribution,
            user=request.user,
            has_file=has_file,
            oversized=getattr(request, "oversized_uploads", None),
        )
        if request.POST.get("action") == FILTER_SOURCES:
            return _form_page(request, _refiltered(request, form), contribution)
        if form.is_valid():
            return _save(request, form, contribution)
    else:
        initial = {"version": contribution.version, "opened_at": timezone.now()}
        form = ContributionForm(
            instance=contribution, initial=initial, user=request.user, has_file=has_file
        )
    return _form_page(request, form, contribution)


def _save(request, form, contribution=None):
    data = form.cleaned_data
    fields = {name: data[name] for name in services.AUTHOR_FIELDS}
    common = {
        "by": request.user,
        "sources": list(data["sources"]),
        "themes": list(data["themes"]),
        "audiences": list(data["audiences"]),
        "upload": data.get("file"),
    }
    try:
        if contribution is None:
            common["submitter"] = common.pop("by")
            contribution, created = services.contribution_create(
                creation_token=data.get("creation_token"), **common, **fields
            )
            if not created:
                messages.info(
                    request,
                    _(
                        "This form was already sent: here is what it saved. Nothing was saved "
                        "twice."
                    ),
                )
                return redirect(contribution)
        else:
            contribution = services.contribution_update(
                contribution_id=contribution.pk,
                version=data.get("version") or 0,
                **common,
                **fields,
            )
    except ValidationError as error:
        if getattr(error, "code", None) == "already-submitted":
            messages.info(request, error.messages[0])
            return redirect(contribution)
        form.add_error(None, error)
        return _form_page(request, form, contribution)
    if request.POST.get("action") == "submit":
        return _submit(request, contribution, opened_at=data.get("opened_at"))
    messages.success(
        request,
        _("Your draft is saved. Only you and your co-sponsors see it until you submit it."),
    )
    return redirect(contribution)


def _submit(request, contribution, *, opened_at=None):
    try:
        contribution = services.contribution_submit(
            contribution_id=contribution.pk,
            by=request.user,
            version=contribution.version,
            # Judged by when the request arrived (stamped by a middleware before the body is
            # read, when there is one), not by when this code runs.
            at=getattr(request, "arrived_at", None),
        )
    except ValidationError as error:
        if getattr(error, "code", None) == "already-submitted":
            messages.info(request, error.messages[0])
        else:
            messages.error(request, " ".join(error.messages))
        return redirect(contribution)
    meeting = contribution.meeting
    deadline = datetime_text(meeting.deadline, meeting.time_zone)
    # The receipt: to the second, in the meeting's zone, said with it.
    received = _("Received %(time)s.") % {
        "time": datetime_seconds_text(contribution.submitted_at, meeting.time_zone)
    }
    if contribution.is_late:
        text = _(
            "Your contribution is submitted, but after the deadline (%(deadline)s): it is marked "
            "late. The secretariat will accept it for this meeting or carry it over to the next, "
            "and tell you why."
        ) % {"deadline": deadline}
        if opened_at and opened_at <= meeting.deadline:
            text = _("The deadline passed while you were filling in the form.") + " " + text
        messages.warning(request, f"{received} {text}")
    else:
        text = _(
            "Your contribution is submitted on time. The secretariat will check it and give "
            "it its symbol; you may upload revisions until the deadline."
        )
        messages.success(request, f"{received} {text}")
    return redirect(contribution)


@login_required
@require_POST
def contribution_submit_draft(request, pk):
    contribution = get_object_or_404(Contribution.objects.authored_by(request.user), pk=pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    contribution.version = version if version is not None else contribution.version
    return _submit(request, contribution)
