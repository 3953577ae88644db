"""Forms of the agenda builder: an item, a release."""

from django import forms
from django.utils.translation import gettext_lazy as _

from copportal.content_forms import TranslatedFieldsMixin, translated_columns

from ..forms import (
    require_original,
    style_fields,
)
from .models import AgendaItem


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
        style_fields(self)

    def clean(self):
        data = super().clean()
        require_original(self, data, "title", _("Give the title in the original language."))
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
