"""The shapes shared by the routers: a translated field, an error, a page of a list."""

from django.db.models import Model
from ninja import Schema
from pydantic import Field, create_model

from copportal.content import column
from copportal.languages import Language

SLUG = r"^[-a-zA-Z0-9_]+$"


class Translated(Schema):
    """A translated field in the six languages, by document code; "" where there is no text.
    `original_language` on the object says which one is the original."""

    ar: str = ""
    zh: str = ""
    en: str = ""
    fr: str = ""
    ru: str = ""
    es: str = ""


def translated(obj: Model, field: str) -> dict[str, str]:
    """Every language's text of a translated field of a model (no fallback)."""
    return {code: getattr(obj, column(field, code), "") or "" for code in Language.values}


def translated_data(data: dict, field: str) -> dict[str, str]:
    """The same from a frozen snapshot's dict (an agenda release: `title_fr`, ...)."""
    return {code: data.get(column(field, code), "") or "" for code in Language.values}


class Error(Schema):
    """What is wrong with the request: `detail` in words; `errors` per field when a form or
    a parameter was refused."""

    detail: str
    errors: dict[str, list[str]] | list[dict] | None = None


class BadRequest(Exception):
    """A 400: what is wrong, in words, and per field when a form refused it."""

    def __init__(self, detail: str, errors: dict | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors


def form_errors(form) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


# Every operation may answer these: the routers add them to their responses.
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """The schema of a page of `item`s, named `name` (paging.page makes one)."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(description="The number of results over all pages.")),
        page=(int, ...),
        pages=(int, Field(description="The number of pages (at least 1).")),
        per_page=(int, ...),
        next=(str | None, Field(None, description="The next page's URL; null on the last.")),
        previous=(str | None, Field(None, description="The previous page's URL.")),
        results=(list[item], ...),
    )
