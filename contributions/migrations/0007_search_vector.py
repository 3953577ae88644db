"""Contributions' stored search vector: the column, its GIN index and the existing rows filled
(PostgreSQL; SQLite searches without them: contributions/search.py)."""

import django.contrib.postgres.search
from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from contributions.search import refresh

    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS contribution_search_vector "
        "ON contributions_contribution USING gin (search_vector)"
    )
    Contribution = apps.get_model("contributions", "Contribution")
    refresh(Contribution.objects.all(), revisions=apps.get_model("contributions", "Revision"))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS contribution_search_vector")


class Migration(migrations.Migration):
    dependencies = [
        # The configurations `refresh` names (it runs today's code on the rows).
        ("copportal", "0001_text_search"),
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
