"""A meeting's deadline reminder days: the chair's choice for one meeting (MeetingReminders),
the defaults and the check in copportal/notifications/schedule.py, and the chair's page
(/notifications/meetings/<n>/reminders/). contributions/reminders.py sends them."""
