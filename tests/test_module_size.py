"""No module over 400 lines: a newcomer reads a feature's module whole.

There are no exceptions (issue 18 split the last ones): a module that needs to grow past the
limit is split along a seam instead."""

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LIMIT = 400
SKIPPED = {".venv", ".git", "migrations", "tests", "node_modules"}


def _line_counts() -> dict[str, int]:
    counts = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if SKIPPED & set(relative.parts):
            continue
        counts[relative.as_posix()] = len(path.read_text(encoding="utf-8").splitlines())
    return counts


def test_no_module_is_over_the_limit():
    counts = _line_counts()
    assert "meetings/models.py" in counts  # the walk finds the project's modules
    too_long = {name: lines for name, lines in counts.items() if lines > LIMIT}
    assert not too_long, f"over {LIMIT} lines: {too_long}"
