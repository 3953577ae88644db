"""Liaison notes sent to and received from other bodies, their workflow and reply reminders."""
