import datetime
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.template.defaultfilters import filesizeformat
from django.utils.formats import time_format
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from copportal.content import column
from copportal.content_forms import TranslatedFieldsMixin, translated_columns
from copportal.date_text import date_text, datetime_text
from copportal.languages import Language
from copportal.uploads import limits_text, too_large_error

from .models import (
    AgendaItem,
    DraftResolution,
    LiaisonNote,
    LiaisonRecipient,
    Meeting,
    Recommendation,
    Session,
    Theme,
)
from .registration import forms as registration_forms

limits_text_lazy = lazy(limits_text, str)()


def _style(form) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            continue
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


def _require_original(form, data, name: str, message) -> None:
    """The text must exist in the language the record says it was written in."""
    original = data.get("original_language") or Language.ENGLISH
    if not data.get(column(name, original)):
        form.add_error(column(name, Language(original).locale), message)


class AgendaItemForm(TranslatedFieldsMixin, forms.ModelForm):
    """An agenda item: its title and description in each language, time, presenter, documents."""

    translated_fields = ("title", "description")
    main_field = "title"

    class Meta:
        model = AgendaItem
        fields = [
            "original_language",
            *translated_columns("title", "description"),
            "start_time",
            "duration_minutes",
            "presenter",
            "documents",
        ]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in translated_columns("description")
            },
            "documents": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_languages()
        _style(self)

    def clean(self):
        data = super().clean()
        _require_original(self, data, "title", _("Give the title in the original language."))
        return data

    def item_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AgendaReleaseForm(forms.Form):
    note = forms.CharField(
        label=_("Note from the chair (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_("Shown with this version of the agenda, for example what changed and why."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ChairReportForm(forms.Form):
    """The chair's report in one language: a new one, or one that replaces the one there is.
    The file's content is checked by the service (meetings/services.py chair_report_save)."""

    language = forms.ChoiceField(label=_("Language of the report"), choices=Language.choices)
    file = forms.FileField(
        label=_("File"),
        required=False,  # an oversized file arrives as none: clean_file says which it was
        help_text=lazy(
            lambda: (
                _("A PDF or a Word (DOCX) document, up to %(size)s; no macros.")
                % {"size": filesizeformat(settings.CONTRIBUTION_MAX_UPLOAD_BYTES)}
            ),
            str,
        )(),
    )

    def __init__(self, *args, oversized=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized = oversized or {}
        _style(self)

    def clean_file(self):
        if "file" in self.oversized:
            raise too_large_error(self.oversized["file"])
        upload = self.cleaned_data.get("file")
        if not upload:
            raise ValidationError(_("Choose the file to upload."), code="required")
        return upload


class LiaisonNoteForm(TranslatedFieldsMixin, forms.ModelForm):
    """A liaison note's text and context; its recipients come in a formset beside it."""

    translated_fields = ("subject", "body")
    main_field = "subject"

    attachment = forms.FileField(
        label=_("Add an attachment"),
        required=False,
        help_text=limits_text_lazy,
    )

    class Meta:
        model = LiaisonNote
        fields = [
            "meeting",
            "original_language",
            *translated_columns("subject", "body"),
            "contacts",
            "reply_to",
        ]
        labels = {"meeting": _("Approved at the meeting")}
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 6}) for name in translated_columns("body")},
            "contacts": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        replies = LiaisonNote.objects.select_related("meeting").order_by("-meeting__number", "pk")
        if self.instance.pk:
            replies = replies.exclude(pk=self.instance.pk)
        self.fields["reply_to"].queryset = replies
        self.fields["meeting"].queryset = Meeting.objects.order_by("-number")
        self.label_languages()
        _style(self)

    def clean(self):
        data = super().clean()
        _require_original(self, data, "subject", _("Give the subject in the original language."))
        return data

    def note_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EmailListField(forms.CharField):
    """E-mail addresses, one per line (commas and semicolons also separate them): a list of
    distinct, lower-cased addresses; a bad one is named in the error."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        if isinstance(value, list):
            return value
        addresses = []
        for part in re.split(r"[\s,;]+", super().to_python(value) or ""):
            address = part.strip().lower()
            if address and address not in addresses:
                addresses.append(address)
        return addresses

    def has_changed(self, initial, data):
        return self.to_python(initial or []) != self.to_python(data)

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        bad = []
        for address in value:
            try:
                validate_email(address)
            except ValidationError:
                bad.append(address)
        if bad:
            raise ValidationError(
                ngettext(
                    "“%(addresses)s” is not a valid e-mail address.",
                    "These are not valid e-mail addresses: %(addresses)s.",
                    len(bad),
                ),
                code="invalid",
                params={"addresses": ", ".join(bad)},
            )

    def run_validators(self, value):
        """validate() has checked each address (CharField's length validators would read the
        list as a string)."""


class LiaisonRecipientForm(forms.ModelForm):
    contacts = EmailListField(
        label=_("Contacts' e-mail addresses"),
        required=False,
        help_text=_("They receive the note when it is sent. One address per line."),
    )
    cc = EmailListField(
        label=_("Cc e-mail addresses"),
        required=False,
        help_text=_("They receive a copy. One address per line."),
    )

    class Meta:
        model = LiaisonRecipient
        fields = ["body", "detail", "purpose", "deadline", "is_cc", "language", "contacts", "cc"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _style(self)
        self.fields["is_cc"].widget.attrs["class"] = "form-check-input"
        self.fields["language"].required = False

    def has_changed(self):
        """A spare form left as it came (its language alone posted, or not even that) is
        empty: the formset skips it."""
        return bool(set(self.changed_data) - {"language"})

    def clean(self):
        data = super().clean()
        data["language"] = data.get("language") or Language.ENGLISH
        if data.get("purpose") == LiaisonRecipient.Purpose.ACTION and not data.get("deadline"):
            self.add_error("deadline", _("A reply-by date is required when action is asked."))
        return data


class BaseRecipientFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        kept = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("body")
        ]
        if not any(not r.get("is_cc") for r in kept):
            raise forms.ValidationError(_("Give at least one recipient (not in copy)."))

    def recipients(self) -> list[dict]:
        fields = LiaisonRecipientForm.Meta.fields
        return [
            {name: f.cleaned_data.get(name) for name in fields}
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("body")
        ]


RecipientFormSet = forms.formset_factory(
    LiaisonRecipientForm, formset=BaseRecipientFormSet, extra=2, can_delete=True
)


def recipient_initial(note: LiaisonNote) -> list[dict]:
    fields = LiaisonRecipientForm.Meta.fields
    return [{name: getattr(r, name) for name in fields} for r in note.recipients.all()]


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
        _style(self)

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
        _style(self)

    def clean(self):
        data = super().clean()
        if data.get("kind"):
            _require_original(self, data, "title", _("Give the title in the original language."))
        return data


SessionFormSet = forms.inlineformset_factory(
    Meeting, Session, form=SessionForm, extra=1, can_delete=True
)


class ThemeForm(TranslatedFieldsMixin, forms.ModelForm):
    """A theme of the roadmap: its title, period and description in each language, its place,
    and the meetings held on it."""

    translated_fields = ("title", "period", "description")
    main_field = "title"

    meetings = forms.ModelMultipleChoiceField(
        label=_("Meetings on this theme"),
        queryset=Meeting.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "A meeting has one theme: choosing a meeting here takes it from its other one."
        ),
    )

    class Meta:
        model = Theme
        fields = [
            "original_language",
            *translated_columns("title", "period", "description"),
            "order",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3}) for name in translated_columns("description")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_languages()
        self.fields["meetings"].queryset = Meeting.objects.order_by("-number")
        if self.instance.pk:
            self.initial.setdefault("meetings", [m.pk for m in self.instance.meetings.all()])
        _style(self)

    def clean(self):
        data = super().clean()
        _require_original(self, data, "title", _("Give the title in the original language."))
        return data

    def theme_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RecommendationForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("text",)
    main_field = "text"

    class Meta:
        model = Recommendation
        fields = ["original_language", *translated_columns("text"), "order", "source"]
        labels = {"order": ORDER}
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in translated_columns("text")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_languages()
        _style(self)

    def clean(self):
        data = super().clean()
        if self.has_changed() and not data.get("DELETE"):
            _require_original(self, data, "text", _("Give the text in the original language."))
        return data


class DraftResolutionForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = ("title", "summary")
    main_field = "title"

    class Meta:
        model = DraftResolution
        fields = [
            "original_language",
            *translated_columns("title", "summary"),
            "status",
            "proposers",
        ]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 2}) for name in translated_columns("summary")},
            "proposers": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_languages()
        _style(self)

    def clean(self):
        data = super().clean()
        if self.has_changed() and not data.get("DELETE"):
            _require_original(self, data, "title", _("Give the title in the original language."))
        return data


RecommendationFormSet = forms.inlineformset_factory(
    Meeting, Recommendation, form=RecommendationForm, extra=1, can_delete=True
)
DraftResolutionFormSet = forms.inlineformset_factory(
    Meeting, DraftResolution, form=DraftResolutionForm, extra=1, can_delete=True
)
