"""French phrases built from parts: elision before a vowel."""

import pytest
from django.utils import translation

from .factories import MeetingFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("zone", "french"),
    [
        ("Europe/Amsterdam", "heure d'Amsterdam"),
        ("Asia/Istanbul", "heure d'Istanbul"),
        ("Europe/Zurich", "heure de Genève"),
        ("America/New_York", "heure de New York"),
    ],
)
def test_time_zone_label_elides_before_a_vowel(zone, french):
    meeting = MeetingFactory(time_zone=zone)
    with translation.override("fr"):
        assert meeting.time_zone_label == french
    with translation.override("en"):
        assert meeting.time_zone_label.endswith(" time")
