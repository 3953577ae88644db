"""The six ITU languages: one vocabulary for documents, content and the interface.

A document's language is its ISO 639-1 code (`zh`, as ITU writes it); the interface's locale
for Chinese is `zh-hans` (Django's). Symbols end with a letter per language (-A, -C, -E, -F,
-R, -S). Everything that names a language imports it from here.
"""

import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Language(models.TextChoices):
    """A document's or a text's language, in ITU's order of letters."""

    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")

    @property
    def letter(self) -> str:
        """The letter that ends a document symbol: CWG-COP-20/5-F."""
        return LETTERS[self.value]

    @property
    def in_text(self) -> str:
        """The language's name inside a sentence ("original in French", "original en français")."""
        return str(NAMES_IN_TEXT[self.value])

    @property
    def direction(self) -> str:
        """The direction its script is written in, for `dir`: "rtl" for Arabic, else "ltr"."""
        return "rtl" if self.value in RIGHT_TO_LEFT else "ltr"

    @property
    def locale(self) -> str:
        """The interface's language code (settings.LANGUAGES) for this language."""
        return LOCALES.get(self.value, self.value)

    @classmethod
    def from_locale(cls, locale: str) -> "Language":
        """The document language of an interface language code ("zh-hans" -> zh)."""
        code = (locale or "").lower()
        for language, ui in LOCALES.items():
            if code == ui:
                return cls(language)
        return cls(code.split("-")[0])


NAMES_IN_TEXT = {
    "ar": pgettext_lazy("language name inside a sentence", "Arabic"),
    "zh": pgettext_lazy("language name inside a sentence", "Chinese"),
    "en": pgettext_lazy("language name inside a sentence", "English"),
    "fr": pgettext_lazy("language name inside a sentence", "French"),
    "ru": pgettext_lazy("language name inside a sentence", "Russian"),
    "es": pgettext_lazy("language name inside a sentence", "Spanish"),
}
LETTERS = {"ar": "A", "zh": "C", "en": "E", "fr": "F", "ru": "R", "es": "S"}
RIGHT_TO_LEFT = {"ar"}
# Where the interface's code differs from the document's code.
LOCALES = {"zh": "zh-hans"}
# The interface's languages, for settings.LANGUAGES, in the same order.
INTERFACE_LANGUAGES = [(LOCALES.get(code, code), label) for code, label in Language.choices]


def folded(text: str) -> str:
    """Lower case without accents ("Côte" is "cote"): for matching what people type, and for
    alphabetical order in any language ("Égypte" among the E, not after "Zimbabwe" as the
    database's byte order puts it)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
