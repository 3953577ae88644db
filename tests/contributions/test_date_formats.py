"""Issue 21: one way per kind of date on a page, in the reader's language: a day ("3 December
2026"), a moment with its zone ("3 December 2026, 23:59, Geneva time"), and the receipt's
arrival to the second; Arabic in its own 12-hour clock."""

import datetime
import html
import re

import pytest
from django.utils import translation

from contributions.models import Contribution
from copportal.date_text import date_text, datetime_seconds_text, datetime_text
from copportal.notifications.models import Delivery
from copportal.notifications.services import Recipient, _render

from ..factories import pdf_upload
from .conftest import make_submitted
from .test_submission import form_data

MONTH = {"en": r"[A-Z][a-z]+", "fr": r"[a-zéû]+", "ar": r"[\u0600-\u06ff]+"}
DATE = {lang: rf"\d{{1,2}} {month} \d{{4}}" for lang, month in MONTH.items()}
# The Arabic separators are the catalogue's "،" once compiled, "," before.
MOMENT = {
    "en": DATE["en"] + r", \d{2}:\d{2}(?::\d{2})?, (?:[A-Z][a-z]+ time|UTC)",
    "fr": DATE["fr"] + r" \d{2}:\d{2}(?::\d{2})?, (?:heure de \w+|UTC)",
    "ar": DATE["ar"] + r"، \d{1,2}:\d{2}(?::\d{2})? [صم][,،] (?:توقيت \S+|UTC)",
}
TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
PREFIX = {"en": "", "fr": "/fr", "ar": "/ar"}


def visible_text(response) -> str:
    body = response.content.decode().split("<main", 1)[-1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", body)))


def assert_one_way(text: str, language: str) -> list[str]:
    """Every time of day on the page is part of a moment said with its zone; no ISO date."""
    moments = [m.group(0) for m in re.finditer(MOMENT[language], text)]
    rest = re.sub(MOMENT[language], " ", text)
    assert not re.findall(TIME, rest), (language, re.findall(rf".{{0,40}}{TIME}.{{0,20}}", rest))
    assert not re.findall(r"\b\d{4}-\d{2}-\d{2}\b", rest)
    return moments


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_kinds_in_each_language(language):
    moment = datetime.datetime(2026, 12, 3, 22, 59, 7, tzinfo=datetime.UTC)
    with translation.override(language):
        assert re.fullmatch(DATE[language], date_text(moment, "Europe/Zurich"))
        assert re.fullmatch(MOMENT[language], datetime_text(moment, "Europe/Zurich"))
        with_seconds = datetime_seconds_text(moment, "Europe/Zurich")
        assert re.fullmatch(MOMENT[language], with_seconds)
        assert ("23:59:07" if language != "ar" else "11:59:07 م") in with_seconds
        assert datetime_text(moment, "UTC").endswith("UTC")
    assert datetime_text(moment, "Europe/Zurich") == "3 December 2026, 23:59, Geneva time"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_pages_print_each_kind_one_way(client_for, delegate, secretariat, meeting, language):
    contribution = make_submitted(user=delegate, meeting=meeting)
    assert Delivery.objects.exists()  # the mail log has a row
    prefix = PREFIX[language]
    with translation.override("en"):
        contribution_path = contribution.get_absolute_url()
        meeting_path = meeting.get_absolute_url()
    pages = {
        "meeting": (None, meeting_path),
        "contribution": (secretariat, contribution_path),
        "desk": (secretariat, "/contributions/desk/"),
        "mail log": (secretariat, "/notifications/log/"),
    }
    for name, (user, path) in pages.items():
        response = client_for(user).get(prefix + path)
        assert response.status_code == 200, name
        moments = assert_one_way(visible_text(response), language)
        assert moments, name
        if language == "ar":
            assert all(re.search(r"\d:\d{2}(:\d{2})? [صم]", m) for m in moments), name
    # The contribution's arrival, to the second.
    page = visible_text(client_for(secretariat).get(prefix + contribution_path))
    with translation.override(language):
        stamp = datetime_seconds_text(contribution.submitted_at, meeting.time_zone)
    assert stamp in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_receipt_says_the_arrival_to_the_second_in_the_locales_clock(
    client_for, delegate, meeting, language
):
    data = form_data(meeting, delegate, file=pdf_upload())
    response = client_for(delegate).post(
        PREFIX[language] + "/contributions/submit/", data, follow=True
    )
    contribution = Contribution.objects.get()
    with translation.override(language):
        stamp = datetime_seconds_text(contribution.submitted_at, meeting.time_zone)
    text = visible_text(response)
    assert stamp in text
    assert_one_way(text, language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_reminder_mail_prints_moments_one_way_in_its_language(language):
    context = {
        "meeting_number": 30,
        "deadline": "2026-03-02T23:59:00+01:00",
        "time_zone": "Europe/Zurich",
        "offset": 7,
        "drafts": [],
        "meeting_path": "/meetings/30/",
        "submit_path": "/contributions/submit/",
    }
    mail = _render(
        "deadline-reminder", Recipient(email="a@example.org", language=language), context
    )
    text = re.sub(r"https?://\S+", " ", mail["text"])
    moments = assert_one_way(text, language)
    assert len(moments) == 2  # in the meeting's zone, then in UTC, each said
    assert re.search(DATE[language], mail["subject"])
