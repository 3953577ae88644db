"""Device cookies: a browser where someone signed in to an account (password and, for officers,
TOTP) is recognised the next time, so that failed sign-ins elsewhere cannot lock it out.

The cookie is signed and names one account (by a hash of its e-mail address) and a random
device id; its failed attempts count against that device alone (OWASP's "device cookies").
"""

import hashlib
import secrets

from django.conf import settings
from django.core import signing

COOKIE = "portal_device"
SALT = "copportal.accounts.devices"
MAX_AGE = 180 * 24 * 3600


def _account(login: str) -> str:
    return hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]


def known_device(request, login: str) -> str:
    """The device id if this browser signed in to `login` before, else ""."""
    raw = request.COOKIES.get(COOKIE)
    if not raw or not login:
        return ""
    try:
        value = signing.loads(raw, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return ""
    if not isinstance(value, dict) or value.get("a") != _account(login):
        return ""
    return str(value.get("d", ""))


def remember_device(request, response, login: str) -> None:
    """After a complete sign-in: (re)issue the cookie, keeping the device id if it had one."""
    device = known_device(request, login) or secrets.token_urlsafe(16)
    response.set_cookie(
        COOKIE,
        signing.dumps({"a": _account(login), "d": device}, salt=SALT),
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
