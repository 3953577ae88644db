"""What the portal knows about a request before any view runs: when it arrived, and from where.

Both believe a reverse proxy's headers only when settings.TRUSTED_PROXY_COUNT says that many
proxies stand in front and overwrite what the client sent (docker/nginx.conf). Without one,
the arrival is the kernel's: when the request's bytes came in on gunicorn's connection.
"""

import datetime
import ipaddress
import socket
import struct

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


def parse_elapsed(value: str) -> datetime.timedelta:
    """nginx's ${request_time} ("12.345" seconds since it read the request's first bytes);
    nothing when it is not a believable length."""
    try:
        seconds = float(value.strip())
    except ValueError:
        return datetime.timedelta(0)
    if not 0 <= seconds <= ARRIVAL_MAX_AGE.total_seconds():  # also NaN
        return datetime.timedelta(0)
    return datetime.timedelta(seconds=seconds)


def proxy_arrival(request) -> datetime.datetime | None:
    """The trusted proxy's stamp: X-Request-Start (when it passed the request on, after
    reading the body) less X-Request-Elapsed (how long it had been reading it)."""
    header = request.headers.get("x-request-start", "")
    stamped = parse_request_start(header) if header else None
    if stamped is None:
        return None
    return stamped - parse_elapsed(request.headers.get("x-request-elapsed", ""))


# struct tcp_info (linux/tcp.h): 8 one-byte fields, 11 u32s, then the u32 tcpi_last_data_recv,
# milliseconds since the kernel last received data on the connection.
TCP_INFO_LAST_DATA_RECV = 8 + 11 * 4


def socket_arrival(request, now: datetime.datetime) -> datetime.datetime | None:
    """When the kernel last received bytes of the request on the connection gunicorn hands
    the application (`gunicorn.socket`): a request that waited in the listen queue, or for a
    worker's thread, while the deadline passed is judged by when it came in, not by when a
    worker took it. The client cannot set it (it is the kernel's), and can only move it later
    (a body still arriving makes it now). None where it cannot be read (another server, a
    system without TCP_INFO)."""
    sock = request.META.get("gunicorn.socket")
    option = getattr(socket, "TCP_INFO", None)
    if sock is None or option is None:
        return None
    try:
        info = sock.getsockopt(socket.IPPROTO_TCP, option, 104)
        (milliseconds,) = struct.unpack_from("=I", info, TCP_INFO_LAST_DATA_RECV)
    except (OSError, struct.error, AttributeError, TypeError):
        return None
    return now - datetime.timedelta(milliseconds=milliseconds)


def arrival_time(request, now: datetime.datetime) -> datetime.datetime:
    """When the request arrived: the trusted proxy's stamp if there is one and it is
    believable, else when the kernel received it on gunicorn's connection, else `now`; never
    after `now`, and at most ARRIVAL_MAX_AGE before it (an older one is not believed)."""
    candidates = []
    if settings.TRUSTED_PROXY_COUNT > 0:
        candidates.append(proxy_arrival(request))
    candidates.append(socket_arrival(request, now))
    for stamped in candidates:
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
