"""gunicorn settings for the portal (the image runs `gunicorn copportal.wsgi -c gunicorn.conf.py`).

Threaded workers (gthread): a worker's main loop keeps telling the arbiter it is alive while
its threads read request bodies, so an upload that takes minutes over a slow link is not
killed at the timeout, as a sync worker would be (the delegate would get a 500 with nothing
saved, at the deadline). A buffering proxy in front (docker/nginx.conf) spares gunicorn the
slow client altogether; this holds without one too.

Every value can be set from the environment; a malformed one stops start-up.
"""

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} is malformed ({raw!r}): expected a whole number") from None
    if value < 1:
        raise SystemExit(f"{name} must be 1 or more ({raw!r})")
    return value


worker_class = "gthread"
# Processes (about 2 per core) and threads in each: WEB_CONCURRENCY x GUNICORN_THREADS requests
# at once.
workers = _int("WEB_CONCURRENCY", 3)
threads = _int("GUNICORN_THREADS", 4)
# Seconds a worker may go silent before it is restarted, and that a request may take in the
# worst case: the largest upload (20 MB) over a slow link (about 70 KB/s) takes 300 s.
timeout = _int("GUNICORN_TIMEOUT", 300)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# gunicorn's runtime control socket is not used (and would be one more file in $HOME).
control_socket_disable = True
