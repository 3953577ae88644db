"""What the portal knows about a request before any view runs: when it arrived, and from where.

Both believe a reverse proxy's headers only when settings.TRUSTED_PROXY_COUNT says that many
proxies stand in front and overwrite what the client sent.
"""

import datetime
import ipaddress

from django.conf import settings
from django.utils import timezone

# A proxy's X-Request-Start older than this is not believed (a stale or forged header).
ARRIVAL_MAX_AGE = datetime.timedelta(minutes=5)


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or with N trusted proxies the N-th X-Forwarded-For
    entry from the end (the one the outermost trusted proxy saw). Entries to its left were
    written by the client and are never believed."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("x-forwarded-for", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= count:
            candidate = hops[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR", "")


def parse_request_start(value: str) -> datetime.datetime | None:
    """`t=1700000000.123` (nginx's ${msec}), `t=1700000000123456` (microseconds) or
    milliseconds, with or without `t=`; None when it is not a time."""
    raw = value.strip()
    if raw.startswith("t="):
        raw = raw[2:]
    try:
        number = float(raw)
    except ValueError:
        return None
    if number != number or number <= 0:  # NaN or not after the epoch
        return None
    if number > 1e14:
        number /= 1_000_000
    elif number > 1e11:
        number /= 1000
    try:
        return datetime.datetime.fromtimestamp(number, tz=datetime.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def arrival_time(request, now: datetime.datetime) -> datetime.datetime:
    """When the request arrived: the trusted proxy's X-Request-Start if it is believable
    (never after `now`, at most ARRIVAL_MAX_AGE before it), else `now`."""
    if settings.TRUSTED_PROXY_COUNT > 0:
        header = request.headers.get("x-request-start", "")
        stamped = parse_request_start(header) if header else None
        if stamped is not None and now - ARRIVAL_MAX_AGE <= stamped:
            return min(stamped, now)
    return now


class ArrivalStampMiddleware:
    """Sets `request.arrived_at` (aware, UTC) before anything reads the body.

    First in MIDDLEWARE: CSRF and the upload handlers read the body, which for a large upload
    over a slow link takes minutes. Lateness is judged by this time, not by when a view runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = timezone.now().astimezone(datetime.UTC)
        request.arrived_at = arrival_time(request, now)
        return self.get_response(request)
