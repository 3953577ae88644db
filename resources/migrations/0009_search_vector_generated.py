"""The search vector becomes a column PostgreSQL generates from the row (resources/search.py), so
that no write has to remember to refresh it; the Chinese text, which SQL cannot cut into words,
is kept in two columns the expression reads, filled here for the existing rows (the Chinese
title, summary and body; a Chinese file's text). The old column goes with its index; the GIN
index is made again on the new one."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.functions.comparison
import django.db.models.functions.text
from django.db import migrations, models

import copportal.search


def fill(apps, schema_editor):
    from resources.search import fill_stored

    fill_stored(apps.get_model("resources", "Resource").objects.all())


class Migration(migrations.Migration):
    dependencies = [("copportal", "0001_text_search"), ("resources", "0008_resource_events")]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="chinese_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="resource",
            name="chinese_file_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RemoveField(model_name="resource", name="search_vector"),
        migrations.AddField(
            model_name="resource",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=copportal.search.Vectors(
                    django.contrib.postgres.search.SearchVector(
                        models.F("title_ar"), config="arabic", weight="A"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("summary_ar"), config="arabic", weight="B"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("body_ar"), config="arabic", weight="C"
                    ),
                    django.db.models.functions.comparison.Coalesce(
                        models.F("chinese_vector"),
                        models.Value(
                            "", output_field=django.contrib.postgres.search.SearchVectorField()
                        ),
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("title_en"), config="english", weight="A"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("summary_en"), config="english", weight="B"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("body_en"), config="english", weight="C"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("title_fr"), config="french", weight="A"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("title_fr"), config="french_unaccent", weight="A"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("summary_fr"), config="french", weight="B"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("summary_fr"), config="french_unaccent", weight="B"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("body_fr"), config="french", weight="C"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("body_fr"), config="french_unaccent", weight="C"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("title_ru"), config="russian", weight="A"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("summary_ru"), config="russian", weight="B"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("body_ru"), config="russian", weight="C"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("title_es"), config="spanish", weight="A"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("title_es"), config="spanish_unaccent", weight="A"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("summary_es"), config="spanish", weight="B"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("summary_es"), config="spanish_unaccent", weight="B"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("body_es"), config="spanish", weight="C"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        models.F("body_es"), config="spanish_unaccent", weight="C"
                    ),
                    django.contrib.postgres.search.SearchVector(
                        "publisher", config="simple", weight="B"
                    ),
                    models.Case(
                        models.When(
                            language="ar",
                            then=copportal.search.Vectors(
                                django.contrib.postgres.search.SearchVector(
                                    django.db.models.functions.text.Substr("file_text", 1, 100000),
                                    config="arabic",
                                    weight="D",
                                )
                            ),
                        ),
                        models.When(
                            language="zh",
                            then=django.db.models.functions.comparison.Coalesce(
                                models.F("chinese_file_vector"),
                                models.Value(
                                    "",
                                    output_field=django.contrib.postgres.search.SearchVectorField(),
                                ),
                            ),
                        ),
                        models.When(
                            language="en",
                            then=copportal.search.Vectors(
                                django.contrib.postgres.search.SearchVector(
                                    django.db.models.functions.text.Substr("file_text", 1, 100000),
                                    config="english",
                                    weight="D",
                                )
                            ),
                        ),
                        models.When(
                            language="fr",
                            then=copportal.search.Vectors(
                                django.contrib.postgres.search.SearchVector(
                                    django.db.models.functions.text.Substr("file_text", 1, 100000),
                                    config="french",
                                    weight="D",
                                ),
                                django.contrib.postgres.search.SearchVector(
                                    django.db.models.functions.text.Substr("file_text", 1, 100000),
                                    config="french_unaccent",
                                    weight="D",
                                ),
                            ),
                        ),
                        models.When(
                            language="ru",
                            then=copportal.search.Vectors(
                                django.contrib.postgres.search.SearchVector(
                                    django.db.models.functions.text.Substr("file_text", 1, 100000),
                                    config="russian",
                                    weight="D",
                                )
                            ),
                        ),
                        models.When(
                            language="es",
                            then=copportal.search.Vectors(
                                django.contrib.postgres.search.SearchVector(
                                    django.db.models.functions.text.Substr("file_text", 1, 100000),
                                    config="spanish",
                                    weight="D",
                                ),
                                django.contrib.postgres.search.SearchVector(
                                    django.db.models.functions.text.Substr("file_text", 1, 100000),
                                    config="spanish_unaccent",
                                    weight="D",
                                ),
                            ),
                        ),
                        default=copportal.search.Vectors(
                            django.contrib.postgres.search.SearchVector(
                                django.db.models.functions.text.Substr("file_text", 1, 100000),
                                config="simple",
                                weight="D",
                            )
                        ),
                        output_field=django.contrib.postgres.search.SearchVectorField(),
                    ),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.AddIndex(
            model_name="resource",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="resource_search_vector"
            ),
        ),
    ]
