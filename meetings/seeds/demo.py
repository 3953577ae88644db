"""The demonstration meeting (made up, marked as such; English and French, original English)
and its agenda, released twice so that the changelog has something to show."""

import datetime
from decimal import Decimal

from django.utils import timezone

from copportal import seed_translations

from ..agenda import services as agenda_services
from ..models import (
    Agenda,
    AgendaItem,
    Meeting,
    Theme,
)
from .vocabularies import FROM_ENGLISH, field_texts

# The demo chair (copportal/accounts/seeds.py makes the demo accounts before meetings).
DEMO_CHAIR_EMAIL = "chair@example.org"
DEMO_MEETING_NUMBER = 99
DEMO_DEADLINE_WEEKS = 3
DEMO_SUMMARY = (
    "A demonstration meeting, to try the portal. It is not a meeting of the group.",
    "Une réunion de démonstration, pour essayer le portail. Ce n'est pas une réunion du Groupe.",
)


def load_demo_meeting(themes: dict[str, Theme]) -> Meeting:
    """An upcoming, made-up meeting whose deadline lies three weeks after the first load.

    Created once: loading again keeps its dates, so nothing submitted to it moves (its text
    is brought up to date).
    """
    texts = {**field_texts("summary", *DEMO_SUMMARY), **FROM_ENGLISH}
    meeting = Meeting.objects.filter(number=DEMO_MEETING_NUMBER).first()
    if meeting:
        Meeting.objects.filter(pk=meeting.pk).update(**texts)
        meeting.refresh_from_db()
        return meeting
    from django.conf import settings

    today = timezone.localdate()
    opens = today + datetime.timedelta(
        days=settings.CONTRIBUTION_DEADLINE_DAYS + 7 * DEMO_DEADLINE_WEEKS
    )
    return Meeting.objects.create(
        number=DEMO_MEETING_NUMBER,
        start_date=opens,
        end_date=opens + datetime.timedelta(days=1),
        duration_days=Decimal("1.5"),
        theme=themes["integrating-cop"],
        is_demo=True,
        **texts,
    )


# The demonstration meeting's agenda: released twice, so the changelog has something to show.
DEMO_AGENDA_V1 = [
    ("Opening of the meeting (demonstration)", "Ouverture de la réunion (démonstration)"),
    ("Adoption of the agenda (demonstration)", "Adoption de l'ordre du jour (démonstration)"),
    ("Contributions on the theme (demonstration)", "Contributions sur le thème (démonstration)"),
    ("Any other business (demonstration)", "Divers (démonstration)"),
]


def _demo_item(meeting, by, english, french, parent=None, **extra):
    version = Agenda.objects.get(meeting=meeting).version
    return agenda_services.agenda_item_create(
        meeting=meeting,
        by=by,
        version=version,
        parent=parent,
        title_en=english,
        title_fr=french,
        **extra,
    )


def load_demo_agenda(meeting: Meeting, *, chair) -> int:
    """Build and release the demo meeting's agenda twice, once; returns its latest version."""
    latest = meeting.agenda_releases.order_by("-version").first()
    if latest:
        return latest.version
    Agenda.objects.get_or_create(meeting=meeting)
    items = [
        _demo_item(meeting, chair, english, french, description_en="A demonstration item.")
        for english, french in DEMO_AGENDA_V1
    ]
    items[0].start_time = datetime.time(9, 30)
    items[0].duration_minutes = 15
    items[0].presenter = "The chair (demonstration)"
    items[0].save()
    seed_translations.fill([AgendaItem])  # a release freezes the items' texts: all six
    agenda_services.agenda_release(
        meeting=meeting,
        by=chair,
        note="First draft for the demonstration meeting.",
        version=Agenda.objects.get(meeting=meeting).version,
    )
    # Version 2: a sub-item, a session added and moved up. (The demo contributions are seeded
    # after meetings and stay unallocated: the builder's warnings show them.)
    _demo_item(
        meeting,
        chair,
        "Presentation of the contributions received (demonstration)",
        "Présentation des contributions reçues (démonstration)",
        parent=items[2],
        description_en="Each contribution is presented by its authors.",
    )
    session = _demo_item(
        meeting,
        chair,
        "Expert orientation session (demonstration)",
        "Session d'orientation d'experts (démonstration)",
        description_en="Experts present their work on the theme.",
    )
    agenda_services.agenda_item_move(
        item_id=session.pk,
        by=chair,
        direction="up",
        version=Agenda.objects.get(meeting=meeting).version,
    )
    seed_translations.fill([AgendaItem])
    release = agenda_services.agenda_release(
        meeting=meeting,
        by=chair,
        note="An expert orientation session is added before any other business.",
        version=Agenda.objects.get(meeting=meeting).version,
    )
    return release.version
