"""The seeds' vocabularies: the roadmap's themes (from the chair's report), the audiences and
the risks (the portal's own labels, original English); and the helpers the other seeds use."""

from copportal.languages import Language

from ..models import (
    Audience,
    Theme,
)

REPORT = "Chair's report on the 19th and 20th meetings"


def field_texts(field: str, en: str, fr: str) -> dict[str, str]:
    """A translated field's English and French columns, for update_or_create's defaults."""
    return {f"{field}_en": en, f"{field}_fr": fr}


FROM_FRENCH = {"original_language": Language.FRENCH}
FROM_ENGLISH = {"original_language": Language.ENGLISH}


# (slug, (English title, French title), (period), (description)); French from §2.4.
THEMES = [
    (
        "legal-frameworks",
        ("Legal frameworks", "Cadres juridiques"),
        ("Q1 2024", "Premier trimestre de 2024"),
        (
            "Examined at the first meeting of the roadmap, in January 2024.",
            "Les participants à la première réunion, tenue en janvier 2024, ont examiné les "
            "cadres juridiques.",
        ),
    ),
    (
        "regulatory-frameworks",
        (
            "Regulatory frameworks and reporting mechanisms",
            "Cadres réglementaires et mécanismes de signalement",
        ),
        ("Q4 2024", "Quatrième trimestre de 2024"),
        ("", ""),
    ),
    (
        "education-literacy-awareness",
        (
            "Education, digital literacy and national awareness",
            "Éducation, maîtrise des outils numériques et sensibilisation nationale",
        ),
        ("Q1 2025", "Premier trimestre de 2025"),
        ("", ""),
    ),
    (
        "research-technical-tools",
        ("Research and technical tools", "Recherche et outils techniques"),
        ("Q4 2025", "Quatrième trimestre de 2025"),
        ("", ""),
    ),
    (
        "integrating-cop",
        (
            "Integrating child online protection into broader initiatives",
            "Intégration de la protection en ligne des enfants dans des initiatives plus larges",
        ),
        ("Later meetings", "Réunions ultérieures"),
        ("", ""),
    ),
]

# The four audiences of the ITU 2020 Guidelines on Child Online Protection.
AUDIENCES = [
    ("children", ("Children", "Enfants")),
    ("parents-educators", ("Parents and educators", "Parents et éducateurs")),
    ("industry", ("Industry", "Professionnels du secteur")),
    ("policy-makers", ("Policy-makers", "Décideurs")),
]

# Risks that contributions and resources address (DESIGN.md: the library's themes).
RISKS = [
    ("cyberbullying", ("Cyberbullying", "Cyberharcèlement")),
    ("grooming", ("Grooming", "Pédopiégeage")),
    (
        "sexual-exploitation-abuse",
        (
            "Child sexual exploitation and abuse",
            "Exploitation et abus sexuels à l'égard des enfants",
        ),
    ),
    ("privacy", ("Privacy", "Vie privée")),
    ("age-assurance", ("Age assurance", "Vérification de l'âge")),
]


def load_audiences() -> list[Audience]:
    return [
        Audience.objects.update_or_create(
            slug=slug, defaults={**field_texts("name", en, fr), "order": order, **FROM_ENGLISH}
        )[0]
        for order, (slug, (en, fr)) in enumerate(AUDIENCES, start=1)
    ]


def load_risks() -> list[Theme]:
    return [
        Theme.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": Theme.Kind.RISK,
                **field_texts("title", en, fr),
                "order": order,
                **FROM_ENGLISH,
            },
        )[0]
        for order, (slug, (en, fr)) in enumerate(RISKS, start=1)
    ]


def load_roadmap() -> dict[str, Theme]:
    themes = {}
    for order, (slug, title, period, description) in enumerate(THEMES, start=1):
        themes[slug], _ = Theme.objects.update_or_create(
            slug=slug,
            defaults={
                **field_texts("title", *title),
                **field_texts("period", *period),
                **field_texts("description", *description),
                "order": order,
                "source": f"{REPORT}, §2.4",
                **FROM_FRENCH,
            },
        )
    return themes
