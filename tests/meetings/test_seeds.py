"""The meetings' seeds state what the chair's report states, and nothing more."""

import datetime

import pytest
from django.core.management import call_command

from meetings.models import LiaisonNote


@pytest.mark.django_db
def test_the_seeded_liaison_notes_carry_no_made_up_time():
    """The report says the two notes were approved at the 20th meeting and will be sent; it
    gives no hour and no day of sending, so the seeds give none (an earlier one is taken back)."""
    call_command("load_seeds", verbosity=0)
    notes = LiaisonNote.objects.filter(meeting__number=20)
    made_up = datetime.datetime(2024, 1, 23, 17, 0, tzinfo=datetime.UTC)
    notes.update(approved_at=made_up, sent_at=made_up)
    call_command("load_seeds", verbosity=0)
    assert notes.count() == 2
    assert list(notes.values_list("approved_at", "sent_at")) == [(None, None), (None, None)]
