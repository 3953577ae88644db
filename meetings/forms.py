from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from copportal.content import column
from copportal.languages import Language

from .models import AgendaItem


def _translated_columns(*names: str) -> list[str]:
    return [column(name, code) for name in names for code, _label in settings.LANGUAGES]


class AgendaItemForm(forms.ModelForm):
    """An agenda item: its title and description in each language, time, presenter, documents."""

    class Meta:
        model = AgendaItem
        fields = [
            "original_language",
            *_translated_columns("title", "description"),
            "start_time",
            "duration_minutes",
            "presenter",
            "documents",
        ]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in _translated_columns("description")
            },
            "documents": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _label in settings.LANGUAGES:
            language = Language.from_locale(code).label
            self.fields[column("title", code)].label = _("Title (%(language)s)") % {
                "language": language
            }
            self.fields[column("description", code)].label = _("Description (%(language)s)") % {
                "language": language
            }
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        data = super().clean()
        original = data.get("original_language") or Language.ENGLISH
        if not data.get(column("title", original)):
            self.add_error(
                column("title", Language(original).locale),
                _("Give the title in the original language."),
            )
        return data

    def item_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def language_fields(self):
        """(language, title field, description field) for each language, for the template."""
        for code, _label in settings.LANGUAGES:
            yield (
                Language.from_locale(code),
                self[column("title", code)],
                self[column("description", code)],
            )


class AgendaReleaseForm(forms.Form):
    note = forms.CharField(
        label=_("Note from the chair (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=_("Shown with this version of the agenda, for example what changed and why."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
