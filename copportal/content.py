"""Editorial content in six languages: translated fields (django-modeltranslation) and the
original language they fall back to.

A model with editorial text (titles, summaries, descriptions) inherits TranslatedContent and
registers its translated fields in its app's translation.py. modeltranslation adds a column
per language (`title_en`, `title_fr`, `title_zh_hans`, ...).

One rule says which text a reader gets (TranslatedContent.shown): the reader's language when
it has the text, else English, else the original language, else any language that has it.
Pages show a field with the `{% translated obj "title" %}` tag, which marks a fallback with
its own `lang` and `dir` and a note: "original in French", or "English translation" when
the text shown is a translation into another language than the reader's. Plain attribute
access (`theme.title`: the admin, <title>, feeds, calendars, mails) follows the same rule:
ShownDescriptor replaces modeltranslation's descriptor on these models (copportal/apps.py).
"""

from dataclasses import dataclass

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationFieldDescriptor
from modeltranslation.thread_context import fallbacks_enabled

from copportal.languages import Language


@dataclass(frozen=True)
class Shown:
    """A translated field as shown to a reader."""

    text: str
    language: Language  # the language the text is in
    is_fallback: bool  # True when the reader's language had no text: another one is shown
    is_original: bool = True  # False when the text shown is a translation (English, say)


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
        """The field in the reader's language, else English, else the original language, else
        any language that has it (content entered before its original was set); a fallback is
        marked so, and says whether it is the original or a translation."""
        reader = Language.from_locale(language or translation.get_language() or "en")
        original = Language(self.original_language or Language.ENGLISH)
        for candidate in dict.fromkeys([reader, Language.ENGLISH, original, *Language]):
            text = getattr(self, column(field, candidate), "")
            if text:
                return Shown(
                    text,
                    candidate,
                    is_fallback=candidate != reader,
                    is_original=candidate == original,
                )
        return Shown("", reader, is_fallback=False, is_original=reader == original)


class ShownDescriptor(TranslationFieldDescriptor):
    """`obj.title` on TranslatedContent: the text shown() gives in the active language, so that
    what the pages show and what plain attribute access gives (the admin's lists, a page's
    <title>, feeds, calendars) follow one rule. Setting `obj.title` is modeltranslation's: it
    writes the active language's column. With modeltranslation's fallbacks switched off
    (modeltranslation.utils.fallbacks(False)) it reads the active language's column only.
    `values("title")` reads rows, not records, without their original language: there
    modeltranslation's fallback (settings.MODELTRANSLATION_FALLBACK_LANGUAGES, English first)
    applies."""

    def __get__(self, instance, owner):
        if not isinstance(instance, TranslatedContent) or not fallbacks_enabled():
            return super().__get__(instance, owner)
        # The reader's own column first: most reads end there, without building a Shown.
        reader = Language.from_locale(translation.get_language() or "en")
        text = (
            getattr(instance, column(self.field.name, reader), "")
            or instance.shown(self.field.name, reader).text
        )
        return text if text else super().__get__(instance, owner)


def use_shown_descriptors() -> None:
    """Put ShownDescriptor in place of modeltranslation's on every translated field of every
    TranslatedContent model (from copportal/apps.py, once modeltranslation has registered
    the app's translation.py modules)."""
    from modeltranslation.translator import translator

    for model in translator.get_registered_models(abstract=False):
        if not issubclass(model, TranslatedContent):
            continue
        for name in translator.get_options_for_model(model).all_fields:
            current = model.__dict__.get(name)
            if type(current) is TranslationFieldDescriptor:
                shown = ShownDescriptor.__new__(ShownDescriptor)
                shown.__dict__.update(current.__dict__)
                setattr(model, name, shown)
