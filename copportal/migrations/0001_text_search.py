"""Text search configurations that ignore accents (PostgreSQL; SQLite has no text search).

`french_unaccent` and `spanish_unaccent` are `french` and `spanish` with each word's accents
removed before it is stemmed (and before its stop words are looked up), so "proteccion"
finds "protección" and "eleves" finds "élèves". They are a second reading, beside `french`
and `spanish` (copportal/search.py's UNACCENTED says why); the resources' and the
contributions' migrations that follow rebuild their vectors with them.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

UNACCENTED = {"french_unaccent": "french", "spanish_unaccent": "spanish"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, language in UNACCENTED.items():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {language})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {language}_stem"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in UNACCENTED:
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [UnaccentExtension(), migrations.RunPython(create, drop)]
