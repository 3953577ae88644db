"""Benchmarks: `make bench`. Each figure is compared with a baseline measured in the same run.

The public list of contributions must cost the same whatever the number of contributions
(paginated, constant queries): its time with 2,000 published contributions is compared with
its time with 50. The word search reads extracted text: its ratio shows how it grows.
A constant view (/livez: a fixed response through the whole middleware stack) is timed in the
same run, so that each page is also given as a share of the server's own ceiling
(`of constant`: 1.0 would be as fast as /livez; the target for the list is at least 0.2).
A meeting's page and its released agenda (20 items, 40 contributions) are compared with a
constant page (the roadmap, empty here) served in the same run: constant / page, target 0.2.
Then the library's search (bench/library.py).
`BENCH_ONLY=contributions` measures the contributions list and its search only (no meeting
pages, no library: the library's part takes minutes).
Runs on a throw-away test database (the embedded PostgreSQL, or DATABASE_URL's server).
`BENCH_ONLY=library` runs the library's part alone (it generates 100,000 resources first:
minutes); `manage.py bench_library` measures it on an existing database, generating once.
"""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "copportal.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from copportal.accounts.models import CHAIR_GROUP, Organization, User  # noqa: E402
from meetings.agenda import services as agenda_services  # noqa: E402
from meetings.models import AgendaItem, Meeting  # noqa: E402
from tests.factories import bulk_published  # noqa: E402

SMALL, LARGE = 50, 2000
RUNS = 15
CONSTANT = "/livez"


def populate(meeting, submitter, organization, count, start):
    """Published contributions with a long extracted text each (tests/factories.py)."""
    bulk_published(meeting, submitter, organization, count, start=start, text_repeat=200)


AGENDA_ITEMS, AGENDA_CONTRIBUTIONS = 20, 40


def agenda_meeting(submitter, organization, chair):
    """A meeting with 20 agenda items (a quarter of them sub-items), 40 contributions, released."""
    meeting = Meeting.objects.create(
        number=501, start_date=timezone.localdate(), end_date=timezone.localdate()
    )
    items, parent = [], None
    for i in range(AGENDA_ITEMS):
        sub = i % 4 == 3
        item = AgendaItem.objects.create(
            meeting=meeting,
            parent=parent if sub else None,
            order=i,
            title_en=f"Agenda item {i}",
            description_en="What the group will discuss under this item.",
        )
        parent = parent if sub else item
        items.append(item)
    populate(meeting, submitter, organization, AGENDA_CONTRIBUTIONS, start=1)
    for k, contribution in enumerate(meeting.contributions.order_by("pk")):
        contribution.agenda_item = items[k % AGENDA_ITEMS]
        contribution.save(update_fields=["agenda_item"])
    agenda_services.agenda_release(meeting=meeting, by=chair, version=None)
    return meeting


def timed(client, url):
    client.get(url)  # warm up
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(samples) * 1000, len(queries)


def library():
    """The library's search at 100,000 resources and 20,000 contributions."""
    from django.core.management import call_command

    from bench.library import measure

    call_command("generate_library")
    measure()


def main():
    # Not setup_test_environment(): its template instrumentation (the test client copies the
    # context of every template rendered) would cost more than the pages themselves.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    only = os.environ.get("BENCH_ONLY", "")
    if only not in ("", "contributions", "library"):
        raise SystemExit(f"BENCH_ONLY={only}: unknown part (contributions, library)")
    # A name of its own: pytest's test database (test_<name>) may be in use beside it.
    connection.settings_dict["TEST"]["NAME"] = f"{connection.settings_dict['NAME']}_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        if only == "library":
            library()
            return
        submitter = User.objects.create_user("bench@example.org", "bench-password-123")
        organization = Organization.objects.create(
            kind="member-state", name="Benchland", iso_code="ZZB", region="europe"
        )
        meeting = Meeting.objects.create(
            number=500, start_date=timezone.localdate(), end_date=timezone.localdate()
        )
        client = Client()
        urls = {"list": "/contributions/", "search": "/contributions/?q=strategy"}
        populate(meeting, submitter, organization, SMALL, start=1)
        small = {name: timed(client, url) for name, url in urls.items()}
        populate(meeting, submitter, organization, LARGE - SMALL, start=SMALL + 1)
        large = {name: timed(client, url) for name, url in urls.items()}
        constant, _queries = timed(client, CONSTANT)
        print(f"median of {RUNS} requests")
        print(f"constant view {CONSTANT}: {constant:7.2f} ms")
        for name in urls:
            (ms_small, q_small), (ms_large, q_large) = small[name], large[name]
            print(
                f"{name:7} {SMALL:>5} contributions: {ms_small:7.1f} ms, {q_small} queries | "
                f"{LARGE:>5}: {ms_large:7.1f} ms, {q_large} queries | "
                f"ratio {ms_large / ms_small:4.2f} | of constant {constant / ms_large:6.4f}"
            )
        if os.environ.get("BENCH_ONLY") == "contributions":
            return
        chair = User.objects.create_user("chair-bench@example.org", "bench-password-123")
        chair.groups.add(Group.objects.get_or_create(name=CHAIR_GROUP)[0])
        chair = User.objects.get(pk=chair.pk)
        agenda = agenda_meeting(submitter, organization, chair)
        pages = {
            "constant": "/roadmap/",
            "meeting": f"/meetings/{agenda.number}/",
            "agenda": f"/meetings/{agenda.number}/agenda/",
        }
        measured = {name: timed(client, url) for name, url in pages.items()}
        base_ms = measured["constant"][0]
        print(
            f"constant page (/roadmap/): {base_ms:7.1f} ms | "
            f"{AGENDA_ITEMS} agenda items, {AGENDA_CONTRIBUTIONS} contributions:"
        )
        for name in ("meeting", "agenda"):
            ms, queries = measured[name]
            print(
                f"{name:7} {ms:7.1f} ms, {queries} queries | "
                f"ratio constant/page {base_ms / ms:4.2f} (target >= 0.2)"
            )
        library()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
