"""The meetings' records the audit log keeps, and their officer pages (copportal/audit)."""

from django.urls import reverse

from copportal.audit.registry import Audited


def _meeting_edit(meeting):
    return reverse("meetings:edit", args=[meeting.number])


def _agenda_edit(number):
    return reverse("meetings:agenda_edit", args=[number])


def _outcomes(number):
    return reverse("meetings:outcomes_edit", args=[number])


AUDITED = (
    Audited(
        "meetings.meeting",
        _meeting_edit,
        parts=(
            ("meetings.session", "meeting", "pk"),
            ("meetings.recommendation", "meeting", "pk"),
            ("meetings.draftresolution", "meeting", "pk"),
        ),
    ),
    Audited(
        "meetings.session",
        lambda session: _meeting_edit(session.meeting),
        related=("meeting",),
        m2m=("presenters",),
    ),
    Audited(
        "meetings.agenda",
        lambda agenda: _agenda_edit(agenda.meeting.number),
        related=("meeting",),
        # Raised by every structural change: the items' own entries say what changed.
        exclude=("version",),
        parts=(("meetings.agendaitem", "meeting", "meeting_id"),),
    ),
    Audited(
        "meetings.agendaitem",
        lambda item: reverse("meetings:agenda_item_edit", args=[item.meeting.number, item.pk]),
        related=("meeting",),
    ),
    Audited(
        "meetings.recommendation",
        lambda recommendation: _outcomes(recommendation.meeting.number),
        related=("meeting",),
    ),
    Audited(
        "meetings.draftresolution",
        lambda resolution: _outcomes(resolution.meeting.number),
        related=("meeting",),
        m2m=("proposers",),
    ),
    Audited("meetings.theme", lambda theme: reverse("meetings:theme_edit", args=[theme.slug])),
    Audited(
        "meetings.liaisonnote",
        lambda note: reverse("meetings:liaison_note", args=[note.pk]),
        parts=(("meetings.liaisonrecipient", "liaison_note", "pk"),),
    ),
    Audited(
        "meetings.liaisonrecipient",
        lambda recipient: reverse("meetings:liaison_note", args=[recipient.note_id]),
    ),
)
