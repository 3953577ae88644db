"""Forms of meetings: a meeting and its sessions, its deadline; and what the packages' forms
share (the meeting fields, the fields' style, the text in the original language)."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import time_format
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from copportal.content import column
from copportal.content_forms import TranslatedFieldsMixin, translated_columns
from copportal.date_text import date_text, datetime_text
from copportal.languages import Language
from copportal.uploads import limits_text

from .models import Meeting, Session, Theme
from .registration import forms as registration_forms

limits_text_lazy = lazy(limits_text, str)()


class MeetingChoiceField(forms.ModelChoiceField):
    """A select of meetings, each named by `Meeting.choice_label` (demonstration marked)."""

    def label_from_instance(self, obj):
        return obj.choice_label


class MeetingMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.choice_label


def style_fields(form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            continue
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


def require_original(form, data, name: str, message) -> None:
    """The text must exist in the language the record says it was written in."""
    original = data.get("original_language") or Language.ENGLISH
    if not data.get(column(name, original)):
        form.add_error(column(name, Language(original).locale), message)


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
            "zone": meeting.time_zone_label,
            "days": settings.CONTRIBUTION_DEADLINE_DAYS,
            "time": time_format(
                datetime.time.fromisoformat(settings.CONTRIBUTION_DEADLINE_TIME), "TIME_FORMAT"
            ),
        }

    def clean_deadline(self):
        value = self.cleaned_data.get("deadline")
        if value is None:
            return None
        # The browser sends a wall-clock time: read it in the meeting's zone, not the server's.
        # It is never converted through the server's zone, so that 0001-01-01 cannot overflow.
        wall = value.replace(tzinfo=None)
        earliest, latest = self.meeting.deadline_bounds
        if not earliest.replace(tzinfo=None) <= wall <= latest.replace(tzinfo=None):
            raise ValidationError(
                _("Choose a deadline between %(earliest)s and the meeting's opening, %(latest)s.")
                % {
                    "earliest": datetime_text(earliest, self.meeting.time_zone),
                    "latest": datetime_text(latest, self.meeting.time_zone),
                },
                code="out-of-range",
            )
        aware = wall.replace(tzinfo=self.meeting.zone)
        round_trip = aware.astimezone(datetime.UTC).astimezone(self.meeting.zone)
        if round_trip.replace(tzinfo=None) != wall:
            raise ValidationError(
                _(
                    "%(time)s does not exist in %(zone)s (the clocks change that night): choose "
                    "another time."
                )
                % {"time": time_format(wall, "TIME_FORMAT"), "zone": self.meeting.time_zone_label}
            )
        return aware


class MeetingForm(TranslatedFieldsMixin, forms.ModelForm):
    """A meeting as the chair plans it: number, dates, time zone, format, theme, summary."""

    translated_fields = ("summary",)
    main_field = ""

    class Meta:
        model = Meeting
        fields = [
            "number",
            "start_date",
            "end_date",
            "duration_days",
            "time_zone",
            "mode",
            "venue",
            "theme",
            # The grace period was set in the admin, which is for superusers only now.
            "grace_minutes",
            "original_language",
            *translated_columns("summary"),
            *registration_forms.MEETING_FIELDS,
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in translated_columns("summary")},
            **registration_forms.MEETING_WIDGETS,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.roadmap()
        self.label_languages()
        registration_forms.meeting_form_init(self)
        self.fields["grace_minutes"].required = False  # empty: none
        style_fields(self)

    def clean_grace_minutes(self):
        return self.cleaned_data.get("grace_minutes") or 0

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = Meeting.objects.filter(number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(
                _("There is already a meeting number %(number)s: choose another number.")
                % {"number": number}
            )
        return number

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end:
            if end < start:
                self.add_error("end_date", _("The meeting cannot close before it opens."))
            else:
                others = Meeting.objects.exclude(pk=self.instance.pk).filter(
                    start_date__lte=end, end_date__gte=start, is_demo=self.instance.is_demo
                )
                for other in others[:3]:
                    self.add_error(
                        "start_date",
                        _("These dates overlap %(meeting)s (%(start)s to %(end)s).")
                        % {
                            "meeting": other.title,
                            "start": date_text(other.start_date),
                            "end": date_text(other.end_date),
                        },
                    )
        registration_forms.meeting_form_clean(self, data)
        return data


# The position among its siblings (Session.order and Recommendation.order have no label).
ORDER = capfirst(_("order"))


class SessionForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("title", "description")
    main_field = "title"

    class Meta:
        model = Session
        fields = [
            "kind",
            "original_language",
            *translated_columns("title", "description"),
            "presenters",
            "order",
        ]
        labels = {"order": ORDER}
        widgets = {
            **{
                name: forms.Textarea(attrs={"rows": 2})
                for name in translated_columns("description")
            },
            "presenters": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_languages()
        style_fields(self)

    def clean(self):
        data = super().clean()
        if data.get("kind"):
            require_original(self, data, "title", _("Give the title in the original language."))
        return data


SessionFormSet = forms.inlineformset_factory(
    Meeting, Session, form=SessionForm, extra=1, can_delete=True
)
