"""`make run`'s launcher (copportal/devdb/): it runs celery beat's schedule beside the server
(`manage.py run_sweeps`), so that the demo instance sends its reminders; it tells which of its
users are still running (a killed one, a zombie, a reused pid are not); the settings use its
embedded server when DATABASE_URL is not set."""

import datetime
import json
import logging
import os
import subprocess
import sys

import pytest
import time_machine
from celery.app.task import Task
from django.conf import settings
from django.core.management import call_command

from copportal.devdb import launcher, postgres
from copportal.management.commands import run_sweeps
from copportal.notifications.models import Delivery

from .factories import MeetingFactory

UTC = datetime.UTC


@pytest.fixture
def applied(monkeypatch):
    """The names of the tasks run (Task.apply), instead of running them."""
    names = []

    def apply(self, args=None, kwargs=None, **options):
        names.append(self.name)
        return _Done()

    monkeypatch.setattr(Task, "apply", apply)
    return names


class _Done:
    traceback = None

    def failed(self):
        return False


def test_run_sweeps_runs_every_task_of_the_beat_schedule(applied):
    call_command("run_sweeps", "--once")
    expected = sorted(entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values())
    assert sorted(applied) == expected


def test_a_task_runs_again_when_its_schedule_says(applied):
    start = datetime.datetime(2026, 12, 1, 12, tzinfo=UTC)
    last_run = {}
    with time_machine.travel(start, tick=False):
        wait = run_sweeps.sweep_once(last_run, start)
    assert len(applied) == len(settings.CELERY_BEAT_SCHEDULE)
    assert 1 <= wait <= 300
    applied.clear()
    later = start + datetime.timedelta(seconds=301)
    with time_machine.travel(later, tick=False):
        run_sweeps.sweep_once(last_run, later)
    five_minutes = [
        e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values() if e["schedule"] == 300
    ]
    assert sorted(applied) == sorted(five_minutes)
    assert "copportal.tasks.housekeeping" not in applied  # daily


@pytest.mark.django_db
def test_the_sweeps_send_a_due_deadline_reminder(delegate, caplog):
    """The real tasks, once: the reminder two days before the deadline goes out."""
    start = datetime.date(2026, 11, 14)  # deadline 2 November 23:59 Geneva time
    meeting = MeetingFactory(start_date=start, end_date=start)
    two_days_before = datetime.datetime(2026, 10, 31, 12, tzinfo=UTC)
    with caplog.at_level(logging.ERROR), time_machine.travel(two_days_before, tick=False):
        call_command("run_sweeps", "--once")
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    reminders = Delivery.objects.filter(kind="deadline-reminder", key__contains=f":{meeting.pk}:")
    assert reminders.count() == 1


def test_make_run_serves_and_runs_the_sweeps_beside(monkeypatch):
    ran, started = [], []

    class Process:
        def __init__(self, command, **kwargs):
            started.append(command)
            self.polls = 0

        def poll(self):
            self.polls += 1
            return None if self.polls < 3 else 0

        def terminate(self):
            pass

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr(launcher, "server", lambda: _nothing())
    monkeypatch.setattr(launcher, "_free_port", lambda: 8000)
    monkeypatch.setattr(launcher, "_wait_for_port", lambda port, processes: None)
    monkeypatch.setattr(launcher.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(
        launcher.subprocess,
        "run",
        lambda command, **kwargs: ran.append(command) or subprocess.CompletedProcess(command, 0),
    )
    monkeypatch.setattr(launcher.subprocess, "Popen", Process)
    assert launcher.run() == 0
    manage = [sys.executable, str(postgres.ROOT / "manage.py")]
    assert ran == [[*manage, "migrate", "--no-input"], [*manage, "load_seeds"]]
    assert [*manage, "runserver", "127.0.0.1:8000"] in started
    assert [*manage, "run_sweeps"] in started


class _nothing:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def test_holders_that_ended_or_were_reused_do_not_keep_the_server(tmp_path, monkeypatch):
    monkeypatch.setattr(postgres, "HOLDERS", tmp_path / "holders.json")
    me = postgres._me()
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])  # ends, not reaped: a zombie
    import psutil

    while psutil.Process(zombie.pid).status() != psutil.STATUS_ZOMBIE:
        pass
    zombie_holder = [zombie.pid, psutil.Process(zombie.pid).create_time()]
    reused = [me[0], me[1] - 100]  # this pid, but another process's start time
    old_format = 12345
    holders = [me, [finished.pid, 0.0], zombie_holder, reused, old_format]
    postgres.HOLDERS.write_text(json.dumps(holders))
    assert postgres._holders() == [me]
    zombie.wait()


def test_without_database_url_the_settings_use_the_embedded_server(monkeypatch):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "d = settings.DATABASES['default']; print(d['ENGINE'], d['HOST'], d['NAME'])",
        ],
        env={
            "DJANGO_SETTINGS_MODULE": "copportal.settings",
            "PATH": "/usr/bin:/bin",
        },
        cwd=postgres.ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        str(postgres.socket_dir()),
        "copportal",
    ]


def test_a_socket_folder_too_long_for_a_unix_socket_moves_to_the_temporary_folder(
    monkeypatch, tmp_path
):
    monkeypatch.setattr(postgres, "DATA", tmp_path / ("x" * 120) / "data")
    folder = postgres.socket_dir()
    assert folder.name.startswith("copportal-pg-")
    assert len(str(folder / ".s.PGSQL.5432")) <= 100


def test_manage_py_without_database_url_holds_the_server_for_its_command():
    """Any manage.py command works without DATABASE_URL (the system checks ask the server its
    version): it starts the embedded server if nothing holds it and stops it after, and says
    so on stderr, so that its stdout stays its own (dumpdata > file)."""
    held_before = postgres._ready()  # make test holds it; CI (DATABASE_URL set) does not
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", postgres.HELD}
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        env=env,
        cwd=postgres.ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "No changes detected"
    said = "Using the development database" if held_before else "Starting the development"
    assert said in result.stderr
    assert postgres._ready() == held_before  # started for the command, stopped after it
