from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from copportal.accounts.permissions import permission_required

from ..meeting_views import meeting_in_url
from .forms import MeetingRemindersForm
from .models import MeetingReminders


@permission_required("notifications.change_reminders")
def meeting_reminders(request, number):
    """The chair's reminder days for one meeting."""
    meeting = meeting_in_url(request, number)
    reminders = MeetingReminders.objects.filter(meeting=meeting).first() or MeetingReminders(
        meeting=meeting
    )
    form = MeetingRemindersForm(request.POST or None, instance=reminders)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The reminder days are saved."))
        return redirect("meetings:reminders", number=meeting.number)
    return render(request, "meetings/reminders.html", {"form": form, "meeting": meeting})
