"""Shared fixtures: the people of every access test, and the service gates.

Tests marked `redis`, `s3` or `browser` need a real Redis (REDIS_URL), an S3-compatible
server (S3_TEST_ENDPOINT: `.ci/run` starts moto's) or Chromium with Playwright (PostgreSQL is
always there: DATABASE_URL's, else the embedded one of copportal/devdb/). Without them they
skip, unless CI is set: then they fail, so that CI never passes with a service test skipped.
"""

import os
import shutil
import uuid
from contextlib import contextmanager

import pytest
from django.utils import translation

from copportal import pagecache
from copportal.accounts.models import CHAIR_GROUP, SECRETARIAT_GROUP
from copportal.celery import app as celery_app

from .factories import AffiliationFactory, OrganizationFactory, UserFactory

IN_CI = bool(os.environ.get("CI"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _missing(reason: str):
    if IN_CI:
        pytest.fail(f"CI is set but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _service_gates(request):
    if request.node.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
        _missing("this test needs Redis: set REDIS_URL")
    if request.node.get_closest_marker("s3") and not os.environ.get("S3_TEST_ENDPOINT"):
        _missing("this test needs an S3-compatible server: set S3_TEST_ENDPOINT")
    if request.node.get_closest_marker("browser") and not shutil.which(CHROMIUM):
        _missing(f"this test needs Chromium at {CHROMIUM}")


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """A cache of its own for each test (rate-limit counters must not leak between tests)."""
    caches = {alias: dict(config) for alias, config in settings.CACHES.items()}
    caches["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex}"
    settings.CACHES = caches


@pytest.fixture(autouse=True)
def _english():
    """Each test starts in English: a request to /fr/... leaves French active in the thread
    (LocaleMiddleware does not reset it), and reverse() would then prefix /fr/."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path):
    """Uploads go to a temporary folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "uploads"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _eager_celery(settings):
    """Tasks run in-process in tests, unless a test asks for the real broker."""
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True


@pytest.fixture
def django_capture_on_commit_callbacks():
    """pytest-django's, less the page cache's version bumps (copportal/pagecache.py), which
    every save of a watched model adds: a test counts and calls the callbacks its own code
    registers (they still run, with execute=True)."""
    from django.db import DEFAULT_DB_ALIAS
    from django.test import TestCase

    @contextmanager
    def capture(*, using=DEFAULT_DB_ALIAS, execute=False):
        with TestCase.captureOnCommitCallbacks(using=using, execute=execute) as callbacks:
            yield callbacks
        callbacks[:] = [
            callback for callback in callbacks if callback is not pagecache.after_commit
        ]

    return capture


@pytest.fixture
def s3_storage(settings):
    """The default storage is the S3 backend, on a fresh bucket of the test's own at
    S3_TEST_ENDPOINT (use with @pytest.mark.s3). Yields the boto3 bucket, to look inside."""
    import boto3

    endpoint = os.environ["S3_TEST_ENDPOINT"]
    keys = {
        "aws_access_key_id": os.environ.get("S3_TEST_ACCESS_KEY", "testing"),
        "aws_secret_access_key": os.environ.get("S3_TEST_SECRET_KEY", "testing"),
    }
    name = f"test-{uuid.uuid4().hex}"
    bucket = boto3.resource("s3", endpoint_url=endpoint, region_name="us-east-1", **keys).Bucket(
        name
    )
    bucket.create()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "access_key": keys["aws_access_key_id"],
                "secret_key": keys["aws_secret_access_key"],
                "addressing_style": "path",
                "default_acl": None,
                "file_overwrite": False,
                "max_memory_size": 2 * 1024 * 1024,
            },
        },
    }
    yield bucket
    bucket.objects.all().delete()
    bucket.delete()


@pytest.fixture
def audiences(db):
    """The four audiences of the 2020 Guidelines (a migration adds them, but a transactional
    test's flush removes them: load them again)."""
    from meetings.seeds.vocabularies import load_audiences

    return load_audiences()


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="Philippines", iso_code="PHL", region="asia-pacific")


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(name="Malawi", iso_code="MWI", region="africa")


@pytest.fixture
def delegate(organization):
    """A delegate of the Philippines (approved affiliation)."""
    return AffiliationFactory(organization=organization, user__email="owner@example.org").user


@pytest.fixture
def other_delegate(other_organization):
    """A delegate of another Member State."""
    return AffiliationFactory(organization=other_organization, user__email="other@example.org").user


@pytest.fixture
def outsider(db):
    """Signed in, e-mail verified, but no approved affiliation."""
    return UserFactory(email="outsider@example.org")


@pytest.fixture
def chair(db):
    return UserFactory(email="chair@example.org", roles=[CHAIR_GROUP])


@pytest.fixture
def secretariat(db):
    return UserFactory(email="secretariat@example.org", roles=[SECRETARIAT_GROUP])


@pytest.fixture
def client_for(client):
    """client_for(user) -> a test client signed in as user (None: anonymous)."""

    def make(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return make


BROWSER_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser_page(live_server, monkeypatch, settings):
    """A Playwright page in the system Chromium, pointed at the live server (which is also
    the configured SITE_URL, so e-mailed links lead there).

    Use with @pytest.mark.browser and @pytest.mark.django_db(transaction=True).
    """
    from playwright.sync_api import sync_playwright

    settings.SITE_URL = live_server.url
    # Playwright's sync API runs an event loop in this thread; the test still uses the ORM.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
        # A delegate in Manila: the browser's clock is not the server's nor Geneva's.
        context = browser.new_context(
            base_url=live_server.url, locale="en-GB", timezone_id="Asia/Manila"
        )
        page = context.new_page()
        page.set_default_timeout(10_000)
        yield page
        # While Playwright's loop runs, the ORM calls of the test open connections of their own
        # (asgiref's Local keys them by context); close them here, in that same context.
        from django.db import connections

        connections.close_all()
        context.close()
        browser.close()
