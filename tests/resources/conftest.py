import datetime
import itertools

import pytest

from copportal.content import column
from resources import services
from resources.models import Resource

_numbers = itertools.count(1)


@pytest.fixture
def make_resource(db):
    """make_resource(title=..., language="fr", summary=..., publish=True, **fields)."""

    def make(title=None, *, language="en", summary="", body="", publish=True, **fields):
        n = next(_numbers)
        fields.setdefault("type", Resource.Type.GUIDELINE)
        fields.setdefault("published_on", datetime.date(2020, 6, 1))
        return services.resource_create(
            by=None,
            publish=publish,
            original_language=language,
            language=fields.pop("material_language", language),
            **{
                column("title", language): title or f"Resource {n}",
                column("summary", language): summary,
                column("body", language): body,
            },
            **fields,
        )

    return make
