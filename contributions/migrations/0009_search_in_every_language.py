"""The stored vectors rebuilt (PostgreSQL): French and Spanish without accents
(copportal/migrations/0001), Chinese cut into words (contributions/search.py). Nothing to
undo: the previous code rewrites a row's vector on its next change."""

from django.db import migrations


def rebuild(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from contributions.search import refresh

    Contribution = apps.get_model("contributions", "Contribution")
    refresh(Contribution.objects.all(), revisions=apps.get_model("contributions", "Revision"))


class Migration(migrations.Migration):
    dependencies = [
        ("copportal", "0001_text_search"),
        ("contributions", "0008_constraint_messages"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
