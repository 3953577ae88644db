"""The probes: /livez checks nothing; /healthz the database only (no broker connection per
request); /readyz the database, cache and broker, a quick 503 naming what is down."""

import time

import pytest
from django.db import OperationalError

from copportal import health
from copportal.celery import app as celery_app

# Nothing listens on this port: a Redis that is down, without stopping the real one.
DEAD_REDIS = "redis://127.0.0.1:6390/0"


@pytest.fixture
def broker():
    """use(url): the broker check really connects to url (not eager); restored afterwards."""
    saved = celery_app.conf.broker_url

    def use(url):
        celery_app.conf.broker_url = url
        celery_app.conf.task_always_eager = False

    yield use
    celery_app.conf.broker_url = saved
    celery_app.conf.task_always_eager = True


@pytest.mark.django_db
def test_all_up(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "up",
        "checks": {"database": "up", "cache": "up", "broker": "up"},
        "down": [],
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_redis_down_is_a_quick_503_naming_cache_and_broker(client, settings, broker):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    broker(DEAD_REDIS)
    started = time.monotonic()
    response = client.get("/readyz")
    # One attempt each, no back-off sleep (kombu's default retry alone sleeps 2 s).
    assert time.monotonic() - started < 2
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down"
    assert body["down"] == ["cache", "broker"]
    assert body["checks"]["database"] == "up"
    assert body["checks"]["cache"].startswith("down: ")
    assert body["checks"]["broker"].startswith("down: ")


@pytest.mark.django_db
def test_database_down_is_a_503_naming_the_database(client, monkeypatch):
    def unreachable():
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", unreachable)
    for url in ("/healthz", "/readyz"):
        response = client.get(url)
        assert response.status_code == 503
        assert response.json()["down"] == ["database"]
        assert response.json()["checks"]["database"] == "down: OperationalError"


def test_probes_are_served_over_plain_http_in_production(settings, client, monkeypatch):
    """The load balancer probes over HTTP: no redirect to HTTPS for the probes."""
    settings.SECURE_SSL_REDIRECT = True
    monkeypatch.setitem(health.CHECKS, "database", lambda: True)
    for url in ("/livez", "/healthz", "/readyz"):
        assert client.get(url).status_code == 200, url
    assert client.get("/").status_code == 301


@pytest.mark.redis
@pytest.mark.django_db
def test_real_redis_is_up_through_a_real_broker_connection(client, settings, broker, monkeypatch):
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    broker(settings.REDIS_URL)
    connected = []
    connection_for_write = celery_app.connection_for_write

    def spy(*args, **kwargs):
        connection = connection_for_write(*args, **kwargs)
        ensure_connection = connection.ensure_connection

        def ensure(*args, **kwargs):
            result = ensure_connection(*args, **kwargs)
            connected.append((connection.transport_cls, connection.connected))
            return result

        connection.ensure_connection = ensure
        return connection

    monkeypatch.setattr(celery_app, "connection_for_write", spy)
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json()["down"] == []
    assert connected == [("redis", True)]


@pytest.mark.django_db
def test_healthz_checks_the_database_and_opens_no_broker_or_cache_connection(
    client, broker, monkeypatch
):
    broker(DEAD_REDIS)  # were it asked, the broker would be down

    def forbidden(*args, **kwargs):
        raise AssertionError("/healthz asked the broker or the cache")

    monkeypatch.setattr(celery_app, "connection_for_write", forbidden)
    monkeypatch.setitem(health.CHECKS, "cache", forbidden)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "up", "checks": {"database": "up"}, "down": []}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_livez_is_a_constant_ok_that_checks_nothing(client, monkeypatch, django_assert_num_queries):
    def forbidden():
        raise AssertionError("/livez ran a check")

    for name in health.CHECKS:
        monkeypatch.setitem(health.CHECKS, name, forbidden)
    with django_assert_num_queries(0):
        response = client.get("/livez")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
