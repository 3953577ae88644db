"""The public list over HTTP, as the portal is served: `python -m bench.http` (`make bench`).

bench/__main__.py times pages in-process with Django's test client, where the constant view
costs almost nothing, so its "of constant" figures are not what a visitor meets. This one
measures what issue 8 measured: the project's own gunicorn (gunicorn.conf.py, 2 workers,
DEBUG off) in front of PostgreSQL holding the seeds (205 organizations) and 2,000 published
contributions, requested over HTTP by a few concurrent clients on keep-alive connections.

Each page's p50 and p95 are printed with its ratio to the constant view (/healthz: the whole
middleware stack, one query, the cache, the broker) measured by the same clients in the same
run: `of constant` = p50(/healthz) / p50(page); 1.0 would be as fast as /healthz. Target for
the list: at least 0.2.

Needs DATABASE_URL naming PostgreSQL (a throw-away test database is created beside it and
dropped at the end); REDIS_URL is passed on to the server when set.
"""

import http.client
import io
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "copportal.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.__main__ import populate  # noqa: E402
from copportal.accounts.models import Organization, User  # noqa: E402
from meetings.models import Meeting  # noqa: E402

CONTRIBUTIONS = 2000
CLIENTS = 4  # concurrent client threads, each on its own keep-alive connection
REQUESTS = 150  # per URL, shared by the clients
ROUNDS = 5  # the URLs take turns, REQUESTS / ROUNDS requests at a time
WARM_UP = 12  # per URL, not counted
CONSTANT = "/healthz"
URLS = {
    "constant": CONSTANT,
    "list": "/contributions/",
    "list page 2": "/contributions/?page=2",
    "list ?q=strategy": "/contributions/?q=strategy",
}
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = settings.DATABASES["default"]
    user = quote(db.get("USER") or "postgres")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def serve(port: int) -> subprocess.Popen:
    """The project's gunicorn, production settings, on the test database."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
    }
    # DEBUG off serves static files through the manifest: collect them as the image does.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "copportal.wsgi", "-c", "gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _ = get(http.client.HTTPConnection("127.0.0.1", port, timeout=5), CONSTANT)
            if status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped during start-up")
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


def get(conn: http.client.HTTPConnection, url: str) -> tuple[int, int]:
    conn.request("GET", url, headers={"Accept-Encoding": "gzip, br"})
    response = conn.getresponse()
    body = response.read()
    return response.status, len(body)


def load(port: int, url: str, count: int) -> tuple[list[float], int]:
    """`count` requests of `url` shared by CLIENTS threads: the latencies (ms), largest body."""
    samples, sizes, errors = [], [0], []
    remaining = iter(range(count))
    lock = threading.Lock()

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if next(remaining, None) is None:
                    break
            start = time.perf_counter()
            status, size = get(conn, url)
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                samples.append(elapsed)
                sizes.append(size)
                if status != 200:
                    errors.append(status)
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{url}: {len(errors)} responses were not 200 ({errors[:5]})")
    return samples, max(sizes)


def measure(port: int) -> dict[str, tuple[list[float], int]]:
    """Each URL loaded on its own (a constant view queued behind list pages would measure
    the list), in ROUNDS alternating rounds, so that load from elsewhere on the machine
    falls on every URL alike: for each URL its REQUESTS latencies (ms) and largest body."""
    for url in URLS.values():
        load(port, url, WARM_UP)
    results = {name: ([], 0) for name in URLS}
    for _round in range(ROUNDS):
        for name, url in URLS.items():
            samples, size = load(port, url, REQUESTS // ROUNDS)
            results[name] = (results[name][0] + samples, max(results[name][1], size))
    return results


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def main():
    # A name of its own: pytest's test database (test_<name>) may be in use beside it.
    connection.settings_dict["TEST"]["NAME"] = f"{connection.settings_dict['NAME']}_bench_http"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    server = None
    try:
        call_command("load_seeds", no_demo=True, stdout=io.StringIO())
        submitter = User.objects.create_user("bench@example.org", "bench-password-123")
        organization = Organization.objects.order_by("pk").first()
        meeting = Meeting.objects.create(
            number=500, start_date=timezone.localdate(), end_date=timezone.localdate()
        )
        populate(meeting, submitter, organization, CONTRIBUTIONS, start=1)
        organizations = Organization.objects.count()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would have, on a database in service
        connection.close()  # the server's workers are the only clients from here on
        port = free_port()
        server = serve(port)
        results = measure(port)
        constant = statistics.median(results["constant"][0])
        print(
            f"gunicorn (gunicorn.conf.py, 2 workers), PostgreSQL, {CONTRIBUTIONS} published "
            f"contributions, {organizations} organizations; {REQUESTS} requests per URL from "
            f"{CLIENTS} concurrent clients"
        )
        for name, url in URLS.items():
            samples, size = results[name]
            p50 = statistics.median(samples)
            print(
                f"{name:17} {url:28} p50 {p50:7.1f} ms  p95 {p95(samples):7.1f} ms  "
                f"{size / 1024:6.1f} KiB  of constant {constant / p50:5.3f}"
                + ("  (target >= 0.2)" if name.startswith("list") else "")
            )
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
