from django.db import migrations


class Migration(migrations.Migration):
    """DeadlineChange belongs to meetings (it records a change to a Meeting): the table is
    renamed here and the model is created, without touching the table, in meetings 0003."""

    dependencies = [
        ("contributions", "0003_audiences_as_rows"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("deadlinechange", "meetings_deadlinechange"),
            ],
            state_operations=[migrations.DeleteModel("deadlinechange")],
        ),
    ]
