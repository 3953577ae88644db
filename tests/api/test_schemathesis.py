"""Schemathesis against the API's own OpenAPI schema, over the WSGI app and seeded data:
no 500, every answer as the schema says (status codes, content types, bodies), JSON bodies
for refusals. Bounded: a few examples per operation (well under two minutes)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from copportal.accounts import services as account_services
from meetings.agenda.models import AgendaRelease
from meetings.liaison.models import LiaisonNote
from meetings.models import Session
from resources.api.main import api
from resources.models import HelplineEntry, Resource

from ..factories import MeetingFactory, ThemeFactory
from .conftest import published


@pytest.fixture
def seeded(audiences, organization, delegate):
    meeting = MeetingFactory(number=30, summary_en="A meeting", theme=ThemeFactory())
    Session.objects.create(meeting=meeting, kind="plenary", title="Opening")
    public = published(meeting, organization, title="Open to all")
    published(meeting, organization, title="Members only", visibility="members")
    AgendaRelease.objects.create(
        meeting=meeting,
        version=1,
        released_by=delegate,
        snapshot={
            "meeting": 30,
            "items": [
                {
                    "id": 1,
                    "number": "1",
                    "parent": None,
                    "title_en": "Opening",
                    "allocated": [{"symbol": public.symbol, "title": public.title, "url": ""}],
                }
            ],
        },
    )
    LiaisonNote.objects.create(meeting=meeting, subject="To ITU-D SG2", status="sent")
    Resource.objects.create(
        slug="guide", title="Guide", summary="Child online protection", type="guideline",
        status="published", year=2020,
    )  # fmt: skip
    HelplineEntry.objects.create(
        country=organization, name="Bantay Bata", number="163",
        source_url="https://example.org/", source_date="2025-01-01",
    )  # fmt: skip


# The schema as /api/openapi.json serves it (tests/api/test_lists.py fetches that), loaded
# without a request: collection may not touch the database.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.app = get_wsgi_application()


@pytest.fixture
def in_test_transaction(settings):
    """Requests through the real WSGI handler, inside the test's transaction: its signals
    would close the connection after each request (Django's test client holds them too)."""
    settings.API_ANONYMOUS_RATE_LIMIT = 100_000
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded", "in_test_transaction")
@schema.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_conforms_to_its_schema(case):
    # The WSGI test client does not decompress: ask for the body as it is.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})


@pytest.mark.django_db
@pytest.mark.usefixtures("seeded", "in_test_transaction")
@schema.include(path_regex="contributions").parametrize()
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_conforms_to_its_schema_for_a_delegate(case, delegate, settings):
    """The contributions as a delegate with a token: members-only ones, and the submission's
    form."""
    settings.API_RATE_LIMIT = 100_000
    secret = account_services.api_token_create(user=delegate, name="schemathesis")[1]
    # A submission valid by the schema may break the form's rules (an upcoming meeting, the
    # delegate's own organization among the sources, a real file): a 400 saying which.
    excluded = [positive_data_acceptance] if case.method == "POST" else []
    case.call_and_validate(
        headers={"Accept-Encoding": "identity", "Authorization": f"Bearer {secret}"},
        excluded_checks=excluded,
    )
