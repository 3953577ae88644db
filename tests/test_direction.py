"""Right-to-left and mixed direction (issue 17, part 4): symbols, names, times and English
titles isolated on Arabic pages; dates in each locale's own pattern."""

import datetime
import re

import pytest
import time_machine
from django.utils import formats, translation
from django.utils.translation import ngettext

from meetings.agenda import services
from meetings.models import Agenda

from .factories import MeetingFactory, PublishedContributionFactory

RELEASED = datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def released(db, chair):
    """Meeting 20's agenda released on 3 December 2026: one item at 09:30 for 15 minutes,
    with contribution CWG-COP-20/5 (titled in English) allocated to it."""
    meeting = MeetingFactory(number=20)
    version = Agenda.objects.get_or_create(meeting=meeting)[0].version
    item = services.agenda_item_create(
        meeting=meeting,
        by=chair,
        version=version,
        parent=None,
        title_en="Opening",
        start_time=datetime.time(9, 30),
        duration_minutes=15,
        presenter="Carla Licciardello",
    )
    PublishedContributionFactory(
        meeting=meeting, number=5, title="Girls in ICT Day", agenda_item=item
    )
    with time_machine.travel(RELEASED, tick=False):
        services.agenda_release(
            meeting=meeting, by=chair, note="", version=Agenda.objects.get().version
        )
    return meeting


def _isolated(page: str, text: str) -> bool:
    """Whether `text` appears whole inside a <bdi> or an element with dir="auto"."""
    return bool(
        re.search(r"<bdi\b[^>]*>(?:(?!</bdi>).)*" + re.escape(text), page, re.S)
        or re.search(r'dir="auto"[^>]*>[^<]*' + re.escape(text), page)
    )


def _arabic_time_and_minutes() -> tuple[str, str]:
    """09:30 and "15 minutes" as an Arabic page writes them."""
    with translation.override("ar"):
        time = formats.time_format(datetime.time(9, 30), "TIME_FORMAT")
        minutes = ngettext("%(minutes)s minute", "%(minutes)s minutes", 15) % {"minutes": 15}
    return time, minutes


@pytest.mark.django_db
def test_symbols_times_names_and_titles_are_isolated_on_the_arabic_agenda(client, released):
    page = client.get("/ar/meetings/20/agenda/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert _isolated(page, "CWG-COP-20/5")
    time, minutes = _arabic_time_and_minutes()
    assert re.search(r"<bdi>" + re.escape(time) + r" \([^)]*\) · " + minutes + "</bdi>", page)
    assert _isolated(page, "Carla Licciardello")
    assert re.search(r'<bdi lang="en">Girls in ICT Day</bdi>', page)


@pytest.mark.django_db
def test_the_builder_isolates_the_time_and_the_symbol(client_for, chair, released):
    page = client_for(chair).get("/ar/meetings/20/agenda/edit/").content.decode()
    time, minutes = _arabic_time_and_minutes()
    assert f"<bdi>{time} · {minutes}</bdi>" in page
    assert _isolated(page, "CWG-COP-20/5")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "date"),
    [("zh-hans", "2026年12月3日"), ("en", "3 December 2026"), ("fr", "3 décembre 2026")],
)
def test_the_release_date_is_in_the_locales_own_pattern(client, released, language, date):
    prefix = "" if language == "en" else f"/{language}"
    page = client.get(f"{prefix}/meetings/20/agenda/").content.decode()
    assert date in page
    assert "3 十二月 2026" not in page


def test_arabic_has_its_own_date_and_time_patterns():
    moment = datetime.datetime(2026, 12, 3, 9, 30, tzinfo=datetime.UTC)
    with translation.override("ar"):
        text = formats.date_format(moment, "DATETIME_FORMAT")
        assert text != formats.date_format(moment, "N j, Y, P")  # not the English pattern
        assert text.startswith("3 ") and "2026" in text and "،" in text
        assert formats.number_format(1234.5, 1, force_grouping=True) == "1,234.5"
