"""The form of a roadmap theme."""

from django import forms
from django.utils.translation import gettext_lazy as _

from copportal.content_forms import TranslatedFieldsMixin, translated_columns

from ..forms import (
    MeetingMultipleChoiceField,
    require_original,
    style_fields,
)
from ..models import Meeting
from .models import Theme


class ThemeForm(TranslatedFieldsMixin, forms.ModelForm):
    """A theme of the roadmap: its title, period and description in each language, its place,
    and the meetings held on it."""

    translated_fields = ("title", "period", "description")
    main_field = "title"

    meetings = MeetingMultipleChoiceField(
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
        style_fields(self)

    def clean(self):
        data = super().clean()
        require_original(self, data, "title", _("Give the title in the original language."))
        return data

    def theme_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
