"""The secretariat's desk and its decisions (accept, reject, carry over, publish)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from copportal.accounts.permissions import permission_required
from meetings.models import Meeting

from .. import services, workflow
from ..forms import ReasonForm, VisibilityForm
from ..models import Contribution
from .access import with_relations

Status = Contribution.Status


@permission_required("contributions.use_desk")
def desk(request):
    """The secretariat's desk: per meeting, what waits for a decision and what to publish."""
    meetings = list(Meeting.objects.order_by("-start_date"))
    number = request.GET.get("meeting")
    meeting = next((m for m in meetings if str(m.number) == number), None)
    if meeting is None:
        upcoming = Meeting.objects.upcoming().first()
        meeting = upcoming or (meetings[0] if meetings else None)
    contributions = (
        with_relations(Contribution.objects.for_meeting(meeting)).exclude(status=Status.DRAFT)
        if meeting
        else Contribution.objects.none()
    )
    groups = {status: [] for status in Status.values}
    for contribution in contributions.order_by("submitted_at", "pk"):
        contribution.actions = contribution.allowed_actions(request.user)
        groups[contribution.status].append(contribution)
    waiting = Contribution.objects.waiting().values_list("meeting__number", flat=True)
    return render(
        request,
        "contributions/desk.html",
        {
            "meeting": meeting,
            "meetings": meetings,
            "groups": groups,
            "waiting_meetings": sorted(set(waiting)),
            "reason_form": ReasonForm(),
            "statuses": Status,
        },
    )


# The desk's buttons: the workflow's decisions (submit and withdraw have pages of their own).
DESK_ACTIONS = (workflow.ACTIONS - {"submit", "submit-late", "withdraw"}) | {"visibility"}


@permission_required("contributions.use_desk")
@require_POST
def desk_action(request, pk, action):
    if action not in DESK_ACTIONS:
        raise Http404
    contribution = get_object_or_404(Contribution.objects.exclude(status=Status.DRAFT), pk=pk)
    meeting_number = contribution.meeting.number
    try:
        text = _desk_apply(request, contribution, action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, text)
    if request.POST.get("next") == "detail":
        return redirect(Contribution.objects.get(pk=pk))
    return redirect(f"{reverse('contributions:desk')}?meeting={meeting_number}")


def _reason(request, contribution, action) -> str:
    """The reason sent with a decision; required where the workflow's table asks for one
    (carry-over, rejection, accepting a late contribution)."""
    form = ReasonForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["reason"]
    transition = workflow.TRANSITIONS.get((contribution.status, action))
    if transition is not None and transition.needs_reason:
        raise ValidationError(_("Give a reason: the submitter sees it."))
    return ""


def _desk_apply(request, contribution, action) -> str:
    by, pk = request.user, contribution.pk
    if action == "visibility":
        form = VisibilityForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Choose public or members only."))
        done = services.contribution_set_visibility(
            contribution_id=pk, by=by, visibility=form.cleaned_data["visibility"]
        )
        return _("Visibility: %(visibility)s.") % {"visibility": done.get_visibility_display()}
    if action == "publish":
        done = services.contribution_publish(contribution_id=pk, by=by)
        return _("%(symbol)s is published.") % {"symbol": done.symbol}
    reason = _reason(request, contribution, action)
    if action == "accept":
        done = services.contribution_accept(contribution_id=pk, by=by, reason=reason)
        if reason:
            return _("Accepted as %(symbol)s; the submitter sees your reason.") % {
                "symbol": done.symbol
            }
        return _("Accepted as %(symbol)s.") % {"symbol": done.symbol}
    if action == "reject":
        services.contribution_reject(contribution_id=pk, by=by, reason=reason)
        return _("Rejected; the submitter sees your reason.")
    done = services.contribution_carry_over(contribution_id=pk, by=by, reason=reason)
    return _("Carried over to meeting %(number)s; the submitter sees your reason.") % {
        "number": done.meeting.number
    }
