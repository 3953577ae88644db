"""Public pages over HTTP, as the image serves them: `python -m bench.http` (`make bench`).

The project's gunicorn (gunicorn.conf.py: gthread, 2 workers, DEBUG off, the REDIS_URL cache
when set) in front of PostgreSQL holding the seeds (meetings 19 and 20, the library) and
2,000 published contributions (bench/__main__.py `populate`). wrk (Debian's `wrk` package)
loads each URL for DURATION seconds from CONNECTIONS keep-alive connections, the URLs taking
turns for ROUNDS rounds so that load from elsewhere on the machine falls on all alike.

For each URL: req/s, and the app's CPU per request (user + system time of the gunicorn
workers, read with psutil before and after each run, divided by the requests served: what a
page costs, whatever else the machine does), each as a ratio to the constant view (/livez: a
fixed response through the whole middleware stack) in the same run: `rate` = req/s(page) /
req/s(/livez), `cpu` = CPU(/livez) / CPU(page); 1.0 would be as cheap as /livez. Then all
pages mixed at 100 concurrent connections: p99 and errors.

A page is one line of PAGES: its name, URL and target ratio.

Needs DATABASE_URL naming PostgreSQL (a throw-away test database is created beside it and
dropped at the end); REDIS_URL is passed on to the server when set.
"""

import http.client
import io
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "copportal.settings")

import django

django.setup()

import psutil  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.__main__ import populate  # noqa: E402
from copportal.accounts.models import Organization, User  # noqa: E402
from meetings.models import Meeting  # noqa: E402
from resources.models import Resource  # noqa: E402

CONTRIBUTIONS = 2000
CONNECTIONS = 8  # 2 workers x 4 threads (gunicorn.conf.py): every thread busy
DURATION = 3  # seconds per URL per round
ROUNDS = 3
CONCURRENT, CONCURRENT_DURATION, P99_TARGET_MS = 100, 10, 500
CONSTANT = "/livez"
# name: (URL, target ratio to the constant view). A callable URL is resolved after seeding.
PAGES = {
    "home": ("/", 0.5),
    "meeting 20": ("/meetings/20/", 0.5),
    "contributions": ("/contributions/", 0.2),
    "contributions ?q=": ("/contributions/?q=strategy", 0.2),
    "library ?q=": ("/resources/?q=online+safety", 0.2),
    "resource": (lambda: Resource.objects.published().order_by("pk")[0].get_absolute_url(), 0.2),
    "statistics": ("/statistics/", 0.2),
    "api contributions": ("/api/v1/contributions/", 0.3),
}
ROOT = Path(__file__).resolve().parent.parent

# wrk reports through this: requests, time, errors and latency percentiles as one JSON line.
REPORT = """
paths = {%s}
counter = 0
wrk.headers["Accept-Encoding"] = "gzip, br"
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %%d, "us": %%d, "status": %%d, "socket": %%d, "p50": %%d, "p99": %%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


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


def get(port: int, url: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", url)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def serve(port: int) -> subprocess.Popen:
    """The project's gunicorn as the image runs it, production settings, on the test database."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WEB_CONCURRENCY": "2",
        # wrk comes from one address: at the real limit (60 a minute) the API's figure would
        # be that of its 429s. The limit is still checked on every request, as in production.
        "API_ANONYMOUS_RATE_LIMIT": "1000000000",
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
            if get(port, CONSTANT) == 200 and len(workers(server)) == 2:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped during start-up")
        time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer {CONSTANT} within 60 s")


def workers(server: subprocess.Popen) -> list[psutil.Process]:
    return psutil.Process(server.pid).children()


def cpu_seconds(processes: list[psutil.Process]) -> float:
    return sum(p.cpu_times().user + p.cpu_times().system for p in processes)


def wrk(port: int, urls: list[str], connections: int, seconds: int, script_dir: Path) -> dict:
    script = script_dir / "report.lua"
    script.write_text(REPORT % ", ".join(json.dumps(url) for url in urls))
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(script), f"http://127.0.0.1:{port}/"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    (line,) = [line for line in output.splitlines() if line.startswith("BENCH ")]
    return json.loads(line.removeprefix("BENCH "))


def measure(port: int, server, urls: dict[str, str], script_dir: Path) -> dict[str, dict]:
    processes = workers(server)
    for name, url in urls.items():  # warm up, and every URL must answer 200 as it is
        if (status := get(port, url)) != 200:
            raise SystemExit(f"{name} {url}: {status}, not 200")
        wrk(port, [url], CONNECTIONS, 1, script_dir)
    totals = {name: {"requests": 0, "us": 0, "cpu": 0.0, "errors": 0} for name in urls}
    for _round in range(ROUNDS):
        for name, url in urls.items():
            before = cpu_seconds(processes)
            run = wrk(port, [url], CONNECTIONS, DURATION, script_dir)
            total = totals[name]
            total["cpu"] += cpu_seconds(processes) - before
            total["requests"] += run["requests"]
            total["us"] += run["us"]
            total["errors"] += run["status"] + run["socket"]
    for total in totals.values():
        total["rate"] = total["requests"] / (total["us"] / 1e6)
        total["cpu_ms"] = total["cpu"] * 1000 / total["requests"]
    return totals


def report(results: dict[str, dict], mixed: dict, organizations: int, urls: dict) -> None:
    print(
        f"gunicorn (gunicorn.conf.py, 2 workers x 4 threads, DEBUG off), PostgreSQL, "
        f"{CONTRIBUTIONS} published contributions, {organizations} organizations; wrk, "
        f"{CONNECTIONS} connections, {ROUNDS} x {DURATION} s per URL"
    )
    base = results["constant"]
    print(f"{'':18} {'URL':32} {'req/s':>7} {'CPU ms/req':>10} {'rate':>6} {'cpu':>6}  target")
    for name, total in results.items():
        target = "" if name == "constant" else PAGES[name][1]
        rate, cpu = total["rate"] / base["rate"], base["cpu_ms"] / total["cpu_ms"]
        verdict = "" if not target else ("ok" if min(rate, cpu) >= target else "BELOW")
        print(
            f"{name:18} {urls[name][:32]:32} {total['rate']:7.0f} {total['cpu_ms']:10.2f} "
            f"{rate:6.3f} {cpu:6.3f}  {target and f'>= {target}'} {verdict}"
            + (f"  {total['errors']} ERRORS" if total["errors"] else "")
        )
    errors = mixed["status"] + mixed["socket"]
    p99 = mixed["p99"] / 1000
    print(
        f"{CONCURRENT} connections, all pages mixed, {CONCURRENT_DURATION} s: "
        f"{mixed['requests'] / (mixed['us'] / 1e6):.0f} req/s, p50 {mixed['p50'] / 1000:.1f} ms, "
        f"p99 {p99:.1f} ms (target < {P99_TARGET_MS}), {errors} errors "
        + ("ok" if p99 < P99_TARGET_MS and not errors else "BELOW")
    )


def main():
    if shutil.which("wrk") is None:
        raise SystemExit(
            "bench.http needs wrk (an HTTP load generator): `apt-get install -y wrk` on "
            "Debian or Ubuntu, `brew install wrk` on macOS."
        )
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
        urls = {"constant": CONSTANT}
        urls |= {name: url() if callable(url) else url for name, (url, _t) in PAGES.items()}
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would have, on a database in service
        connection.close()  # the server's workers are the only clients from here on
        port = free_port()
        server = serve(port)
        with tempfile.TemporaryDirectory() as script_dir:
            results = measure(port, server, urls, Path(script_dir))
            pages = [url for name, url in urls.items() if name != "constant"]
            mixed = wrk(port, pages, CONCURRENT, CONCURRENT_DURATION, Path(script_dir))
        report(results, mixed, organizations, urls)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
