"""Settings from the environment: a bad value stops start-up naming the variable; production passes
`check --deploy`. Each test starts `manage.py` in a fresh process with the environment it names."""

import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What settings.py (with settings_env.py) reads; each test starts from none of them set (the
# development defaults).
PORTAL_VARIABLES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SITE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "MEDIA_ROOT",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_LOCATION",
    "AWS_S3_ADDRESSING_STYLE",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
    "USE_X_FORWARDED_PROTO",
    "REQUIRE_STAFF_MFA",
    "DJANGO_SETTINGS_MODULE",
}


def manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in PORTAL_VARIABLES}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def reachable_server_url() -> str:
    """The test run's PostgreSQL server, its maintenance database: `check` asks the server its
    version (Django's check of the generated search vectors), and queries nothing else."""
    from django.db import connection

    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    host = quote(db.get("HOST") or "", safe="")
    return f"postgres://{quote(db.get('USER') or '', safe='')}{password}@{host}{port}/postgres"


def production(tmp_path, **overrides: str) -> dict[str, str]:
    """Production-like settings, on the test run's server (as the entrypoint's check --deploy
    runs with the database up: docker-compose.yml waits for it)."""
    return {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": reachable_server_url(),
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_URL": "smtp://portal:secret@smtp.example.org:587/?tls=True",
        **overrides,
    }


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "postgres//nohost"),
        ("DATABASE_URL", "mysql://x/y"),
        ("DATABASE_URL", "sqlite:///db.sqlite3"),
        ("DATABASE_URL", "notaurl"),
        ("REDIS_URL", "localhost:6379"),
        ("DEBUG", "maybe"),
    ],
)
def test_malformed_value_stops_start_up_naming_the_variable(variable, value):
    result = manage("check", **{variable: value})
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured:")
    assert f"{variable} is malformed ({value!r})" in last_line


def test_uploads_go_to_the_bucket_when_one_is_named():
    show = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    local = manage("shell", "--no-imports", "-c", show)
    assert local.stdout.strip() == "django.core.files.storage.FileSystemStorage"
    bucket = {"AWS_STORAGE_BUCKET_NAME": "uploads", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9"}
    in_bucket = manage("shell", "--no-imports", "-c", show, **bucket)
    assert in_bucket.stdout.strip() == "storages.backends.s3.S3Storage"
    malformed = manage("check", **{**bucket, "AWS_S3_ENDPOINT_URL": "s3.example.org"})
    assert malformed.returncode != 0
    assert "AWS_S3_ENDPOINT_URL is malformed" in malformed.stderr


def test_production_refuses_the_development_secret_key():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_without_redis_fails_the_shared_cache_check(tmp_path):
    result = manage("check", **production(tmp_path, REDIS_URL=""))
    assert result.returncode == 1
    assert "copportal.E001" in result.stderr
    assert "Set REDIS_URL" in result.stderr


def test_production_settings_pass_check_deploy_without_a_warning(tmp_path):
    """Also proves secure cookies, HSTS and SSL redirect (W004, W008, W012, W016 would fire)."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_refuses_console_email_in_production(tmp_path):
    result = manage("check", "--deploy", **production(tmp_path, EMAIL_URL=""))
    assert result.returncode == 1
    assert "mail.E001" in result.stderr
