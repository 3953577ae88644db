import csv
import datetime
import io

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from copportal.accounts.forms import in_alphabetical_order
from copportal.accounts.models import Organization
from copportal.content import column
from copportal.content_forms import TranslatedFieldsMixin
from copportal.languages import Language
from copportal.uploads import check_upload, limits_text
from meetings.models import Audience, Theme

from .models import HelplineEntry, Resource

TEXT_FIELDS = ("title", "summary", "body", "cited_section")


class ResourceForm(TranslatedFieldsMixin, forms.ModelForm):
    """The secretariat's form: a fieldset per language for the text (the original language's
    first and open, the others folded), then the description."""

    translated_fields = TEXT_FIELDS
    main_field = "title"

    upload = forms.FileField(
        label=_("File"), required=False, help_text=_("Optional. The file replaces any earlier one.")
    )
    audiences = forms.ModelMultipleChoiceField(
        label=_("Audiences"),
        queryset=Audience.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Resource
        fields = [
            "original_language",
            *[column(f, lang) for lang in Language for f in TEXT_FIELDS],
            "type",
            "audiences",
            "themes",
            "language",
            "translation_of",
            "country",
            "region",
            "publisher",
            "published_on",
            "year",
            "link",
            "cited_in",
        ]
        widgets = {
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{column("summary", lang): forms.Textarea(attrs={"rows": 3}) for lang in Language},
            **{column("body", lang): forms.Textarea(attrs={"rows": 8}) for lang in Language},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = f"{self.fields['upload'].help_text} {limits_text()}"
        _member_states_in_order(self.fields["country"])
        translations = Resource.objects.filter(translation_of__isnull=True)
        if self.instance.pk:
            translations = translations.exclude(pk=self.instance.pk)
        self.fields["translation_of"].queryset = translations.order_by("-pk")
        citing = Resource.objects.order_by("-pk")
        if self.instance.pk:
            citing = citing.exclude(pk=self.instance.pk)
        self.fields["cited_in"].queryset = citing
        self.label_languages(
            {
                "title": _("Title"),
                "summary": _("Summary"),
                "body": _("Text (Markdown)"),
                "cited_section": _("Where it is named"),
            }
        )
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)

    def language_fieldsets(self):
        """[(language, open?, [bound fields])] for the template's fieldsets: the original
        language's first and open."""
        return [
            (group["language"], group["is_original"], group["fields"])
            for group in self.language_groups()
        ]

    def description_fields(self):
        text = {column(f, lang) for lang in Language for f in TEXT_FIELDS}
        return [self[name] for name in self.fields if name not in text]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            check_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        original = data.get("original_language")
        if original and not (data.get(column("title", original)) or "").strip():
            self.add_error(
                column("title", original),
                _("Give the title in the original language (%(language)s).")
                % {"language": Language(original).label},
            )
        return data


def _member_states_in_order(field) -> None:
    """The country select: Member States only, in alphabetical order in the reader's language."""
    field.queryset = Organization.objects.member_states()
    in_alphabetical_order(field, field.queryset)


class HelplineForm(forms.ModelForm):
    class Meta:
        model = HelplineEntry
        fields = list(HelplineEntry.EDITABLE_FIELDS)
        widgets = {"source_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _member_states_in_order(self.fields["country"])
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
            else:
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)


CSV_COLUMNS = [
    "country",
    "name",
    "number",
    "is_116111",
    "hours",
    "channels",
    "languages",
    "link",
    "source_url",
    "source_date",
]
MAX_CSV_BYTES = 1024 * 1024
TRUE = {"yes", "true", "1", "oui", "y"}
FALSE = {"no", "false", "0", "non", "n", ""}


class HelplineImportForm(forms.Form):
    """A CSV file of helplines; every row is checked and every error is given with its row."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, with a header row: country (ISO 3166-1 alpha-3 code, e.g. PHL), name, "
            "number, is_116111 (yes/no), hours, channels, languages, link, source_url, "
            "source_date (YYYY-MM-DD). Source address and date are required on every row."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text.")) from None
        reader = csv.DictReader(io.StringIO(text))
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValidationError(
                _("Columns missing from the header row: %(columns)s.")
                % {"columns": ", ".join(missing)}
            )
        states = {o.iso_code: o for o in Organization.objects.member_states()}
        self.rows, self.row_errors = [], []
        for line, raw in enumerate(reader, start=2):
            row, errors = _helpline_row(raw, states)
            if errors:
                self.row_errors.append((line, errors))
            else:
                self.rows.append(row)
        if self.row_errors:
            raise ValidationError(_("Some rows have errors: nothing was imported."))
        if not self.rows:
            raise ValidationError(_("The file has no rows."))
        return upload


def _helpline_row(raw: dict, states: dict) -> tuple[dict, list[str]]:
    errors = []
    value = {key: (raw.get(key) or "").strip() for key in CSV_COLUMNS}
    country = states.get(value["country"].upper())
    if not country:
        errors.append(_("unknown country code “%(code)s”") % {"code": value["country"][:10]})
    if not value["name"]:
        errors.append(_("the name is missing"))
    if not value["number"] and not value["link"]:
        errors.append(_("a number or a website is needed"))
    flag = value["is_116111"].lower()
    if flag not in TRUE | FALSE:
        errors.append(_("is_116111 must be yes or no"))
    validate = URLValidator(schemes=["http", "https"])
    for key in ("link", "source_url"):
        if value[key]:
            try:
                validate(value[key])
            except ValidationError:
                errors.append(_("%(column)s is not a web address") % {"column": key})
    if not value["source_url"]:
        errors.append(_("the source address is missing"))
    try:
        source_date = datetime.date.fromisoformat(value["source_date"])
    except ValueError:
        source_date = None
        errors.append(_("source_date must be a date such as 2026-01-31"))
    row = {
        **{k: value[k][:200] for k in ("name", "number", "hours", "channels", "languages")},
        "number": value["number"][:40],
        "country": country,
        "is_116111": flag in TRUE,
        "link": value["link"],
        "source_url": value["source_url"],
        "source_date": source_date,
    }
    return row, errors
