"""Demonstration resources (load_seeds --demo only): enough variety for every facet to show,
each marked "(demonstration)" in its language and `is_demo`."""

import datetime

from copportal.content import column
from meetings.models import Audience
from meetings.seeds.vocabularies import load_risks

from .upsert import upsert

DEMO = [
    ("en", "guideline", 2021, ["children"], ["cyberbullying"], "europe",
     "Talking with children about cyberbullying",
     "How parents can recognise cyberbullying and talk about it with their children."),
    ("fr", "toolkit", 2022, ["parents-educators"], ["sexual-exploitation-abuse"], "africa",
     "Boîte à outils pour les éducateurs",
     "Reconnaître quand un adulte cherche à exploiter sexuellement un enfant en ligne."),
    ("es", "course", 2023, ["parents-educators", "children"], ["grooming"], "americas",
     "Curso sobre el grooming en línea",
     "Cómo detectar a quien intenta explotar sexualmente a un niño por internet."),
    ("en", "report", 2023, ["policy-makers"], ["age-assurance", "privacy"], "europe",
     "Age assurance and privacy: a review",
     "Methods of age assurance compared for their effect on children's privacy."),
    ("ar", "legislation", 2022, ["policy-makers"], ["privacy"], "arab-states",
     "إطار قانوني لحماية الأطفال على الإنترنت",
     "نموذج تشريعي لحماية خصوصية الأطفال على الإنترنت."),
    ("ru", "statistics", 2024, ["industry"], ["cyberbullying"], "cis",
     "Статистика кибербуллинга среди подростков",
     "Данные о кибербуллинге и о том, как подростки обращаются за помощью."),
    ("zh", "video", 2024, ["children"], ["grooming"], "asia-pacific",
     "儿童上网安全视频",
     "面向儿童的上网安全短片，讲述如何识别网络诱骗。"),
    ("en", "good-practice", 2024, ["industry"], ["sexual-exploitation-abuse"], "asia-pacific",
     "Reporting mechanisms on a national platform",
     "A platform's reporting button and the helpline behind it."),
    ("fr", "report", 2021, ["policy-makers"], ["age-assurance"], "europe",
     "Vérification de l'âge: état des lieux",
     "Ce que les législations demandent aux plateformes pour vérifier l'âge."),
    ("en", "course", 2022, ["parents-educators"], ["privacy"], "africa",
     "Privacy lessons for the classroom",
     "Six lessons on privacy for teachers of children aged 9 to 12."),
]  # fmt: skip
DEMO_MARK = {"en": "(demonstration)", "fr": "(démonstration)", "es": "(demostración)",
             "ru": "(демонстрация)", "ar": "(عرض توضيحي)", "zh": "（演示）"}  # fmt: skip


def load_demo() -> int:
    audiences = {a.slug: a for a in Audience.objects.all()}
    themes = {t.slug: t for t in load_risks()}
    for n, (lang, kind, year, who, about, region, title, summary) in enumerate(DEMO, start=1):
        upsert(
            f"demo-resource-{n}",
            audiences=[audiences[slug] for slug in who],
            themes=[themes[slug] for slug in about],
            original_language=lang,
            language=lang,
            type=kind,
            published_on=datetime.date(year, 1 + n % 12, 1 + n),
            region=region,
            publisher="Demonstration publisher",
            is_demo=True,
            **{
                column("title", lang): f"{title} {DEMO_MARK[lang]}",
                column("summary", lang): summary,
            },
        )
    return len(DEMO)
