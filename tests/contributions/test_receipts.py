"""Receipts name the meeting's time zone as people say it ("Geneva time"), not its IANA name."""

import pytest
from django.utils import translation

from contributions.models import Contribution
from copportal.notifications import services
from copportal.notifications.services import Recipient
from copportal.time_zones import time_zone_label

from ..factories import MeetingFactory, pdf_upload
from .test_submission import form_data


@pytest.mark.django_db
def test_the_receipt_says_geneva_time_on_the_page_and_in_the_message(client_for, delegate, meeting):
    assert meeting.time_zone == "Europe/Zurich"
    data = form_data(meeting, delegate, file=pdf_upload())
    response = client_for(delegate).post("/contributions/submit/", data, follow=True)
    text = response.content.decode()
    assert Contribution.objects.get().submitted_at
    # The message after submitting ("Received …, Geneva time.") and the page's "Submitted".
    assert ", Geneva time." in text
    assert ", Geneva time</time>" in text
    assert "(Europe/Zurich)" not in text


@pytest.mark.django_db
def test_the_reminder_mail_says_geneva_time_in_the_readers_language():
    context = {
        "meeting_number": 30,
        "deadline": "2026-03-02T23:59:00+01:00",
        "time_zone": "Europe/Zurich",
        "offset": 7,
        "drafts": [],
        "meeting_path": "/meetings/30/",
        "submit_path": "/contributions/submit/",
    }
    mail = services._render(
        "deadline-reminder", Recipient(email="a@example.org", language="en"), context
    )
    for part in (mail["text"], mail["html"]):
        assert "2 March 2026, 23:59, Geneva time (2 March 2026, 22:59, UTC)" in part
        assert "Europe/Zurich" not in part
    french = services._render(
        "deadline-reminder", Recipient(email="a@example.org", language="fr"), context
    )
    assert "heure de Genève" in french["text"] and "Europe/Zurich" not in french["text"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "language", "label"),
    [
        ("Asia/Manila", "fr", "heure de Manille"),  # the city from CLDR, in French
        ("America/New_York", "es", "Nueva York"),
        ("Europe/Zurich", "en", "Geneva time"),
    ],
)
def test_other_zones_are_named_by_their_city_in_the_readers_language(zone, language, label):
    with translation.override(language):
        assert label in time_zone_label(zone)
        assert label in MeetingFactory(time_zone=zone).time_zone_label
