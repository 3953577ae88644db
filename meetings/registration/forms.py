"""The delegate's registration form: how they attend, and which of their organizations."""

from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from copportal.date_text import date_text

from .models import Registration


class RegistrationForm(forms.Form):
    """`organizations`: the delegate's approved organizations (the only ones offered)."""

    organization = forms.TypedChoiceField(
        label=_("Organization you represent"),
        coerce=int,
        help_text=_("One of your approved affiliations."),
    )
    attendance = forms.ChoiceField(
        label=_("How you attend"),
        choices=Registration.Attendance.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {organization.pk: organization for organization in organizations}
        self.fields["organization"].choices = [
            (pk, str(organization)) for pk, organization in self.organizations.items()
        ]
        self.fields["organization"].error_messages["invalid_choice"] = _(
            "Choose one of the organizations you are an approved delegate of."
        )
        self.fields["organization"].widget.attrs["class"] = "form-select"

    def clean_organization(self):
        return self.organizations[self.cleaned_data["organization"]]


# --- The chair's meeting form (meetings.forms.MeetingForm): the registration fields ---------
MEETING_FIELDS = ["registration_deadline", "registration_closed", "remote_link"]
MEETING_WIDGETS = {
    "registration_deadline": forms.DateTimeInput(
        attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
    ),
}


def meeting_form_init(form) -> None:
    """Show the registration deadline as a wall-clock time in the meeting's zone."""
    meeting = form.instance
    if meeting.pk and meeting.registration_deadline:
        wall = meeting.registration_deadline.astimezone(meeting.zone).replace(tzinfo=None)
        form.initial["registration_deadline"] = wall


def meeting_form_clean(form, data: dict) -> None:
    """The browser sends a wall-clock time: read it in the meeting's zone (the one the form
    sets), not the server's; it cannot be after the meeting closes."""
    value = data.get("registration_deadline")
    if value is None or form.has_error("time_zone") or not data.get("time_zone"):
        return
    start, end = data.get("start_date"), data.get("end_date")
    if start and value.date() < start.replace(year=start.year - 1, day=min(start.day, 28)):
        # Also keeps the wall clock away from year 1, where the zone's offset overflows.
        form.add_error(
            "registration_deadline",
            ValidationError(
                _("Registration cannot end more than a year before the meeting opens (%(date)s).")
                % {"date": date_text(start)}
            ),
        )
        return
    aware = value.replace(tzinfo=ZoneInfo(data["time_zone"]))
    data["registration_deadline"] = aware
    if end and aware.date() > end:
        form.add_error(
            "registration_deadline",
            ValidationError(
                _("Registration cannot end after the meeting closes (%(date)s).")
                % {"date": date_text(end)}
            ),
        )
