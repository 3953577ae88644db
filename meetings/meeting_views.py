"""The chair plans meetings in the portal: /meetings/new/ and /meetings/<n>/edit/."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from copportal.accounts.permissions import permission_required

from . import services
from .forms import MeetingForm, SessionFormSet
from .models import Meeting


def _form_page(request, meeting: Meeting):
    is_new = meeting.pk is None
    form = MeetingForm(request.POST or None, instance=meeting)
    sessions = SessionFormSet(request.POST or None, instance=meeting, prefix="sessions")
    if request.method == "POST" and form.is_valid() and sessions.is_valid():
        try:
            saved = services.meeting_save(by=request.user, meeting=form.instance, sessions=sessions)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The meeting is created.") if is_new else _("The meeting is saved.")
            )
            return redirect(saved)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "sessions": sessions, "meeting": None if is_new else meeting},
        status=400 if request.method == "POST" else 200,
    )


@permission_required("meetings.add_meeting")
def meeting_new(request):
    return _form_page(request, Meeting())


def meeting_in_url(request, number, **kwargs):
    """The meeting a view's URL names (for permission_required's object): 404 if none."""
    return get_object_or_404(Meeting, number=number)


@permission_required("meetings.change_meeting", meeting_in_url)
def meeting_edit(request, number):
    return _form_page(request, meeting_in_url(request, number))
