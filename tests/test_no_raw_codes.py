"""No raw codes on the pages: statuses, field names and the picker's words in the reader's
language (issue 17, part 2)."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from contributions.models import Contribution
from meetings.agenda import services
from meetings.models import Agenda

from .factories import ContributionFactory, MeetingFactory

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_agenda_builder_names_statuses_in_the_readers_language(client_for, chair, language):
    meeting = MeetingFactory(number=41)
    version = Agenda.objects.get_or_create(meeting=meeting)[0].version
    services.agenda_item_create(
        meeting=meeting, by=chair, version=version, parent=None, title_en="Opening"
    )
    ContributionFactory(meeting=meeting, status="submitted")
    ContributionFactory(meeting=meeting, status="withdrawn", number=2)
    prefix = "" if language == "en" else f"/{language}"
    text = client_for(chair).get(f"{prefix}/meetings/41/agenda/edit/").content.decode()
    cells = re.findall(r"<td>([^<]*)</td>", text)
    assert "submitted" not in cells and "withdrawn" not in cells
    with translation.override(language):
        assert str(Contribution.Status.SUBMITTED.label) in cells
        assert str(Contribution.Status.WITHDRAWN.label) in cells


@pytest.mark.django_db
def test_the_sessions_order_field_is_labelled_in_the_readers_language(client_for, chair):
    MeetingFactory(number=42)
    text = client_for(chair).get("/fr/meetings/42/edit/").content.decode()
    labels = re.findall(r'<label[^>]*for="id_sessions-0-order"[^>]*>([^<]*?)\s*(?:<|\Z)', text)
    with translation.override("fr"):
        french = translation.gettext("order")
    assert french != "order"  # the catalogue translates it
    assert labels == [french[:1].upper() + french[1:]]


@pytest.mark.django_db
def test_the_picker_gets_its_words_from_the_page(client):
    text = client.get("/fr/contributions/").content.decode()
    assert re.search(r'id="picker-text" data-remove="[^"]+" data-no-results="[^"]+"', text)
    script = (ROOT / "static/js/portal.js").read_text()
    # Tom Select's own English defaults are replaced by the page's words.
    assert 'pickerText("remove"' in script and "no_results: noResults" in script
