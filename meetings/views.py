from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from copportal.accounts.permissions import permission_required

from . import services
from .forms import DeadlineForm
from .models import Meeting


def meeting_list(request):
    meetings = Meeting.objects.select_related("theme")
    return render(
        request,
        "meetings/meeting_list.html",
        {"upcoming": meetings.upcoming(), "past": meetings.past()},
    )


def meeting_detail(request, number):
    """A meeting's page: its facts, deadline, agenda, contributions, sessions and outcomes.

    Two queries when the meeting has no sessions or outcomes yet (the meeting with what it
    has, and its documents with their count: the contributions app's section); each list it
    has adds its own, whatever its length. The contributions and the library's record are
    the sections those apps register (contributions/meeting_parts.py, resources/sections.py).
    """
    meeting = get_object_or_404(Meeting.objects.for_page(), number=number)
    latest_release = None
    if meeting.latest_release_version is not None:
        latest_release = {
            "version": meeting.latest_release_version,
            "released_at": meeting.latest_release_at,
        }
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "latest_release": latest_release,
            "sessions": (
                meeting.sessions.prefetch_related("presenters") if meeting.has_sessions else []
            ),
            "recommendations": (
                meeting.recommendations.all() if meeting.has_recommendations else []
            ),
            "draft_resolutions": (
                meeting.draft_resolutions.prefetch_related("proposers")
                if meeting.has_draft_resolutions
                else []
            ),
            "chair_reports": meeting.chair_reports.all() if meeting.has_chair_reports else [],
            "liaison_notes": (
                meeting.liaison_notes.published().prefetch_related("recipients")
                if meeting.has_liaison_notes
                else []
            ),
        },
    )


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
