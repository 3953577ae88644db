"""PostgreSQL's search indexes (SQLite searches without them: resources/search.py)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("resource_search_vector", "resources_resource USING gin (search_vector)"),
    ("resource_title_zh_trgm", "resources_resource USING gin (title_zh_hans gin_trgm_ops)"),
    ("resource_summary_zh_trgm", "resources_resource USING gin (summary_zh_hans gin_trgm_ops)"),
    ("searchterm_word_trgm", "resources_searchterm USING gin (word gin_trgm_ops)"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _target in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [TrigramExtension(), migrations.RunPython(create, drop)]
