"""The search vector becomes a column PostgreSQL generates from the row (contributions/search.py),
so that no write has to remember to refresh it; what SQL cannot compute from the row is kept in
two columns the expression reads, filled here for the existing rows: a Chinese original's title
and abstract cut into words (`chinese_vector`) and the files' text (`files_vector`). The old
column goes with its index; the GIN index is made again on the new one."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.functions.comparison
from django.db import migrations, models

import copportal.search


def fill(apps, schema_editor):
    from contributions.search import fill_stored

    Contribution = apps.get_model("contributions", "Contribution")
    fill_stored(Contribution.objects.all(), revisions=apps.get_model("contributions", "Revision"))


class Migration(migrations.Migration):
    dependencies = [("copportal", "0001_text_search"), ("contributions", "0010_meeting_archive")]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="chinese_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="contribution",
            name="files_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RemoveField(model_name="contribution", name="search_vector"),
        migrations.AddField(
            model_name="contribution",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=copportal.search.Vectors(
                    models.Case(
                        models.When(
                            original_language="ar",
                            then=copportal.search.Vectors(
                                django.contrib.postgres.search.SearchVector(
                                    models.F("title"), config="arabic", weight="A"
                                ),
                                django.contrib.postgres.search.SearchVector(
                                    models.F("abstract"), config="arabic", weight="B"
                                ),
                            ),
                        ),
                        models.When(
                            original_language="zh",
                            then=django.db.models.functions.comparison.Coalesce(
                                models.F("chinese_vector"),
                                models.Value(
                                    "",
                                    output_field=django.contrib.postgres.search.SearchVectorField(),
                                ),
                            ),
                        ),
                        models.When(
                            original_language="en",
                            then=copportal.search.Vectors(
                                django.contrib.postgres.search.SearchVector(
                                    models.F("title"), config="english", weight="A"
                                ),
                                django.contrib.postgres.search.SearchVector(
                                    models.F("abstract"), config="english", weight="B"
                                ),
                            ),
                        ),
                        models.When(
                            original_language="fr",
                            then=copportal.search.Vectors(
                                django.contrib.postgres.search.SearchVector(
                                    models.F("title"), config="french", weight="A"
                                ),
                                django.contrib.postgres.search.SearchVector(
                                    models.F("title"), config="french_unaccent", weight="A"
                                ),
                                django.contrib.postgres.search.SearchVector(
                                    models.F("abstract"), config="french", weight="B"
                                ),
                                django.contrib.postgres.search.SearchVector(
                                    models.F("abstract"), config="french_unaccent", weight="B"
                                ),
                            ),
                        ),
                        models.When(
                            original_language="ru",
                            then=copportal.search.Vectors(
                                django.contrib.postgres.search.SearchVector(
                                    models.F("title"), config="russian", weight="A"
                                ),
                                django.contrib.postgres.search.SearchVector(
                                    models.F("abstract"), config="russian", weight="B"
                                ),
                            ),
                        ),
                        models.When(
                            original_language="es",
                            then=copportal.search.Vectors(
                                django.contrib.postgres.search.SearchVector(
                                    models.F("title"), config="spanish", weight="A"
                                ),
                                django.contrib.postgres.search.SearchVector(
                                    models.F("title"), config="spanish_unaccent", weight="A"
                                ),
                                django.contrib.postgres.search.SearchVector(
                                    models.F("abstract"), config="spanish", weight="B"
                                ),
                                django.contrib.postgres.search.SearchVector(
                                    models.F("abstract"), config="spanish_unaccent", weight="B"
                                ),
                            ),
                        ),
                        default=copportal.search.Vectors(
                            django.contrib.postgres.search.SearchVector(
                                models.F("title"), config="simple", weight="A"
                            ),
                            django.contrib.postgres.search.SearchVector(
                                models.F("abstract"), config="simple", weight="B"
                            ),
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                    django.db.models.functions.comparison.Coalesce(
                        models.F("files_vector"),
                        models.Value(
                            "", output_field=django.contrib.postgres.search.SearchVectorField()
                        ),
                    ),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="contribution",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="contribution_search_vector"
            ),
        ),
    ]
