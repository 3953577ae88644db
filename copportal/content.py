"""Editorial content in six languages: translated fields (django-modeltranslation) and the
original language they fall back to.

A model with editorial text (titles, summaries, descriptions) inherits TranslatedContent and
registers its translated fields in its app's translation.py. modeltranslation adds a column
per language (`title_en`, `title_fr`, `title_zh_hans`, ...). Pages show a field with the
`{% translated obj "title" %}` tag: the reader's language when it has the text, else the
original language's text marked "original in French" (with `lang` on the element).
"""

from dataclasses import dataclass

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from copportal.languages import Language


@dataclass(frozen=True)
class Shown:
    """A translated field as shown to a reader."""

    text: str
    language: Language  # the language the text is in
    is_fallback: bool  # True when the reader's language had no text: the original is shown


def column(field: str, language: Language | str) -> str:
    """The column modeltranslation keeps for `field` in `language` (title_zh_hans)."""
    locale = Language(language).locale if language in Language.values else language
    return f"{field}_{locale.replace('-', '_')}"


class TranslatedContent(models.Model):
    """Editorial content written in one language and translated into others."""

    original_language = models.CharField(
        _("original language"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text=_("The language the text was written in; shown where a translation is missing."),
    )

    class Meta:
        abstract = True

    def text_in(self, field: str, language: str | None = None) -> str:
        """The field's own text in one language ("" when it has none; no fallback)."""
        language = Language.from_locale(language or translation.get_language() or "en")
        return getattr(self, column(field, language), "") or ""

    def shown(self, field: str, language: str | None = None) -> Shown:
        """The field in the reader's language, or the original language's text, marked so."""
        reader = Language.from_locale(language or translation.get_language() or "en")
        text = self.text_in(field, reader)
        if text:
            return Shown(text, reader, is_fallback=False)
        original = Language(self.original_language)
        text = self.text_in(field, original)
        if text:
            return Shown(text, original, is_fallback=original != reader)
        # Neither: whatever language has it (content entered before its original was set).
        for language in Language:
            text = self.text_in(field, language)
            if text:
                return Shown(text, language, is_fallback=language != reader)
        return Shown("", reader, is_fallback=False)
