"""Contributions' stored search vector: the column and its GIN index
(PostgreSQL; SQLite searches without them: contributions/search.py)."""

import django.contrib.postgres.search
from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS contribution_search_vector "
        "ON contributions_contribution USING gin (search_vector)"
    )
    # The existing rows' vectors are filled by 0009, once the configurations its code names
    # exist (copportal 0001): this migration ran today's refresh before, which cannot run here.


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS contribution_search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0006_in_grace"),
    ]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create, drop),
    ]
