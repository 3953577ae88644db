"""The entries of the source documents: the chair's report and Resolution 67 (their own files,
seed_documents/), the 2020 Guidelines, and what else the report cites, with where it cites them.
"""

import io
import re
from pathlib import Path

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from copportal.content import column
from meetings.models import Meeting
from meetings.seeds.vocabularies import load_audiences

from ..models import Resource
from .upsert import upsert

DOCUMENTS = Path(__file__).resolve().parent.parent / "seed_documents"
REPORT_SLUG = "cwg-cop-chair-report-meetings-19-20"
# The files of the two source documents' own entries.
FILES = {
    REPORT_SLUG: "cwg-cop-chair-report-meetings-19-20.fr.txt",
    "wtdc-resolution-67-kigali-2022": "resolution-67-rev-kigali-2022.fr.txt",
}
# Where the chair's report names each entry ({language: part}); the four other languages
# come from copportal/data/seed_translations/.
CITED = {
    "cop-guidelines-2020-policy-makers": {"en": "section 2.4", "fr": "paragraphe 2.4"},
    # §2.4 names the Guidelines for policy-makers; the four are one set (2020 Guidelines).
    "cop-guidelines-2020-industry": {
        "en": "section 2.4 (the Guidelines for policy-makers, of the same set)",
        "fr": "paragraphe 2.4 (les Lignes directrices à l'intention des décideurs, "
        "du même ensemble)",
    },
    "cop-guidelines-2020-parents-educators": {
        "en": "section 2.4 (the Guidelines for policy-makers, of the same set)",
        "fr": "paragraphe 2.4 (les Lignes directrices à l'intention des décideurs, "
        "du même ensemble)",
    },
    "cop-guidelines-2020-children": {
        "en": "section 2.4 (the Guidelines for policy-makers, of the same set)",
        "fr": "paragraphe 2.4 (les Lignes directrices à l'intention des décideurs, "
        "du même ensemble)",
    },
    "wtdc-resolution-67-kigali-2022": {
        "en": "Annex (draft resolution), considering b)",
        "fr": "Annexe (projet de résolution), considérant b)",
    },
    "pp-resolution-179-bucharest-2022": {
        "en": "Annex (draft resolution), considering a)",
        "fr": "Annexe (projet de résolution), considérant a)",
    },
    "council-resolution-1306": {
        "en": "Annex (draft resolution), considering c)",
        "fr": "Annexe (projet de résolution), considérant c)",
    },
    "international-girls-in-ict-day": {
        "en": "Annex (draft resolution), recognizing b)",
        "fr": "Annexe (projet de résolution), reconnaissant b)",
    },
}
# The public pages of the entries, each with where it was found.
LINKS = {
    # Stated by the chair's report itself (annex, footnote 2): the ITU map of the events
    # of the Day, on the Girls in ICT portal.
    "international-girls-in-ict-day": "https://www.itu.int/en/ITU-D/Digital-Inclusion/"
    "Women-and-Girls/Girls-in-ICT-Portal/Pages/Portaldev.aspx",
    # The ITU COP Guidelines' own site, one page per audience (its report, executive summary
    # and tools), read in stored public pages (search tool, corpus `pages`, queries "ITU
    # Guidelines for policy-makers on Child Online Protection 2020", "Guidelines for Parents
    # and educators on Child Online Protection 2020 ...", "COP guidelines for children Sango
    # ..."). No page for industry was found there: that entry is cited only.
    "cop-guidelines-2020-policy-makers": "https://www.itu-cop-guidelines.com/policymakers",
    "cop-guidelines-2020-parents-educators": (
        "https://www.itu-cop-guidelines.com/parentsandeducators"
    ),
    "cop-guidelines-2020-children": "https://www.itu-cop-guidelines.com/children",
}

GUIDELINES_FR = "Lignes directrices de 2020 de l'UIT sur la protection en ligne des enfants"
# The ITU 2020 Guidelines on Child Online Protection: one per audience. The French title for
# policy-makers is the chair's report's (§2.4); the others follow its wording.
GUIDELINES = [
    (
        "cop-guidelines-2020-policy-makers",
        "policy-makers",
        "Guidelines for policy-makers on Child Online Protection",
        f"{GUIDELINES_FR} à l'intention des décideurs",
    ),
    (
        "cop-guidelines-2020-industry",
        "industry",
        "Guidelines for industry on Child Online Protection",
        f"{GUIDELINES_FR} à l'intention du secteur privé",
    ),
    (
        "cop-guidelines-2020-parents-educators",
        "parents-educators",
        "Guidelines for parents and educators on Child Online Protection",
        f"{GUIDELINES_FR} à l'intention des parents et des éducateurs",
    ),
    (
        "cop-guidelines-2020-children",
        "children",
        "Guidelines for children on Child Online Protection",
        f"{GUIDELINES_FR} à l'intention des enfants",
    ),
]

GUIDELINES_SUMMARY_FR = (
    "Les Lignes directrices de 2020 de l'UIT sur la protection en ligne des enfants; la "
    "feuille de route 2024-2026 du GTC-COP suit celles qui sont destinées aux décideurs."
)

# (slug, type, year, original language, {language: title}, {language: summary})
OTHERS = [
    (
        "wtdc-resolution-67-kigali-2022",
        Resource.Type.RESOLUTION,
        2022,
        "fr",
        {
            "fr": "Résolution 67 (Rév. Kigali, 2022): Rôle du Secteur du développement des "
            "télécommunications de l'UIT dans la protection en ligne des enfants",
        },
        {
            "fr": "Résolution de la Conférence mondiale de développement des télécommunications "
            "(Kigali, 2022) sur le rôle de l'UIT-D dans la protection en ligne des enfants: "
            "coordination avec le GTC-COP, rapports trimestriels des bureaux régionaux, "
            "diffusion des matériels didactiques dans les langues officielles de l'UIT."
        },
    ),
    (
        "pp-resolution-179-bucharest-2022",
        Resource.Type.RESOLUTION,
        2022,
        "fr",
        {
            "fr": "Résolution 179 (Rév. Bucarest, 2022) de la Conférence de plénipotentiaires: "
            "Rôle de l'UIT dans la protection en ligne des enfants"
        },
        {
            "fr": "Poursuivre l'initiative COP, aider les États Membres, en particulier les pays "
            "en développement, à élaborer et à mettre en œuvre des feuilles de route COP."
        },
    ),
    (
        "council-resolution-1306",
        Resource.Type.RESOLUTION,
        2015,
        "fr",
        {
            "fr": "Résolution 1306 du Conseil (C09, dernière mod. C15): Rôle de l'UIT concernant "
            "les questions de politiques publiques internationales relatives à la création "
            "d'un environnement Internet plus sûr pour les enfants"
        },
        {"fr": "La résolution du Conseil qui a créé le Groupe de travail (GTC-COP)."},
    ),
    (
        "international-girls-in-ict-day",
        Resource.Type.OTHER,
        None,
        "en",
        {
            "en": "International Girls in ICT Day",
            "fr": "Journée internationale des jeunes filles dans le secteur des TIC",
        },
        {
            "fr": "Programme de l'UIT cité par le projet de résolution adopté à la 20e réunion: "
            "11 400 activités dans 171 pays depuis 2011, selon la carte de l'UIT des "
            "manifestations pour la Journée."
        },
    ),
    (
        "cwg-cop-chair-report-meetings-19-20",
        Resource.Type.REPORT,
        2024,
        "fr",
        {
            "fr": "Rapport du Président du Groupe de travail du Conseil sur la protection en "
            "ligne des enfants (GTC-COP): résultats des dix-neuvième et vingtième réunions"
        },
        {
            "fr": "Les résultats des réunions du 10 octobre 2023 et des 22 et 23 janvier 2024: "
            "feuille de route thématique 2024-2026, recommandations, projet de résolution sur "
            "la Journée internationale des jeunes filles dans le secteur des TIC."
        },
    ),
]


def _document(name: str) -> SimpleUploadedFile:
    """A source document (its text, seed_documents/) as a DOCX in French, for its entry."""
    text = (DOCUMENTS / name).read_text(encoding="utf-8")
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    text = re.sub(r"\[footnoteRef:(\d+)\]", r"[\1]", text)
    document = docx.Document()
    document.core_properties.language = "fr-FR"
    for line in text.splitlines():
        document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(
        name.removesuffix(".txt") + ".docx",
        buffer.getvalue(),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def _sources(slug: str, report: Resource | None) -> dict:
    """The seeded link, file and citation of an entry (see LINKS, FILES and CITED)."""
    fields = {"link": LINKS.get(slug, "")}
    if slug in CITED and report is not None:
        fields["cited_in"] = report
        fields |= {column("cited_section", lang): part for lang, part in CITED[slug].items()}
    name = FILES.get(slug)
    return fields | ({"upload": lambda: _document(name)} if name else {})


def _load_other(entry, report: Resource | None) -> Resource:
    slug, kind, year, original, titles, summaries = entry
    fields = {column("title", lang): text for lang, text in titles.items()}
    fields |= {column("summary", lang): text for lang, text in summaries.items()}
    return upsert(
        slug,
        audiences=[],
        themes=[],
        original_language=original,
        language=original,
        type=kind,
        year=year,
        publisher="ITU",
        **fields,
        **_sources(slug, report),
    )


def load_real() -> int:
    audiences = {a.slug: a for a in load_audiences()}
    # The chair's report first: the other entries name it as the document that cites them.
    others = {entry[0]: entry for entry in OTHERS}
    report = _load_other(others.pop(REPORT_SLUG), None)
    count = 1
    for slug, audience, english, french in GUIDELINES:
        upsert(
            slug,
            audiences=[audiences[audience]],
            themes=[],
            original_language="en",
            language="en",
            type=Resource.Type.GUIDELINE,
            year=2020,
            publisher="ITU",
            title_en=english,
            title_fr=french,
            summary_fr=GUIDELINES_SUMMARY_FR,
            **_sources(slug, report),
        )
        count += 1
    for entry in others.values():
        _load_other(entry, report)
        count += 1
    return count


# The chair's report is the record of the meetings it reports on: their pages link to it.
RECORDS = {"cwg-cop-chair-report-meetings-19-20": [19, 20]}


def link_records() -> None:
    for slug, numbers in RECORDS.items():
        Resource.objects.get(slug=slug).records.set(Meeting.objects.filter(number__in=numbers))
