from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from copportal.accounts.permissions import permission_required

from . import services
from .forms import DeadlineForm
from .models import Meeting, Theme


def meeting_list(request):
    meetings = Meeting.objects.select_related("theme")
    return render(
        request,
        "meetings/meeting_list.html",
        {"upcoming": meetings.upcoming(), "past": meetings.past()},
    )


def meeting_detail(request, number):
    meeting = get_object_or_404(Meeting.objects.select_related("theme"), number=number)
    liaison_notes = meeting.liaison_notes.public().prefetch_related("recipients")
    # Contributions know meetings, not the other way round: through the reverse relation,
    # the published ones this reader may see.
    documents = meeting.contributions.listed_for(request.user)
    latest_release = (
        meeting.agenda_releases.order_by("-version").values("version", "released_at").first()
    )
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "documents": documents.order_by("number", "pk").values("number", "title")[:200],
            "portal_count": documents.count(),
            "latest_release": latest_release,
            "sessions": meeting.sessions.prefetch_related("presenters"),
            "recommendations": meeting.recommendations.all(),
            "draft_resolutions": meeting.draft_resolutions.prefetch_related("proposers"),
            "chair_reports": meeting.chair_reports.all(),
            "liaison_notes": liaison_notes,
        },
    )


def roadmap(request):
    themes = list(
        Theme.objects.roadmap().prefetch_related(
            Prefetch("meetings", queryset=Meeting.objects.order_by("start_date"))
        )
    )
    # For a quarter without a meeting on its theme: the meetings held in that quarter.
    held = list(Meeting.objects.real().order_by("start_date"))
    for theme in themes:
        dates = theme.period_dates
        theme.held_in_period = (
            [m for m in held if dates[0] <= m.start_date <= dates[1]] if dates else []
        )
    return render(request, "meetings/roadmap.html", {"themes": themes})


@permission_required("meetings.change_deadline")
def meeting_deadline(request, number):
    """The chair's override of a meeting's deadline (or back to the rule), with its history."""
    meeting = get_object_or_404(Meeting, number=number)
    form = DeadlineForm(
        request.POST or None,
        meeting=meeting,
        initial={
            "deadline": timezone.localtime(meeting.deadline, meeting.zone).replace(tzinfo=None)
        },
    )
    if request.method == "POST" and form.is_valid():
        changed = services.meeting_deadline_set(
            meeting_id=meeting.pk,
            by=request.user,
            deadline=form.cleaned_data["deadline"],
            reason=form.cleaned_data["reason"],
        )
        if changed:
            messages.success(request, _("The deadline is changed; the change is recorded."))
        else:
            messages.info(request, _("This is already the deadline: nothing changed."))
        return redirect(meeting)
    return render(
        request,
        "meetings/meeting_deadline.html",
        {
            "meeting": meeting,
            "form": form,
            "changes": meeting.deadline_changes.select_related("changed_by"),
        },
    )
