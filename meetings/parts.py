"""What the rows edited with their meeting share (sessions, outcomes, agenda items)."""


class PartOfMeeting:
    """A row edited with its meeting (a session, an outcome, an agenda item)."""

    def get_additional_data(self) -> dict:
        """Kept with each audit log entry of this row (django-auditlog's hook): its meeting,
        whose history lists it (copportal/audit/registry.py)."""
        return {"meeting": self.meeting_id}
