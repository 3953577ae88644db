"""How copportal/settings.py reads the environment: `from_env` and one parser per kind of value.

Each parser turns a variable's text into its value or raises (`int`, `str` and `Path` serve as
they are); `from_env` turns that into a message naming the variable, so a malformed value
stops start-up. settings.py says which
variables exist and what they default to; the few read here are named beside their setting.
This module holds no setting of its own.
"""

import os
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import environ
from django.core.exceptions import ImproperlyConfigured


def from_env(name, parse, default):
    """Parse os.environ[name] with `parse`; a bad value fails start-up naming the variable."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return parse(raw.strip())
    except Exception as exc:
        raise ImproperlyConfigured(f"{name} is malformed ({raw!r}): {exc}") from None


def boolean(raw):
    value = raw.lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError("expected true or false")


def items(raw):
    return [item.strip() for item in raw.split(",") if item.strip()]


def days(raw):
    """Whole numbers of days, comma-separated: "7,1"."""
    found = [int(item) for item in items(raw)]
    if any(day < 1 or day > 365 for day in found):
        raise ValueError("each is between 1 and 365")
    return found


def days_or_on_the_day(raw):
    """Whole numbers of days, 0 (on the day) to 365, comma-separated: "14,7,2,0"."""
    found = [int(item) for item in items(raw)]
    if any(day < 0 or day > 365 for day in found):
        raise ValueError("each is between 0 and 365")
    return found


def database(raw):
    config = environ.Env.db_url_config(raw)
    engine = config.get("ENGINE", "")
    if engine != "django.db.backends.postgresql":
        raise ValueError("expected postgres://user:password@host:port/name")
    if not config.get("NAME"):
        raise ValueError("the database name is missing (postgres://user@host:5432/NAME)")
    # A Unix socket's folder as the host, URL-encoded: postgres://user@%2Frun%2Fpostgresql/name
    config["HOST"] = unquote(config.get("HOST") or "")
    return config


def redis(raw):
    if not raw.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("expected redis://host:port/db")
    return raw


# EMAIL_URL's parts (django-environ's names) -> the mailer's options (Django's MAILERS).
_EMAIL_OPTIONS = {
    "EMAIL_HOST": "host",
    "EMAIL_PORT": "port",
    "EMAIL_HOST_USER": "username",
    "EMAIL_HOST_PASSWORD": "password",
    "EMAIL_USE_TLS": "use_tls",
    "EMAIL_USE_SSL": "use_ssl",
    "EMAIL_TIMEOUT": "timeout",
    "EMAIL_FILE_PATH": "file_path",
}


def mailer(raw):
    """EMAIL_URL (smtp://user:password@host:587/?tls=True) as a MAILERS entry."""
    config = environ.Env.email_url_config(raw)
    if not config.get("EMAIL_BACKEND"):
        raise ValueError("expected smtp://user:password@host:port or consolemail://")
    options = {
        option: config[key]
        for key, option in _EMAIL_OPTIONS.items()
        if config.get(key) not in (None, "")
    }
    # An SMTP server that hangs fails the send (and it is retried) well within the
    # notification task's time limit (NOTIFICATIONS_TASK_TIME_LIMIT).
    if config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
        options.setdefault("timeout", 30)
    return {"BACKEND": config["EMAIL_BACKEND"], "OPTIONS": options}


def url(raw):
    if not raw.startswith(("http://", "https://")):
        raise ValueError("expected http://host:port or https://host")
    return raw.rstrip("/")


def time_zone(raw):
    ZoneInfo(raw)
    return raw


def s3_storage(bucket: str) -> dict:
    """The default storage in an S3-compatible bucket (django-storages), from the AWS_*
    variables: AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY, AWS_LOCATION and AWS_S3_ADDRESSING_STYLE."""
    endpoint = from_env("AWS_S3_ENDPOINT_URL", url, None)
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            # Not AWS (MinIO, Ceph, a cloud's S3-compatible service): its address.
            "endpoint_url": endpoint,
            "region_name": from_env("AWS_S3_REGION_NAME", str, None),
            # Unset: boto3's own chain (an instance or workload role, ~/.aws).
            "access_key": from_env("AWS_ACCESS_KEY_ID", str, None),
            "secret_key": from_env("AWS_SECRET_ACCESS_KEY", str, None),
            # A folder inside the bucket, when the bucket is shared.
            "location": from_env("AWS_LOCATION", str, ""),
            # Path-style addresses (host/bucket/key) for a custom endpoint, which rarely has
            # a DNS name per bucket; AWS itself takes virtual-host style.
            "addressing_style": from_env(
                "AWS_S3_ADDRESSING_STYLE", str, "path" if endpoint else None
            ),
            "default_acl": None,  # the bucket's own (private) policy, never public-read
            "file_overwrite": False,
            # A file being read spools to disk beyond this, never whole into memory.
            "max_memory_size": 2 * 1024 * 1024,
        },
    }
