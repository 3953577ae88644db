# The reminder days of a meeting belong to the meeting (meetings.MeetingReminders); its
# migration 0016 copied the rows there before this one drops the table.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0002_constraint_messages'),
        ('meetings', '0017_meeting_reminders'),
    ]

    operations = [
        migrations.DeleteModel(
            name='MeetingReminders',
        ),
    ]
