"""Forms of a meeting's outcomes: recommendations, draft resolutions, the chair's report."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from copportal.content_forms import TranslatedFieldsMixin, translated_columns
from copportal.languages import Language
from copportal.uploads import too_large_error

from ..forms import (
    ORDER,
    require_original,
    style_fields,
)
from ..models import Meeting
from .models import DraftResolution, Recommendation


class ChairReportForm(forms.Form):
    """The chair's report in one language: a new one, or one that replaces the one there is.
    The file's content is checked by the service (meetings/outcomes/services.py
    chair_report_save)."""

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
        style_fields(self)

    def clean_file(self):
        if "file" in self.oversized:
            raise too_large_error(self.oversized["file"])
        upload = self.cleaned_data.get("file")
        if not upload:
            raise ValidationError(_("Choose the file to upload."), code="required")
        return upload


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
        style_fields(self)

    def clean(self):
        data = super().clean()
        if self.has_changed() and not data.get("DELETE"):
            require_original(self, data, "text", _("Give the text in the original language."))
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
        style_fields(self)

    def clean(self):
        data = super().clean()
        if self.has_changed() and not data.get("DELETE"):
            require_original(self, data, "title", _("Give the title in the original language."))
        return data


RecommendationFormSet = forms.inlineformset_factory(
    Meeting, Recommendation, form=RecommendationForm, extra=1, can_delete=True
)
DraftResolutionFormSet = forms.inlineformset_factory(
    Meeting, DraftResolution, form=DraftResolutionForm, extra=1, can_delete=True
)
