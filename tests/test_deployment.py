"""The Docker deployment (Dockerfile, docker-compose.yml, .env.example) stays consistent.

No Docker engine runs in CI, so these tests read the files: services, their commands,
health checks, start order, the uploads volume, and the variables the settings understand.
"""

import json
import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")


def _dockerfile() -> dict[str, list[str]]:
    """Instruction -> its arguments, one entry per occurrence (continuation lines joined)."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    instructions: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.setdefault(keyword.upper(), []).append(rest.strip())
    return instructions


@pytest.fixture(scope="module")
def dockerfile():
    return _dockerfile()


@pytest.fixture(scope="module")
def services():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def _command(service) -> str:
    command = service["command"]
    return command if isinstance(command, str) else " ".join(command)


def _mounts(service) -> dict[str, str]:
    """Named volume -> mount point."""
    return dict(volume.split(":")[:2] for volume in service.get("volumes", []))


def test_the_five_services_exist(services):
    assert set(services) >= {"web", "worker", "beat", "postgres", "redis"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("web", "gunicorn copportal.wsgi"),
        ("worker", "celery -A copportal worker"),
        ("beat", "celery -A copportal beat"),
    ],
)
def test_each_app_service_runs_its_process(services, name, expected):
    assert _command(services[name]).startswith(expected)


def test_web_command_is_the_image_default(services, dockerfile):
    (cmd,) = dockerfile["CMD"]
    assert json.loads(cmd) == services["web"]["command"]


def test_image_is_python_312_slim_and_runs_as_a_user(dockerfile):
    assert dockerfile["FROM"] == ["python:3.12-slim"]
    assert dockerfile["USER"][-1] not in {"root", "0"}


def test_image_installs_from_pyproject_and_collects_static_files(dockerfile):
    assert any(run.startswith("pip install .") for run in dockerfile["RUN"])
    (collectstatic,) = [run for run in dockerfile["RUN"] if "collectstatic --no-input" in run]
    assert "DEBUG=false SECRET_KEY=" in collectstatic


def test_entrypoint_checks_the_deployment_and_migrates_before_gunicorn(dockerfile):
    (entrypoint,) = dockerfile["ENTRYPOINT"]
    (path,) = json.loads(entrypoint)
    (workdir,) = dockerfile["WORKDIR"]
    script = ROOT / Path(path).relative_to(workdir)
    assert os.access(script, os.X_OK)
    text = script.read_text()
    check = text.index("manage.py check --deploy --fail-level WARNING")
    migrate = text.index("manage.py migrate --no-input")
    assert check < migrate < text.index('exec "$@"')
    assert 'if [ "${1:-}" = "gunicorn" ]' in text


@pytest.mark.parametrize("name", ["web", "worker", "postgres", "redis"])
def test_health_checks(services, name):
    test = " ".join(services[name]["healthcheck"]["test"])
    expected = {
        "web": "/readyz",
        "worker": "celery -A copportal inspect ping",
        "postgres": "pg_isready",
        "redis": "redis-cli ping",
    }[name]
    assert expected in test


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_wait_for_healthy_postgres_and_redis(services, name):
    depends_on = services[name]["depends_on"]
    assert depends_on["postgres"]["condition"] == "service_healthy"
    assert depends_on["redis"]["condition"] == "service_healthy"


@pytest.mark.parametrize("name", ["web", "worker"])
def test_uploads_volume_is_mounted_at_media_root(services, name):
    service = services[name]
    assert _mounts(service)["uploads"] == service["environment"]["MEDIA_ROOT"]


def test_data_lives_in_named_volumes():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert {"uploads", "postgres-data", "redis-data"} <= set(compose["volumes"])
    services = compose["services"]
    assert _mounts(services["postgres"])["postgres-data"] == "/var/lib/postgresql/data"
    assert _mounts(services["redis"])["redis-data"] == "/data"
    assert "--appendonly yes" in _command(services["redis"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_run_in_production_mode(services, name):
    environment = services[name]["environment"]
    assert environment["DEBUG"] == "false"
    assert environment["SECRET_KEY"] == "${SECRET_KEY:?set SECRET_KEY}"
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["DATABASE_URL"].endswith("@postgres:5432/copportal")
    assert environment["REDIS_URL"] == "redis://redis:6379/0"


def test_compose_sets_only_variables_the_portal_reads(services):
    """A misspelt variable would be ignored silently, and the setting left at its default."""
    # settings.py, and settings_env.py for the object store's AWS_* variables
    settings = "".join(
        (ROOT / "copportal" / name).read_text() for name in ("settings.py", "settings_env.py")
    )
    # Django itself; gunicorn.conf.py
    read_elsewhere = {"DJANGO_SETTINGS_MODULE", "WEB_CONCURRENCY"}
    gunicorn_conf = (ROOT / "gunicorn.conf.py").read_text()
    read_elsewhere |= set(re.findall(r'_int\("([A-Z_]+)"', gunicorn_conf))
    for name in APP_SERVICES:
        unknown = {
            variable
            for variable in services[name]["environment"]
            if f'"{variable}"' not in settings and variable not in read_elsewhere
        }
        assert not unknown, f"{name} sets {unknown}, which copportal/settings.py does not read"


def test_env_example_documents_every_variable_compose_reads():
    compose = (ROOT / "docker-compose.yml").read_text()
    example = (ROOT / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", compose))
    assert used - documented == set()
    # No real secrets: the required secrets are left empty.
    assert re.search(r"^SECRET_KEY=$", example, flags=re.MULTILINE)
    assert re.search(r"^POSTGRES_PASSWORD=$", example, flags=re.MULTILINE)


def test_docker_context_leaves_out_secrets_and_local_state():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".env", ".venv", ".git", ".devdb", "uploads"} <= set(ignored)


def test_web_runs_threaded_gunicorn_with_a_timeout_for_slow_uploads(services):
    command = _command(services["web"])
    assert "--config gunicorn.conf.py" in command
    config = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), config)  # noqa: S102 (our own file)
    assert config["worker_class"] == "gthread" and config["threads"] >= 2
    assert config["timeout"] >= 300


def test_nginx_example_buffers_requests_and_limits_their_size(services):
    conf = (ROOT / "docker" / "nginx.conf").read_text()
    assert "proxy_request_buffering on;" in conf
    size = re.search(r"client_max_body_size (\d+)m;", conf)
    assert size and int(size.group(1)) * 1024 * 1024 > 20 * 1024 * 1024
    assert 'proxy_set_header X-Request-Start "t=${msec}";' in conf
    # The time nginx spent reading the body, taken off its stamp (copportal/middleware.py).
    assert "proxy_set_header X-Request-Elapsed $request_time;" in conf
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in conf
    proxy = services["proxy"]
    assert "./docker/nginx.conf:/etc/nginx/nginx.conf:ro" in proxy["volumes"]
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
