"""The stored vectors rebuilt (PostgreSQL): French and Spanish without accents
(copportal/migrations/0001), Chinese cut into words (resources/search.py). Nothing to undo:
the previous code rewrites a row's vector on its next change."""

from django.db import migrations


def rebuild(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from resources.search import refresh

    refresh(apps.get_model("resources", "Resource").objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("copportal", "0001_text_search"),
        ("resources", "0004_narrow_heap"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
