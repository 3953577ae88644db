"""Keep the resources table's rows narrow (PostgreSQL): a row longer than 2 kB keeps only
its short columns inline; its long texts (bodies, file text, the search vector, long
summaries) go out of line, compressed.

Search and facets read every matching row's type, language, region, year and status; with
the texts inline a row took about 2.8 kB (three rows a page), so counting 25,000 matches read
14,000 pages. Narrow, 100,000 resources fit in about 3,000 pages, which stay in memory.
Applies to rows as they are written (the services rewrite a row's vector on every change).
"""

from django.db import migrations


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE resources_resource SET (toast_tuple_target = 128)")


def wide(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE resources_resource RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("resources", "0003_constraint_messages")]

    operations = [migrations.RunPython(narrow, wide)]
