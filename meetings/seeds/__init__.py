"""The seeds' data for meetings: the roadmap, meetings 19 and 20, their outcomes and notes."""

from django.utils import translation

from copportal.accounts.models import User

from ..models import Meeting
from .demo import DEMO_CHAIR_EMAIL, load_demo_agenda, load_demo_meeting
from .history import load_meeting_19, load_meeting_20
from .vocabularies import load_audiences, load_risks, load_roadmap


def load_meetings(*, demo: bool) -> list[Meeting]:
    with translation.override("en"):
        return _load_meetings(demo=demo)


def _load_meetings(*, demo: bool) -> list[Meeting]:
    load_audiences()
    load_risks()
    themes = load_roadmap()
    meetings = [load_meeting_19(), load_meeting_20(themes)]
    if demo:
        meetings.append(load_demo_meeting(themes))
    return meetings


def load(*, demo: bool) -> list[str]:
    """The seeding interface (manage.py load_seeds): the roadmap, meetings and their outcomes."""
    meetings = load_meetings(demo=demo)
    lines = [f"Loaded {len(meetings)} meetings: {', '.join(str(m.number) for m in meetings)}."]
    chair = User.objects.filter(email=DEMO_CHAIR_EMAIL).first()
    if demo and chair:
        demo_meeting = next(meeting for meeting in meetings if meeting.is_demo)
        version = load_demo_agenda(demo_meeting, chair=chair)
        lines.append(f"Demo meeting {demo_meeting.number}: agenda version {version}.")
    return lines
