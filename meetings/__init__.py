"""Meetings and what belongs to them, one Django app: agenda, liaison notes, outcomes, roadmap."""
