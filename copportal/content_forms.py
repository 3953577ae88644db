"""Forms for translated content (copportal/content.py): a field per language for each
translated field, labelled "Title (Arabic)", each input with its language's `lang` and `dir`,
grouped by language with the original language first (templates/includes/translated_form.html).
"""

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from copportal.content import column
from copportal.languages import Language

# Translators: a form field's label for one language: "Title (Arabic)", "Titre (arabe)".
FIELD_IN_LANGUAGE = _("%(field)s (%(language)s)")


def translated_columns(*names: str) -> list[str]:
    """The columns of the translated fields in the six languages, for a ModelForm's fields."""
    return [column(name, code) for name in names for code, _label in settings.LANGUAGES]


class TranslatedFieldsMixin:
    """For a ModelForm over TranslatedContent: `translated_fields` names the translated fields
    it edits (title, summary, ...). Labels each column "Title (Arabic)" from the model field's
    own label, gives each input its language's `lang` and `dir`, and groups them by language."""

    translated_fields: tuple[str, ...] = ()
    main_field = ""  # the one the original language must have (its label carries a *)

    def label_languages(self, labels: dict | None = None) -> None:
        labels = labels or {}
        for name in self.translated_fields:
            label = labels.get(name) or capfirst(
                self._meta.model._meta.get_field(name).verbose_name
            )
            for language in Language:
                field = self.fields[column(name, language)]
                field.label = FIELD_IN_LANGUAGE % {"field": label, "language": language.label}
                field.widget.attrs.update(lang=language.locale, dir=language.direction)

    def original_language(self) -> Language:
        """The language the text is written in: as posted, else as recorded, else English."""
        value = None
        if self.is_bound:
            value = self.data.get(self.add_prefix("original_language"))
        value = value or self.initial.get("original_language")
        value = value or getattr(self.instance, "original_language", None)
        return Language(value) if value in Language.values else Language.ENGLISH

    def language_groups(self) -> list[dict]:
        """For the template: one group per language, the original language's first."""
        original = self.original_language()
        languages = [original, *(lang for lang in Language if lang != original)]
        return [
            {
                "language": language,
                "is_original": language == original,
                "fields": [self[column(name, language)] for name in self.translated_fields],
                "required": column(self.main_field, language) if language == original else "",
            }
            for language in languages
        ]

    def other_fields(self) -> list:
        """The visible fields that are not a translated column, in the form's order."""
        columns = set(translated_columns(*self.translated_fields))
        return [field for field in self.visible_fields() if field.name not in columns]
