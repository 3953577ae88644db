"""The seeds' data for meetings 19 and 20: their sessions, outcomes and liaison notes.

Source: the chair's report on the 19th and 20th meetings (shared/seeds, French original):
the French is the report's own wording, the English a rendering of it; their original
language is French. The audiences' and risks' labels are the portal's (original English). The
demo meeting is made up and marked as such (English and French, original English).
Seeding runs in English (translation.override) so that lookups and the base columns use the
English text, and it can run again: update_or_create on stable keys.
"""

import datetime
from decimal import Decimal

from copportal.accounts.models import Organization

from ..models import (
    Agenda,
    DraftResolution,
    LiaisonNote,
    LiaisonRecipient,
    Meeting,
    Recommendation,
    Session,
    Theme,
)
from .vocabularies import FROM_FRENCH, REPORT, field_texts

DRAFT_RESOLUTION_TITLE = (
    "Encouraging ITU Member States and Sector Members, through the Union, to prioritize, "
    "strengthen and streamline child online protection activities through specific "
    "programmes such as International Girls in ICT Day"
)

DRAFT_RESOLUTION_TITLE_FR = (
    "Encourager les États Membres et les Membres de Secteur de l'UIT, par l'intermédiaire de "
    "l'Union, à accorder la priorité aux activités de protection en ligne des enfants, à les "
    "renforcer et à les rationnaliser au moyen de programmes spécifiques tels que la Journée "
    "internationale des jeunes filles dans le secteur des TIC"
)

# The annex of the chair's report, without its footnotes (as the English).
DRAFT_RESOLUTION_TEXT_FR = """Le Conseil de l'UIT,

considérant
a) la Résolution 179 (Rév. Bucarest, 2022) de la Conférence de plénipotentiaires relative au rôle de l'UIT dans la protection en ligne des enfants;
b) la Résolution 67 (Kigali, 2022) de la Conférence mondiale de développement des télécommunications relative au rôle du Secteur du développement des télécommunications dans la protection en ligne des enfants;
c) la Résolution 1306 (C09, dernière mod. C15) relative au "Rôle de l'UIT concernant les questions de politiques publiques internationales relatives à la création d'un environnement Internet plus sûr pour les enfants",
rappelant
la Résolution 1306 (C09), au titre de laquelle un groupe de travail pour la protection en ligne des enfants a été créé,
tenant compte
de la Résolution 179 (Rév. Bucarest, 2022), en vertu de laquelle il a été décidé, entre autres choses:
a) de poursuivre l'initiative COP comme moyen de sensibiliser davantage l'opinion aux problèmes liés à la sécurité en ligne des enfants et d'échanger de bonnes pratiques en la matière;
b) de continuer d'apporter une assistance et un appui aux États Membres, en particulier aux pays en développement, pour l'élaboration et la mise en œuvre de feuilles de route concernant l'initiative COP;
c) de continuer d'assurer la coordination de l'initiative COP, en coopération avec les parties prenantes concernées,
reconnaissant
a) qu'il existe une nécessité impérieuse de procéder de manière urgente à des interventions collectives pour lutter contre l'exploitation et les abus sexuels à l'égard des enfants en ligne;
b) que les États Membres soutiennent largement les jeunes filles dans le secteur des TIC, avec 11 400 activités organisées dans 171 pays depuis 2011 dans le cadre de la Journée internationale des jeunes filles dans le secteur des TIC, selon la carte de l'UIT des manifestations pour la Journée des jeunes filles dans le secteur des TIC,
décide
1 de promouvoir, de coordonner et d'appuyer les programmes relatifs à l'inclusion numérique et d'autres programmes placés sous l'égide de l'UIT relatifs aux droits et au bien‑être des enfants, en fournissant des informations et des ressources sur la sécurité en ligne;
2 d'allouer les ressources nécessaires pour veiller à ce que les enfants et les jeunes acquièrent des compétences pour se protéger en ligne et apprennent à les utiliser,
invite les États Membres et les Membres de Secteur
1 à accorder la priorité aux activités stratégiques en matière de protection en ligne des enfants, à les renforcer et à les rationaliser au moyen de programmes spécifiques tels que la Journée internationale des jeunes filles dans le secteur des TIC;
2 à poursuivre la collaboration sur ce sujet avec d'autres membres de l'UIT."""

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


def _organizations(*names: str) -> list[Organization]:
    return [Organization.objects.get(name_en=name) for name in names]


def load_meeting_19() -> Meeting:
    meeting, _ = Meeting.objects.update_or_create(
        number=19,
        defaults={
            "start_date": datetime.date(2023, 10, 10),
            "end_date": datetime.date(2023, 10, 10),
            "duration_days": Decimal("1"),
            "reported_contributions": 24,
            "reported_contributions_is_minimum": False,
            **field_texts(
                "summary",
                "The chair stressed the growing importance of the group, which received 24 "
                "contributions, a first in its history, and was joined by several outside "
                "experts in child online protection. The chair gave an overview of how "
                "contributions are submitted and of their deadlines, and proposed improving "
                "the group's website by bringing in the resources that contributors share.",
                "Le Président du Groupe a souligné l'importance croissante du GTC-COP, qui a "
                "reçu 24 contributions, une première dans son histoire; les participants étaient "
                "accompagnés de plusieurs experts extérieurs en matière de protection en ligne "
                "des enfants. Le Président a donné aux participants un aperçu du processus de "
                "soumission des contributions aux travaux du GTC-COP et les a informés des "
                "délais associés. Il a proposé d'améliorer le site web du GTC-COP de l'UIT, "
                "notamment en intégrant les ressources fournies par les auteurs de "
                "contributions aux travaux du GTC-COP.",
            ),
            **FROM_FRENCH,
        },
    )
    session, _ = Session.objects.update_or_create(
        meeting=meeting,
        title_en="From theory to practice",
        defaults={
            "kind": Session.Kind.SPECIAL,
            "title_fr": "De la théorie à la pratique",
            **field_texts(
                "description",
                "Member States presented their experience in implementing child online "
                "protection strategies: the challenges, the results and the successes.",
                "Présentation par des États Membres (Malawi, Arménie et Albanie) de leur "
                "expérience concernant la mise en œuvre de stratégies de protection en ligne "
                "des enfants, en particulier les défis, les résultats et les réussites.",
            ),
            "order": 1,
            **FROM_FRENCH,
        },
    )
    session.presenters.set(_organizations("Malawi", "Armenia", "Albania"))
    Recommendation.objects.update_or_create(
        meeting=meeting,
        order=1,
        defaults={
            **field_texts(
                "text",
                "Prepare a recommendation to extend the time allotted to the Council "
                "Working Group to one and a half days.",
                "Élaborer une recommandation destinée à être présentée en vue de porter à un "
                "jour et demi le temps imparti au Groupe de travail du Conseil.",
            ),
            "source": f"{REPORT}, §2.2",
            **FROM_FRENCH,
        },
    )
    resolution, _ = DraftResolution.objects.update_or_create(
        meeting=meeting,
        title_en="Two draft resolutions presented by the Republic of the Philippines",
        defaults={
            "status": DraftResolution.Status.WITHDRAWN,
            "title_fr": "Deux Résolutions présentées par la République des Philippines",
            **field_texts(
                "summary",
                "The chair suggested that the Administration take account of the "
                "contributors' comments and merge the two resolutions into one, to be "
                "submitted again in January.",
                "Le Président a suggéré aux membres du GTC-COP que l'Administration tienne "
                "compte des observations et suggestions des auteurs de contributions et "
                "regroupe les deux Résolutions dans une seule et même Résolution qui sera "
                "soumise à nouveau en janvier.",
            ),
            **FROM_FRENCH,
        },
    )
    resolution.proposers.set(_organizations("Philippines"))
    Agenda.objects.update_or_create(
        meeting=meeting,
        defaults={
            "original_language": "fr",
            "reported_fr": AGENDA_19[1],
            "reported_en": AGENDA_19[0],
        },
    )
    return meeting


# What the report (§2.1, §2.2) says of the 19th meeting's agenda: (English, French).
AGENDA_19 = (
    "The chair's report does not give the meeting's agenda. It records a special session, "
    '"From theory to practice", in which Member States (Malawi, Armenia and Albania) presented '
    "their experience in implementing child online protection strategies, and that the chair "
    "gave an overview of how contributions are submitted and of their deadlines.",
    "Le rapport du Président ne donne pas l'ordre du jour de la réunion. Il indique que la "
    "réunion comprenait une session spéciale intitulée « De la théorie à la pratique », au "
    "cours de laquelle des États Membres (Malawi, Arménie et Albanie) ont présenté leur "
    "expérience concernant la mise en œuvre de stratégies de protection en ligne des enfants, "
    "et que le Président a donné aux participants un aperçu du processus de soumission des "
    "contributions et des délais associés.",
)


RECOMMENDATIONS_20 = [
    (
        "Propose to Council a review of its Resolution 1306 on the mandate of CWG-COP.",
        "Proposer au Conseil un examen de sa Résolution 1306 concernant le mandat du GTC-COP.",
    ),
    (
        "Define mechanisms to improve access to the valuable resources and information "
        "presented in contributions to the group, and the ways they can be used.",
        "Définir des mécanismes destinés à améliorer l'accès aux ressources et informations "
        "précieuses présentées dans les contributions soumises au Groupe et les possibilités "
        "d'utilisation de ces ressources et informations.",
    ),
    (
        "Improve the contribution template so that it gives better guidance to contributors.",
        "Améliorer le modèle de sorte à fournir de meilleures orientations aux auteurs de "
        "contributions.",
    ),
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
            **field_texts(
                "summary",
                "An unprecedented number of contributions (more than 30) reflects the trust "
                "placed in the group as a platform for sharing good practices on child online "
                "protection, and the importance of appropriate, up-to-date legal frameworks. "
                "Participants thanked the Kingdom of Saudi Arabia for the Global Cybersecurity "
                "Forum institute and the Global initiative to protect children in cyberspace. "
                "The chair explained how to access contributions and set the themes of the "
                "meetings from 2024 to 2026.",
                "Un nombre sans précédent de contributions (plus de 30) est le reflet de la "
                "confiance accordée au Groupe en tant que plate-forme pour le partage de bonnes "
                "pratiques et l'échange de données d'expérience sur la protection en ligne des "
                "enfants; il souligne combien il est important d'avoir des cadres législatifs "
                "appropriés et mis à jour. Les participants ont remercié le Royaume d'Arabie "
                "saoudite pour la création de l'institut du Forum mondial sur la cybersécurité "
                "(GCF) et pour l'Initiative mondiale pour la protection des enfants dans le "
                "cyberespace. Le Président a présenté la procédure pour accéder aux "
                "contributions et les thèmes des réunions à venir de 2024 à 2026.",
            ),
            **FROM_FRENCH,
        },
    )
    for order, (en, fr) in enumerate(RECOMMENDATIONS_20, start=1):
        Recommendation.objects.update_or_create(
            meeting=meeting,
            order=order,
            defaults={**field_texts("text", en, fr), "source": f"{REPORT}, §2.4", **FROM_FRENCH},
        )
    resolution, _ = DraftResolution.objects.update_or_create(
        meeting=meeting,
        title_en=DRAFT_RESOLUTION_TITLE,
        defaults={
            "status": DraftResolution.Status.ADOPTED,
            "title_fr": DRAFT_RESOLUTION_TITLE_FR,
            **field_texts(
                "summary",
                "Proposed and coordinated by the Republic of the Philippines; adopted by the "
                "group and forwarded to Council for approval.",
                "Le projet de Résolution proposé et coordonné par la République des Philippines "
                "a été adopté par le Groupe et sera transmis pour approbation au Conseil.",
            ),
            **field_texts("text", DRAFT_RESOLUTION_TEXT, DRAFT_RESOLUTION_TEXT_FR),
            **field_texts(
                "note",
                "A footnote giving the source of the figures in the text is to be added.",
                "Il a été noté qu'il conviendrait d'inclure une note de bas de page concernant "
                "la source des chiffres présentés dans le texte.",
            ),
            **FROM_FRENCH,
        },
    )
    resolution.proposers.set(_organizations("Philippines"))
    _liaison_note(
        meeting,
        subject=(
            "Results of the 19th and 20th meetings of CWG-COP",
            "Résultats des dix-neuvième et vingtième réunions du GTC-COP",
        ),
        body=(
            "CWG-COP informs ITU-D Study Group 2 of the results of its last two meetings, "
            "held between October 2023 and January 2024. Approved under agenda item 7, "
            "Any other business.",
            "Note de liaison à la CE 2 de l'UIT-D sur les résultats des deux dernières réunions "
            "du GTC-COP (dix-neuvième et vingtième réunions tenues entre octobre 2023 et "
            "janvier 2024), conformément à l'approbation obtenue dans le cadre du point 7 de "
            'l\'ordre du jour, "Divers".',
        ),
        body_name="ITU-D SG2",
        detail="Question 3/2",
    )
    _liaison_note(
        meeting,
        subject=(
            "Contribution of euCONSENT and SWGfL on Internet awareness and end-to-end encryption",
            "Contribution d'euCONSENT et de SWGfL sur la sensibilisation à l'Internet et le "
            "chiffrement de bout en bout",
        ),
        body=(
            "CWG-COP informs ITU-T Study Group 17 of the contribution of euCONSENT and SWGfL "
            "on Internet awareness and end-to-end encryption. Approved under agenda item 7, "
            "Any other business.",
            "Note de liaison à la CE 17 de l'UIT-T, pour l'informer de la contribution "
            "d'euCONSENT et de SWGfL sur la sensibilisation à l'Internet et le chiffrement de "
            "bout en bout, conformément à l'approbation obtenue dans le cadre du point 7 de "
            'l\'ordre du jour, "Divers".',
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
    """subject and body: (English, French)."""
    note, _ = LiaisonNote.objects.update_or_create(
        meeting=meeting,
        subject_en=subject[0],
        defaults={
            "subject_fr": subject[1],
            **field_texts("body", *body),
            "status": LiaisonNote.Status.SENT,
            **FROM_FRENCH,
        },
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
