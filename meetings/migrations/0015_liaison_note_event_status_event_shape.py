# The liaison notes' events take copportal/workflow.py's StatusEvent shape: the foreign key to
# the note becomes `liaison_note` (the data kept), `note` is now the event's text.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0014_liaison_note_direction_incoming"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="liaisonnoteevent",
            options={
                "ordering": ["liaison_note", "at", "pk"],
                "verbose_name": "liaison note event",
                "verbose_name_plural": "liaison note events",
            },
        ),
        migrations.RenameField(
            model_name="liaisonnoteevent", old_name="note", new_name="liaison_note"
        ),
        migrations.AlterField(
            model_name="liaisonnoteevent",
            name="liaison_note",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="meetings.liaisonnote",
                verbose_name="liaison note",
            ),
        ),
        migrations.AddField(
            model_name="liaisonnoteevent",
            name="note",
            field=models.TextField(blank=True, verbose_name="reason or note"),
        ),
    ]
