"""The seeds' data for meetings: the roadmap, meetings 19 and 20, their outcomes and notes.

Source: the chair's report on the 19th and 20th meetings (shared/seeds, French original),
rendered in English. The demo meeting is made up and marked as such.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from copportal.accounts.models import Organization

from . import services
from .models import (
    Agenda,
    Audience,
    DraftResolution,
    LiaisonNote,
    LiaisonRecipient,
    Meeting,
    Recommendation,
    Session,
    Theme,
)

REPORT = "Chair's report on the 19th and 20th meetings"

THEMES = [
    (
        "legal-frameworks",
        "Legal frameworks",
        "Q1 2024",
        "Examined at the first meeting of the roadmap, in January 2024.",
    ),
    (
        "regulatory-frameworks",
        "Regulatory frameworks and reporting mechanisms",
        "Q4 2024",
        "",
    ),
    (
        "education-literacy-awareness",
        "Education, digital literacy and national awareness",
        "Q1 2025",
        "",
    ),
    ("research-technical-tools", "Research and technical tools", "Q4 2025", ""),
    (
        "integrating-cop",
        "Integrating child online protection into broader initiatives",
        "Later meetings",
        "",
    ),
]

# The four audiences of the ITU 2020 Guidelines on Child Online Protection.
AUDIENCES = [
    ("children", "Children"),
    ("parents-educators", "Parents and educators"),
    ("industry", "Industry"),
    ("policy-makers", "Policy-makers"),
]

# Risks that contributions and resources address (DESIGN.md: the library's themes).
RISKS = [
    ("cyberbullying", "Cyberbullying"),
    ("grooming", "Grooming"),
    ("sexual-exploitation-abuse", "Child sexual exploitation and abuse"),
    ("privacy", "Privacy"),
    ("age-assurance", "Age assurance"),
]

DRAFT_RESOLUTION_TITLE = (
    "Encouraging ITU Member States and Sector Members, through the Union, to prioritize, "
    "strengthen and streamline child online protection activities through specific "
    "programmes such as International Girls in ICT Day"
)

DRAFT_RESOLUTION_TEXT = """The ITU Council,

considering
a) Resolution 179 (Rev. Bucharest, 2022) of the Plenipotentiary Conference, on ITU's role in child online protection;
b) Resolution 67 (Kigali, 2022) of the World Telecommunication Development Conference, on the role of the Telecommunication Development Sector in child online protection;
c) Resolution 1306 (C09, last amended C15), on "ITU's role in international public policy issues relating to creating a safer Internet environment for children",

recalling
Resolution 1306 (C09), under which a working group on child online protection was established,

taking into account
Resolution 179 (Rev. Bucharest, 2022), which resolved, among other things:
a) to continue the COP initiative as a means of raising awareness of child online safety issues and exchanging good practices;
b) to continue to assist and support Member States, in particular developing countries, in developing and implementing COP roadmaps;
c) to continue to coordinate the COP initiative in cooperation with the stakeholders concerned,

recognizing
a) the urgent need for collective action against online child sexual exploitation and abuse;
b) that Member States broadly support girls in ICT, with 11 400 activities organized in 171 countries since 2011 for International Girls in ICT Day, according to the ITU map of Girls in ICT Day events,

resolves
1 to promote, coordinate and support digital inclusion programmes and other ITU programmes on the rights and well-being of children, by providing information and resources on online safety;
2 to allocate the resources needed to ensure that children and young people acquire, and learn to use, the skills to protect themselves online,

invites Member States and Sector Members
1 to prioritize, strengthen and streamline strategic child online protection activities through specific programmes such as International Girls in ICT Day;
2 to continue collaborating on this subject with other ITU members."""


def load_audiences() -> list[Audience]:
    return [
        Audience.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})[0]
        for order, (slug, name) in enumerate(AUDIENCES, start=1)
    ]


def load_risks() -> list[Theme]:
    return [
        Theme.objects.update_or_create(
            slug=slug, defaults={"kind": Theme.Kind.RISK, "title": title, "order": order}
        )[0]
        for order, (slug, title) in enumerate(RISKS, start=1)
    ]


def load_roadmap() -> dict[str, Theme]:
    themes = {}
    for order, (slug, title, period, description) in enumerate(THEMES, start=1):
        themes[slug], _ = Theme.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "period": period,
                "description": description,
                "order": order,
                "source": f"{REPORT}, §2.4",
            },
        )
    return themes


def _organizations(*names: str) -> list[Organization]:
    return [Organization.objects.get(name=name) for name in names]


def load_meeting_19() -> Meeting:
    meeting, _ = Meeting.objects.update_or_create(
        number=19,
        defaults={
            "start_date": datetime.date(2023, 10, 10),
            "end_date": datetime.date(2023, 10, 10),
            "duration_days": Decimal("1"),
            "reported_contributions": 24,
            "reported_contributions_is_minimum": False,
            "summary": (
                "The chair stressed the growing importance of the group, which received 24 "
                "contributions, a first in its history, and was joined by several outside "
                "experts in child online protection. The chair gave an overview of how "
                "contributions are submitted and of their deadlines, and proposed improving "
                "the group's website by bringing in the resources that contributors share."
            ),
        },
    )
    session, _ = Session.objects.update_or_create(
        meeting=meeting,
        title="From theory to practice",
        defaults={
            "kind": Session.Kind.SPECIAL,
            "description": (
                "Member States presented their experience in implementing child online "
                "protection strategies: the challenges, the results and the successes."
            ),
            "order": 1,
        },
    )
    session.presenters.set(_organizations("Malawi", "Armenia", "Albania"))
    Recommendation.objects.update_or_create(
        meeting=meeting,
        order=1,
        defaults={
            "text": (
                "Prepare a recommendation to extend the time allotted to the Council "
                "Working Group to one and a half days."
            ),
            "source": f"{REPORT}, §2.2",
        },
    )
    resolution, _ = DraftResolution.objects.update_or_create(
        meeting=meeting,
        title="Two draft resolutions presented by the Republic of the Philippines",
        defaults={
            "status": DraftResolution.Status.WITHDRAWN,
            "summary": (
                "The chair suggested that the Administration take account of the "
                "contributors' comments and merge the two resolutions into one, to be "
                "submitted again in January."
            ),
        },
    )
    resolution.proposers.set(_organizations("Philippines"))
    return meeting


RECOMMENDATIONS_20 = [
    "Propose to Council a review of its Resolution 1306 on the mandate of CWG-COP.",
    (
        "Define mechanisms to improve access to the valuable resources and information "
        "presented in contributions to the group, and the ways they can be used."
    ),
    "Improve the contribution template so that it gives better guidance to contributors.",
]


def load_meeting_20(themes: dict[str, Theme]) -> Meeting:
    meeting, _ = Meeting.objects.update_or_create(
        number=20,
        defaults={
            "start_date": datetime.date(2024, 1, 22),
            "end_date": datetime.date(2024, 1, 23),
            "duration_days": Decimal("1.5"),
            "theme": themes["legal-frameworks"],
            "reported_contributions": 30,
            "reported_contributions_is_minimum": True,
            "summary": (
                "An unprecedented number of contributions (more than 30) reflects the trust "
                "placed in the group as a platform for sharing good practices on child online "
                "protection, and the importance of appropriate, up-to-date legal frameworks. "
                "Participants thanked the Kingdom of Saudi Arabia for the Global Cybersecurity "
                "Forum institute and the Global initiative to protect children in cyberspace. "
                "The chair explained how to access contributions and set the themes of the "
                "meetings from 2024 to 2026."
            ),
        },
    )
    for order, text in enumerate(RECOMMENDATIONS_20, start=1):
        Recommendation.objects.update_or_create(
            meeting=meeting, order=order, defaults={"text": text, "source": f"{REPORT}, §2.4"}
        )
    resolution, _ = DraftResolution.objects.update_or_create(
        meeting=meeting,
        title=DRAFT_RESOLUTION_TITLE,
        defaults={
            "status": DraftResolution.Status.ADOPTED,
            "summary": (
                "Proposed and coordinated by the Republic of the Philippines; adopted by the "
                "group and forwarded to Council for approval."
            ),
            "text": DRAFT_RESOLUTION_TEXT,
            "note": "A footnote giving the source of the figures in the text is to be added.",
        },
    )
    resolution.proposers.set(_organizations("Philippines"))
    _liaison_note(
        meeting,
        subject="Results of the 19th and 20th meetings of CWG-COP",
        body=(
            "CWG-COP informs ITU-D Study Group 2 of the results of its last two meetings, "
            "held between October 2023 and January 2024. Approved under agenda item 7, "
            "Any other business."
        ),
        body_name="ITU-D SG2",
        detail="Question 3/2",
    )
    _liaison_note(
        meeting,
        subject=(
            "Contribution of euCONSENT and SWGfL on Internet awareness and end-to-end encryption"
        ),
        body=(
            "CWG-COP informs ITU-T Study Group 17 of the contribution of euCONSENT and SWGfL "
            "on Internet awareness and end-to-end encryption. Approved under agenda item 7, "
            "Any other business."
        ),
        body_name="ITU-T SG17",
        detail="",
    )
    Agenda.objects.update_or_create(
        meeting=meeting,
        defaults={
            "original_language": "fr",
            "reported_fr": (
                "Le rapport du Président ne donne pas l'ordre du jour complet. Il indique que "
                "deux notes de liaison ont été approuvées dans le cadre du point 7 de l'ordre "
                "du jour, « Divers » : l'une à la Commission d'études 2 de l'UIT-D, l'autre à "
                "la Commission d'études 17 de l'UIT-T."
            ),
            "reported_en": (
                "The chair's report does not give the full agenda. It records that two "
                'liaison notes were approved under agenda item 7, "Any other business" '
                "(Divers): one to ITU-D Study Group 2, the other to ITU-T Study Group 17."
            ),
        },
    )
    return meeting


def _liaison_note(meeting, *, subject, body, body_name, detail) -> LiaisonNote:
    note, _ = LiaisonNote.objects.update_or_create(
        meeting=meeting,
        subject=subject,
        defaults={"body": body, "status": LiaisonNote.Status.SENT},
    )
    # Approved under item 7 and sent by the group, per the report: dated the meeting's last day.
    if note.approved_at is None or note.sent_at is None:
        note.approved_at = note.approved_at or datetime.datetime(
            2024, 1, 23, 17, 0, tzinfo=datetime.UTC
        )
        note.sent_at = note.sent_at or datetime.datetime(2024, 1, 23, 17, 0, tzinfo=datetime.UTC)
        note.save(update_fields=["approved_at", "sent_at"])
    LiaisonRecipient.objects.update_or_create(
        note=note,
        body=body_name,
        defaults={"detail": detail, "purpose": LiaisonRecipient.Purpose.INFORMATION},
    )
    return note


DEMO_MEETING_NUMBER = 99
DEMO_DEADLINE_WEEKS = 3


def load_demo_meeting(themes: dict[str, Theme]) -> Meeting:
    """An upcoming, made-up meeting whose deadline lies three weeks after the first load.

    Created once: loading again keeps its dates, so nothing submitted to it moves.
    """
    meeting = Meeting.objects.filter(number=DEMO_MEETING_NUMBER).first()
    if meeting:
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
        summary="A demonstration meeting, to try the portal. It is not a meeting of the group.",
    )


def load_meetings(*, demo: bool) -> list[Meeting]:
    load_audiences()
    load_risks()
    themes = load_roadmap()
    meetings = [load_meeting_19(), load_meeting_20(themes)]
    if demo:
        meetings.append(load_demo_meeting(themes))
    return meetings


# The demonstration meeting's agenda: released twice, so the changelog has something to show.
DEMO_AGENDA_V1 = [
    ("Opening of the meeting (demonstration)", "Ouverture de la réunion (démonstration)"),
    ("Adoption of the agenda (demonstration)", "Adoption de l'ordre du jour (démonstration)"),
    ("Contributions on the theme (demonstration)", "Contributions sur le thème (démonstration)"),
    ("Any other business (demonstration)", "Divers (démonstration)"),
]


def _demo_item(meeting, by, english, french, parent=None, **extra):
    version = Agenda.objects.get(meeting=meeting).version
    return services.agenda_item_create(
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
    services.agenda_release(
        meeting=meeting,
        by=chair,
        note="First draft for the demonstration meeting.",
        version=Agenda.objects.get(meeting=meeting).version,
    )
    # Version 2: a sub-item with the published demo contribution, a session moved up.
    sub = _demo_item(
        meeting,
        chair,
        "Presentation of the contributions received (demonstration)",
        "Présentation des contributions reçues (démonstration)",
        parent=items[2],
        description_en="Each contribution is presented by its authors.",
    )
    published = meeting.contributions.filter(status="published")
    published.update(agenda_item=sub)
    session = _demo_item(
        meeting,
        chair,
        "Expert orientation session (demonstration)",
        "Session d'orientation d'experts (démonstration)",
        description_en="Experts present their work on the theme.",
    )
    services.agenda_item_move(
        item_id=session.pk,
        by=chair,
        direction="up",
        version=Agenda.objects.get(meeting=meeting).version,
    )
    release = services.agenda_release(
        meeting=meeting,
        by=chair,
        note="An expert orientation session is added before any other business.",
        version=Agenda.objects.get(meeting=meeting).version,
    )
    return release.version
