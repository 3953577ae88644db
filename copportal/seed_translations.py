"""The seeds' editorial content in Arabic, Chinese, Russian and Spanish.

The apps' seeds write each text in English and French (the source documents are French; the
demo content is English). Its translations into the four other languages are data, one file
per language: `copportal/data/seed_translations/<code>.json` maps a text's English (its French
where it has no English) to its translation; en.json and fr.json hold the English of the texts
written in French only and the French of those written in English only. After the apps have
seeded, `fill()`
writes those translations into the columns that are still empty, so a text someone has
since translated or edited in the portal is left as it is.

Organizations other than Member States keep their one name in every language (a test says
so); Member States' names come with their own data (copportal/accounts/data/).
"""

import json
from functools import cache
from pathlib import Path

from django.db.models import Q
from modeltranslation.translator import translator

from copportal.content import column
from copportal.languages import Language

FOLDER = Path(__file__).resolve().parent / "data" / "seed_translations"
# The four other languages translate every text; English and French the seeds' texts that
# were written in the other of the two (the French report's resources, the English demo).
LANGUAGES = [Language.ARABIC, Language.CHINESE, Language.RUSSIAN, Language.SPANISH]
FILLED = [Language.ENGLISH, Language.FRENCH, *LANGUAGES]
SKIPPED_MODELS = {"Organization"}


@cache
def translations(language: Language) -> dict[str, str]:
    path = FOLDER / f"{language.value}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def seeded_fields():
    """(model, field) for every translated field of the seeded content."""
    for model in translator.get_registered_models(abstract=False):
        if model.__name__ in SKIPPED_MODELS:
            continue
        for field in sorted(translator.get_options_for_model(model).fields):
            yield model, field


def source(row, field: str) -> str:
    """The text a translation is keyed by: the English, else the French."""
    return getattr(row, column(field, Language.ENGLISH)) or getattr(
        row, column(field, Language.FRENCH)
    )


def translation_of(row, field: str, language: Language) -> str:
    """The known translation of the row's text (by its English, or by its French: an English
    filled in from en.json does not hide the French key of the other files)."""
    known = translations(language)
    for source_language in (Language.ENGLISH, Language.FRENCH):
        text = getattr(row, column(field, source_language))
        if text and text in known:
            return known[text]
    return ""


def fill(models=None) -> dict:
    """Write the known translations into empty columns, for `models` (all seeded ones by
    default); returns the changed rows' pks by model, for the callers that keep something
    derived from the text (resources/seeds/ cuts those resources' Chinese again for search).

    Only rows whose English or French is a known text are read: a library of many thousand
    resources costs one indexed query per field, not a walk through every row."""
    changed: dict = {}
    for model, field in seeded_fields():
        if models is not None and model not in models:
            continue
        for row in model.objects.filter(_is_known(field)):
            updates = {}
            for language in FILLED:
                name = column(field, language)
                if not getattr(row, name) and (text := translation_of(row, field, language)):
                    updates[name] = text
            if updates:
                model.objects.filter(pk=row.pk).update(**updates)
                changed.setdefault(model, set()).add(row.pk)
    return changed


def _is_known(field: str) -> Q:
    """Rows whose English or French text is one the files translate."""
    known = set().union(*(translations(language) for language in FILLED))
    return Q(**{f"{column(field, Language.ENGLISH)}__in": known}) | Q(
        **{f"{column(field, Language.FRENCH)}__in": known}
    )
