"""atomic_with_uploads(): a file stored inside a block that fails is deleted with the rows
that named it; one stored inside a block that succeeded is kept, unless an outer block fails."""

import pytest
from django.core.files.base import ContentFile

from copportal.uploads import atomic_with_uploads
from meetings.outcomes.models import ChairReport

from .factories import MeetingFactory, UserFactory


class Refused(Exception):
    pass


def stored_files(settings):
    return sorted(p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


def store_report(meeting, user, language="en"):
    report = ChairReport(meeting=meeting, language=language)
    checked = type(
        "Checked", (), {"file_type": "pdf", "name": "r.pdf", "size": 4, "sha256": "0" * 64}
    )
    report.store(checked, ContentFile(b"%PDF"), by=user)
    report.save()
    return report


@pytest.mark.django_db
def test_a_failed_block_deletes_the_files_it_stored(settings):
    meeting, user = MeetingFactory(), UserFactory()
    with pytest.raises(Refused), atomic_with_uploads():
        store_report(meeting, user)
        assert len(stored_files(settings)) == 1
        raise Refused
    assert stored_files(settings) == []
    assert not ChairReport.objects.exists()


@pytest.mark.django_db
def test_a_block_that_succeeds_keeps_its_files(settings):
    meeting, user = MeetingFactory(), UserFactory()
    with atomic_with_uploads():
        report = store_report(meeting, user)
    assert stored_files(settings) == [report.file.name.rsplit("/", 1)[-1]]


@pytest.mark.django_db
def test_an_outer_block_that_fails_deletes_what_an_inner_one_kept(settings):
    meeting, user = MeetingFactory(), UserFactory()
    with pytest.raises(Refused), atomic_with_uploads():
        with atomic_with_uploads():
            store_report(meeting, user)
        raise Refused
    assert stored_files(settings) == []


@pytest.mark.django_db
def test_an_inner_failure_caught_keeps_the_outer_blocks_files(settings):
    meeting, user = MeetingFactory(), UserFactory()
    with atomic_with_uploads():
        kept = store_report(meeting, user, "en")
        with pytest.raises(Refused), atomic_with_uploads():
            store_report(meeting, user, "fr")
            raise Refused
    assert stored_files(settings) == [kept.file.name.rsplit("/", 1)[-1]]
    assert list(ChairReport.objects.values_list("language", flat=True)) == ["en"]
