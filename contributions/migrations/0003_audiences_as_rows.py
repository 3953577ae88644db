from django.db import migrations, models


def codes_to_rows(apps, schema_editor):
    Contribution = apps.get_model("contributions", "Contribution")
    Audience = apps.get_model("meetings", "Audience")
    by_slug = {audience.slug: audience for audience in Audience.objects.all()}
    for contribution in Contribution.objects.exclude(audience_codes=[]):
        rows = [by_slug[code] for code in contribution.audience_codes or [] if code in by_slug]
        contribution.audiences.set(rows)


def rows_to_codes(apps, schema_editor):
    Contribution = apps.get_model("contributions", "Contribution")
    for contribution in Contribution.objects.prefetch_related("audiences"):
        contribution.audience_codes = [a.slug for a in contribution.audiences.all()]
        contribution.save(update_fields=["audience_codes"])


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0002_file_types_in_one_place"),
        ("meetings", "0002_audiences_and_theme_kinds"),
    ]

    operations = [
        migrations.RenameField("contribution", "audiences", "audience_codes"),
        migrations.AddField(
            model_name="contribution",
            name="audiences",
            field=models.ManyToManyField(
                blank=True,
                related_name="contributions",
                to="meetings.audience",
                verbose_name="audiences",
            ),
        ),
        migrations.RunPython(codes_to_rows, rows_to_codes),
        migrations.RemoveField("contribution", "audience_codes"),
    ]
