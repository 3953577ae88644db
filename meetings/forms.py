import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeadlineForm(forms.Form):
    """The chair's override, in the meeting's own time zone; empty goes back to the rule."""

    deadline = forms.DateTimeField(
        label=_("New deadline"),
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "class": "form-control"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_("Kept with the change, e.g. the Council's decision on the dates."),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["deadline"].help_text = _(
            "In the meeting's time zone (%(zone)s). Leave empty to use the rule: %(days)s "
            "calendar days before the meeting opens, at %(time)s."
        ) % {
            "zone": meeting.time_zone,
            "days": settings.CONTRIBUTION_DEADLINE_DAYS,
            "time": settings.CONTRIBUTION_DEADLINE_TIME,
        }

    def clean_deadline(self):
        value = self.cleaned_data.get("deadline")
        if value is None:
            return None
        # The browser sends a wall-clock time: read it in the meeting's zone, not the server's.
        wall = timezone.make_naive(value) if timezone.is_aware(value) else value
        aware = wall.replace(tzinfo=self.meeting.zone)
        round_trip = aware.astimezone(datetime.UTC).astimezone(self.meeting.zone)
        if round_trip.replace(tzinfo=None) != wall:
            raise ValidationError(
                _(
                    "%(time)s does not exist in %(zone)s (the clocks change that night): choose "
                    "another time."
                )
                % {"time": wall.strftime("%H:%M"), "zone": self.meeting.time_zone}
            )
        return aware
