"""Fill the database with a large made-up library and contributions, fast (for benchmarks).

Every row is marked as demonstration (`is_demo`, meeting 900 marked `is_demo`, titles ending
"(benchmark)"): never run it on a production database. Rows go in with COPY; PostgreSQL
generates the search vectors, and what it cannot compute (Chinese cut into words, the
contributions' files) is written after each batch.
"""

import datetime
import itertools
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from contributions import search as contribution_search
from contributions.models import Contribution, ContributionSource, Document, Revision
from copportal.accounts.models import Organization, User
from copportal.languages import Language
from meetings.models import Audience, Meeting, Theme
from meetings.seeds.vocabularies import load_audiences, load_risks
from resources import search
from resources.models import Resource

BENCH_MEETING = 900
BATCH = 5000
# Words of the domain in each language, put together into plausible sentences.
WORDS = {
    "en": (
        "child online protection safety children parents educators industry policy makers "
        "cyberbullying grooming sexual exploitation abuse privacy age assurance reporting "
        "mechanisms legal frameworks regulatory national strategy awareness digital literacy "
        "helpline platform school teachers research technical tools encryption risks harm "
        "guidance training course toolkit good practice statistics survey legislation rights"
    ),
    "fr": (
        "protection en ligne des enfants sécurité parents éducateurs secteur privé décideurs "
        "cyberharcèlement pédopiégeage exploitation sexuelle abus vie privée vérification âge "
        "mécanismes signalement cadres juridiques réglementaires stratégie nationale "
        "sensibilisation culture numérique ligne assistance plateforme école enseignants "
        "recherche outils techniques chiffrement risques préjudice formation bonnes pratiques"
    ),
    "es": (
        "protección en línea de la infancia seguridad niños padres educadores industria "
        "responsables políticas ciberacoso grooming explotación sexual abuso privacidad "
        "verificación edad mecanismos denuncia marcos jurídicos estrategia nacional "
        "sensibilización alfabetización digital línea ayuda plataforma escuela docentes "
        "investigación herramientas cifrado riesgos daño formación buenas prácticas"
    ),
    "ru": (
        "защита детей в интернете безопасность дети родители педагоги отрасль политики "
        "кибербуллинг груминг сексуальная эксплуатация насилие конфиденциальность возраст "
        "механизмы сообщения правовые рамки национальная стратегия осведомленность цифровая "
        "грамотность горячая линия платформа школа учителя исследования инструменты риски"
    ),
    "ar": (
        "حماية الأطفال على الإنترنت السلامة الأطفال الآباء المربون الصناعة واضعو السياسات "
        "التنمر الإلكتروني الاستمالة الاستغلال الجنسي الإساءة الخصوصية التحقق من العمر آليات "
        "الإبلاغ الأطر القانونية الاستراتيجية الوطنية التوعية المعرفة الرقمية خط المساعدة"
    ),
    "zh": "儿童 在线 保护 安全 家长 教育工作者 行业 决策者 网络欺凌 诱骗 性剥削 隐私 年龄 "
    "验证 举报 机制 法律 框架 国家 战略 意识 数字 素养 热线 平台 学校 教师 研究 工具",
}
# Most of the library in English and French, as in practice.
LANGUAGE_WEIGHTS = {"en": 45, "fr": 25, "es": 12, "ru": 7, "ar": 6, "zh": 5}
REGIONS = ["africa", "americas", "arab-states", "asia-pacific", "cis", "europe", ""]


SYLLABLES = {
    "en": "ba be co di fa ge hi jo ka le mi no pa qu ra se ti vo wa ze",
    "fr": "ba bé co di fa ge hi jo ka le mi no pa qu ra sé ti vo ou an",
    "es": "ba be co di fa ge hi jo ka le mi no pa qu ra se ti vo ña ue",
    "ru": "ба бе ко ди фа ге хи жо ка ле ми но па ку ра се ти во ша зе",
    "ar": "با بي كو دي فا جي هي جو كا لي مي نو با قو را سي تي فو وا زي",
    "zh": "安 保 策 德 法 广 和 家 经 立 民 能 平 情 人 生 通 网 信 学",
}
TAIL = 4000  # made-up words per language after the domain's: text has a long tail


class Vocabulary:
    """A language's words with Zipf frequencies: a few very common, most of them rare."""

    def __init__(self, rng: random.Random, domain: list[str], syllables: list[str]):
        tail = {
            "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(TAIL)
        }
        words = sorted(tail - set(domain))
        rng.shuffle(words)
        domain = list(domain)
        rng.shuffle(domain)
        # The domain's words spread over the first few hundred ranks: common to fairly rare.
        for n, word in enumerate(domain):
            words.insert(n * 8, word)
        self.words = words
        weights = [1 / (rank + 1) for rank in range(len(words))]
        self.cumulative = list(itertools.accumulate(weights))

    def sample(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


def sentence(rng: random.Random, words: "Vocabulary", count: int) -> str:
    return " ".join(words.sample(rng, count))


def _prepared(model, objects: list) -> tuple[list[str], list[tuple]]:
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    columns = [connection.ops.quote_name(f.column) for f in fields]
    # Read the instance's own values: modeltranslation's descriptors would give the current
    # language's text for the plain translated columns (title, summary, body).
    rows = [
        tuple(f.get_db_prep_save(o.__dict__.get(f.attname), connection) for f in fields)
        for o in objects
    ]
    return columns, rows


def insert(model, objects: list) -> None:
    """COPY (ids given)."""
    if not objects:
        return
    columns, rows = _prepared(model, objects)
    table = model._meta.db_table
    with connection.cursor() as cursor:
        sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


def reset_sequences(*models) -> None:
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            # A model's own table name, not user input.
            sql = f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 1))"  # noqa: E501, S608
            cursor.execute(sql)


def next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


class Command(BaseCommand):
    help = "Generate a large made-up library and contributions for benchmarks (demo rows)."

    def add_arguments(self, parser):
        parser.add_argument("--resources", type=int, default=100_000)
        parser.add_argument("--contributions", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=67)

    def handle(self, *args, resources, contributions, seed, **options):
        if Resource.objects.filter(slug__startswith="bench-").exists():
            raise CommandError("Benchmark rows are already there: use a fresh database.")
        rng = random.Random(seed)
        words = {
            code: Vocabulary(rng, WORDS[code].split(), SYLLABLES[code].split()) for code in WORDS
        }
        started = time.perf_counter()
        with transaction.atomic():
            self._resources(rng, words, resources)
        made = time.perf_counter() - started
        self.stdout.write(f"{resources} resources in {made:.1f} s (vectors included).")
        started = time.perf_counter()
        with transaction.atomic():
            self._contributions(rng, words, contributions)
        made = time.perf_counter() - started
        self.stdout.write(f"{contributions} contributions in {made:.1f} s (vectors included).")
        with connection.cursor() as cursor:
            # Each batch was written twice (COPY, then the vectors): compact the table,
            # narrow rows only (migration 0004), as rows written one by one end up.
            # VACUUM cannot run in a transaction: the tests' gets ANALYZE alone.
            vacuum = "" if connection.in_atomic_block else "VACUUM FULL "
            cursor.execute(f"{vacuum}ANALYZE resources_resource")

    def _resources(self, rng, words, count):
        audiences = list(Audience.objects.all()) or load_audiences()
        themes = list(Theme.objects.all()) or load_risks()
        languages = rng.choices(list(LANGUAGE_WEIGHTS), LANGUAGE_WEIGHTS.values(), k=count)
        types = Resource.Type.values
        now = timezone.now()
        first = next_id(Resource)
        Through = Resource.audiences.through
        ThemeThrough = Resource.themes.through
        for start in range(0, count, BATCH):
            batch, audience_links, theme_links = [], [], []
            for i in range(start, min(start + BATCH, count)):
                pk = first + i
                lang = languages[i]
                w = words[lang]
                title = f"{sentence(rng, w, rng.randint(4, 9))} (benchmark)"
                year = rng.randint(2008, 2025)
                resource = Resource(
                    id=pk,
                    slug=f"bench-{pk}",
                    type=rng.choice(types),
                    language=lang,
                    original_language=lang,
                    region=rng.choice(REGIONS),
                    publisher="Benchmark publisher",
                    year=year,
                    published_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                    status=Resource.Status.PUBLISHED if rng.random() < 0.9 else "draft",
                    is_demo=True,
                    created_at=now,
                    updated_at=now,
                    published_at=now,
                )
                locale = Language(lang).locale.replace("-", "_")
                setattr(resource, f"title_{locale}", title)
                setattr(resource, f"summary_{locale}", sentence(rng, w, rng.randint(25, 45)))
                setattr(resource, f"body_{locale}", sentence(rng, w, rng.randint(80, 160)))
                # The plain columns modeltranslation keeps: the original language's text.
                resource.__dict__["title"] = title
                resource.__dict__["summary"] = ""
                resource.__dict__["body"] = ""
                batch.append(resource)
                for audience in rng.sample(audiences, rng.randint(0, 2)):
                    audience_links.append(Through(resource_id=pk, audience_id=audience.pk))
                for theme in rng.sample(themes, rng.randint(0, 2)):
                    theme_links.append(ThemeThrough(resource_id=pk, theme_id=theme.pk))
            insert(Resource, batch)
            insert(Through, self._ids(Through, audience_links))
            insert(ThemeThrough, self._ids(ThemeThrough, theme_links))
            # COPY bypasses save(): the Chinese text is cut here (PostgreSQL generates the rest).
            search.fill_stored(
                Resource.objects.filter(pk__gte=first + start, pk__lt=first + start + BATCH)
            )
            self.stdout.write(f"  {min(start + BATCH, count)} resources", ending="\r")
        reset_sequences(Resource, Through, ThemeThrough)

    @staticmethod
    def _ids(model, links):
        first = next_id(model)
        for n, link in enumerate(links):
            link.id = first + n
        return links

    def _contributions(self, rng, words, count):
        submitter, _ = User.objects.get_or_create(email="bench@example.org")
        organization, _ = Organization.objects.get_or_create(
            name="Benchland (benchmark)",
            defaults={"kind": "member-state", "iso_code": "ZZB", "region": "europe"},
        )
        today = timezone.localdate()
        meeting, _ = Meeting.objects.get_or_create(
            number=BENCH_MEETING,
            defaults={"start_date": today, "end_date": today, "is_demo": True},
        )
        now = timezone.now()
        first = next_id(Contribution)
        first_source, first_document, first_revision = (
            next_id(ContributionSource),
            next_id(Document),
            next_id(Revision),
        )
        for start in range(0, count, BATCH):
            contributions, sources, documents, revisions = [], [], [], []
            for i in range(start, min(start + BATCH, count)):
                pk = first + i
                lang = rng.choices(list(LANGUAGE_WEIGHTS), LANGUAGE_WEIGHTS.values())[0]
                w = words[lang]
                contributions.append(
                    Contribution(
                        id=pk,
                        meeting=meeting,
                        number=i + 1,
                        title=f"{sentence(rng, w, rng.randint(5, 10))} (benchmark)",
                        abstract=sentence(rng, w, rng.randint(30, 60)),
                        purpose="information",
                        original_language=lang,
                        status=Contribution.Status.PUBLISHED,
                        visibility="public" if rng.random() < 0.8 else "members",
                        submitter=submitter,
                        created_at=now,
                        updated_at=now,
                        submitted_at=now,
                        published_at=now,
                    )
                )
                sources.append(
                    ContributionSource(
                        id=first_source + i, contribution_id=pk, organization=organization
                    )
                )
                documents.append(Document(id=first_document + i, contribution_id=pk, language=lang))
                revisions.append(
                    Revision(
                        id=first_revision + i,
                        document_id=first_document + i,
                        number=0,
                        file=f"contributions/bench/{pk}.pdf",
                        stored_name=f"{pk}.pdf",
                        original_name="contribution.pdf",
                        file_type="pdf",
                        size=1000,
                        sha256="0" * 64,
                        uploaded_by=submitter,
                        uploaded_at=now,
                        text=sentence(rng, w, rng.randint(300, 900)),
                        text_extracted_at=now,
                    )
                )
            insert(Contribution, contributions)
            insert(ContributionSource, sources)
            insert(Document, documents)
            insert(Revision, revisions)
            # COPY bypasses save(), and the files' text is in another table: both are read here.
            contribution_search.fill_stored(
                Contribution.objects.filter(pk__gte=first + start, pk__lt=first + start + BATCH)
            )
            self.stdout.write(f"  {min(start + BATCH, count)} contributions", ending="\r")
        reset_sequences(Contribution, ContributionSource, Document, Revision)
