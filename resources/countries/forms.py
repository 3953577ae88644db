"""The country entry's form (a delegate's proposal, the secretariat's record) and the
secretariat's decision form. They validate and normalise only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from copportal.content import column
from copportal.content_forms import TranslatedFieldsMixin
from copportal.languages import Language

from .models import CountryEntry
from .services import TEXT


class CountryEntryForm(TranslatedFieldsMixin, forms.ModelForm):
    translated_fields = TEXT
    main_field = "title"

    class Meta:
        model = CountryEntry
        fields = [
            "kind",
            "original_language",
            "url",
            "email",
            "source_url",
            "source_text",
            "date_checked",
            *(column(name, language) for name in TEXT for language in Language),
        ]
        widgets = {
            "date_checked": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{column("details", lang): forms.Textarea(attrs={"rows": 3}) for lang in Language},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_languages({"title": _("Title"), "details": _("Details")})
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean(self):
        data = super().clean()
        language = data.get("original_language") or Language.ENGLISH
        name = column("title", language)
        if name in self.fields and not data.get(name):
            self.add_error(name, _("A title in the original language."))
        if not data.get("source_url") and not data.get("source_text"):
            self.add_error(
                "source_url",
                _("Give the entry's source: the address of the page, or where it comes from."),
            )
        return data


class DecisionForm(forms.Form):
    """The secretariat's reason: required to reject or withdraw (the proposer sees it)."""

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        help_text=_("Required to reject or withdraw an entry: the proposer sees it."),
    )
