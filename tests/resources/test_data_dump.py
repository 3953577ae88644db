"""The public data dump: `export_public_data` writes a dated ZIP of every public list with a
README, rewrites it when run again, the nightly task builds it, /data/ offers it, and only
officers may build it now."""

import csv
import datetime
import io
import json
import zipfile

import pytest
import time_machine
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from contributions.models import Contribution
from copportal.exports import TABLES
from resources.exports.dump import KEEP_DAYS, file_names
from resources.models import PublicDataDump
from resources.tasks import build_public_data

from ..contributions.conftest import make_draft, make_published
from ..factories import MeetingFactory

pytestmark = pytest.mark.django_db

EVERY_LIST = {"meetings", "contributions", "liaison-notes", "roadmap", "resources", "helplines"}


def _zip(dump) -> zipfile.ZipFile:
    with default_storage.open(dump.file.name, "rb") as stored:
        return zipfile.ZipFile(io.BytesIO(stored.read()))


@pytest.fixture
def published(delegate, secretariat, audiences):
    meeting = MeetingFactory(number=30)
    make_published(user=delegate, meeting=meeting, secretariat=secretariat, title="Open one")
    make_published(
        user=delegate,
        meeting=meeting,
        secretariat=secretariat,
        title="Members one",
        visibility=Contribution.Visibility.MEMBERS,
    )
    make_draft(user=delegate, meeting=meeting, title="Draft one")


def test_the_command_writes_a_dated_zip_of_every_list_with_a_readme(published):
    assert set(TABLES) == EVERY_LIST
    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2026, 12, 3, 12, tzinfo=datetime.UTC)):
        call_command("export_public_data", stdout=out)
    dump = PublicDataDump.objects.get()
    assert dump.day == datetime.date(2026, 12, 3)
    assert dump.file.name == "public-data/cwg-cop-public-data-2026-12-03.zip"
    assert dump.status == PublicDataDump.Status.READY
    assert dump.size == default_storage.size(dump.file.name) > 0
    assert dump.file.name in out.getvalue()
    archive = _zip(dump)
    folder = "cwg-cop-public-data-2026-12-03/"
    assert archive.namelist() == [folder + name for name in file_names()]
    assert {f"{name}.{fmt}" for name in EVERY_LIST for fmt in ("csv", "json")} < set(file_names())
    readme = archive.read(folder + "README.txt").decode()
    assert "Generated at 2026-12-03 12:00:00 UTC" in readme
    for name in EVERY_LIST:
        assert f"{name}.csv, {name}.json:" in readme
    text = archive.read(folder + "contributions.csv").decode("utf-8-sig")
    titles = [row["title"] for row in csv.DictReader(io.StringIO(text))]
    assert titles == ["Open one"]  # members-only and drafts never
    rows = json.loads(archive.read(folder + "contributions.json"))["rows"]
    assert [row["title"] for row in rows] == ["Open one"]
    meetings = json.loads(archive.read(folder + "meetings.json"))
    assert [row["number"] for row in meetings["rows"]] == [30]


def test_running_it_twice_the_same_day_rewrites_one_dump(published):
    call_command("export_public_data", stdout=io.StringIO())
    first = PublicDataDump.objects.get()
    call_command("export_public_data", stdout=io.StringIO())
    again = PublicDataDump.objects.get()
    assert again.pk == first.pk and again.file.name == first.file.name
    assert default_storage.listdir("public-data")[1] == [first.file.name.split("/")[-1]]
    assert again.built_at >= first.built_at


def test_the_command_takes_a_day_and_refuses_a_bad_one(db):
    call_command("export_public_data", "--day", "2026-01-02", stdout=io.StringIO())
    assert PublicDataDump.objects.get().download_name == "cwg-cop-public-data-2026-01-02.zip"
    with pytest.raises(CommandError):
        call_command("export_public_data", "--day", "yesterday")


def test_the_nightly_task_builds_today_and_drops_old_dumps(db, django_capture_on_commit_callbacks):
    assert any(
        entry["task"] == "resources.tasks.build_public_data"
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    )
    today = timezone.localdate()
    old_day = today - datetime.timedelta(days=KEEP_DAYS)
    call_command("export_public_data", "--day", old_day.isoformat(), stdout=io.StringIO())
    old = PublicDataDump.objects.get()
    assert default_storage.exists(old.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        build_public_data.delay()
        build_public_data.delay()  # twice: still one dump for today
    assert list(PublicDataDump.objects.values_list("day", flat=True)) == [today]
    assert not default_storage.exists(old.file.name)


def test_data_page_for_anyone_before_the_first_dump(client):
    response = client.get("/data/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The first dump is built each night" in html
    assert 'href="/contributions/export.csv"' in html
    assert 'href="/helplines/export.json"' in html
    assert "/data/build/" not in html


@pytest.mark.parametrize("who", [None, "delegate", "chair", "secretariat"])
def test_data_page_offers_the_latest_dump(request, client_for, who):
    call_command("export_public_data", "--day", "2026-11-30", stdout=io.StringIO())
    call_command("export_public_data", "--day", "2026-12-01", stdout=io.StringIO())
    client = client_for(request.getfixturevalue(who) if who else None)
    html = client.get("/data/").content.decode()
    assert 'href="/data/cwg-cop-public-data-2026-12-01.zip"' in html
    assert "1 December 2026" in html
    assert "cwg-cop-public-data-2026-11-30" not in html
    assert ("/data/build/" in html) is (who in {"chair", "secretariat"})
    download = client.get("/data/cwg-cop-public-data-2026-12-01.zip")
    assert download["Content-Disposition"].startswith("attachment")
    assert zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).testzip() is None
    assert client.get("/data/cwg-cop-public-data-2026-12-02.zip").status_code == 404
    assert client.get("/data/cwg-cop-public-data-2026-13-45.zip").status_code == 404


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("delegate", 403), ("outsider", 403)])
def test_only_officers_may_build_it_now(request, client_for, who, status):
    response = client_for(request.getfixturevalue(who) if who else None).post("/data/build/")
    assert response.status_code == status
    if who is None:
        assert response["Location"].startswith("/accounts/login/")
    assert not PublicDataDump.objects.exists()


@pytest.mark.parametrize("who", ["chair", "secretariat"])
def test_an_officer_builds_todays_dump_now(
    request, client_for, who, django_capture_on_commit_callbacks
):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/data/build/").status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/data/build/")
    assert response.status_code == 302 and response["Location"] == "/data/"
    dump = PublicDataDump.objects.get()
    assert (dump.day, dump.status) == (timezone.localdate(), PublicDataDump.Status.READY)
    assert dump.download_name in client.get("/data/").content.decode()


def test_the_build_button_needs_the_csrf_token(chair):
    client = Client(enforce_csrf_checks=True)
    client.force_login(chair)
    assert client.post("/data/build/").status_code == 403
    assert not PublicDataDump.objects.exists()


def test_officers_follow_a_build_under_way(client_for, chair, client):
    PublicDataDump.objects.create(day=timezone.localdate(), done=3, total=13)
    response = client_for(chair).get("/data/")
    assert "3 of 13 files written" in response.content.decode()
    assert response["Refresh"] == "5"
    assert client_for(None).get("/data/").has_header("Refresh") is False
