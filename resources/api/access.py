"""Who a request is, and how often it may come.

A request with `Authorization: Bearer <secret>` acts as the token's user (a personal token,
made on the account page; copportal/accounts/tokens.py); one without is anonymous, whatever
cookies it sends (the API never reads the session, so no page's sign-in and no CSRF token
are involved). A header with an unknown or revoked token is refused (401), never taken as
anonymous. Each token, and each client address without one, has its own budget of requests
a minute (settings.API_RATE_LIMIT, API_ANONYMOUS_RATE_LIMIT); over it, a 429 with
Retry-After.
"""

import datetime
import time

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.utils import timezone
from ninja.security import HttpBearer

from copportal.accounts.models import ApiToken
from copportal.middleware import client_ip

WINDOW = 60  # seconds
# last_used_at is written at most this often per token (not on every request).
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


class RateLimited(Exception):
    def __init__(self, retry_after: int, limit: int):
        super().__init__(retry_after)
        self.retry_after = retry_after
        self.limit = limit


def check_rate(key: str, limit: int) -> None:
    """Count one request against `key`'s budget for the current minute (a fixed window in
    the cache); raise RateLimited when it is spent."""
    now = time.time()
    window = int(now // WINDOW)
    name = f"api-rate:{key}:{window}"
    cache.add(name, 0, timeout=WINDOW * 2)
    try:
        used = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=WINDOW * 2)
        used = 1
    if used > limit:
        raise RateLimited(retry_after=max(1, int((window + 1) * WINDOW - now) + 1), limit=limit)


class BearerToken(HttpBearer):
    """A personal API token, as `Authorization: Bearer cwgcop_…`."""

    def authenticate(self, request, token):
        found = ApiToken.objects.authenticate(token)
        if found is None:
            return None
        check_rate(f"token:{found.pk}", settings.API_RATE_LIMIT)
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_PRECISION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request.api_token = found
        return found


def check_anonymous_rate(request) -> None:
    """Count a request without a token against its address's budget, once (urls.py counts
    it before the answer comes from the page cache; the operation then does not again)."""
    if getattr(request, "api_rate_counted", False):
        return
    request.api_rate_counted = True
    check_rate(f"address:{client_ip(request)}", settings.API_ANONYMOUS_RATE_LIMIT)


def anonymous(request):
    """A request without a token: anonymous (never the session's user)."""
    if request.headers.get("Authorization"):
        return None  # a token was given and BearerToken refused it: a 401
    check_anonymous_rate(request)
    request.user = AnonymousUser()
    request.api_token = None
    return "anonymous"


bearer = BearerToken()
# Reading: a token or none. Writing (submission): a token.
READ = [bearer, anonymous]
WRITE = [bearer]
