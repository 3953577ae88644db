"""The library's search at scale: the QuerySet against raw SQL on the same indexes.

Needs PostgreSQL (the search it measures is PostgreSQL's). Figures: p50 and p95 in ms over a
fixed set of queries, through `Resource.objects.published().search()` (first page, with rank
and snippet) and through hand-written SQL doing the same work (the search.RANKED latest
matches ranked, the first page's snippets), timed in turns; their ratio; and the whole library
page (facets included) through the test client. Run it with `manage.py bench_library` (on the
database of DATABASE_URL, generated once) or `BENCH_ONLY=library python -m bench` (a throw-away
one).
"""

import statistics
import time
from urllib.parse import urlencode

from django.db import connection
from django.test import Client

from copportal.content import column
from copportal.languages import Language
from copportal.search import UNACCENTED, for_tsquery
from resources import search
from resources.browse import PAGE_SIZE
from resources.models import Resource

QUERIES = [
    ("child online protection", "en"),
    ("exploitation sexuelle des enfants", "fr"),
    ("grooming OR cyberbullying", "en"),
    ('"age assurance"', "en"),
    ("privacy -industry", "en"),
    ("ciberacoso escuela", "es"),
    ("кибербуллинг школа", "ru"),
    ("الخصوصية", "ar"),
    ("在线保护", "zh"),
    ("helpline encryption platform", "en"),
    ("national strategy awareness teachers", "en"),
    ("vie privée plateforme", "fr"),
]
RUNS = 15


def _raw_sql(language: str) -> str:
    config = search.CONFIGS[Language(language)]
    reader = column("summary", language)
    original = " ".join(
        f"WHEN original_language = '{code}' THEN {column('summary', code)}" for code in Language
    )
    query = f"websearch_to_tsquery('{config}', %(q)s)"
    if unaccented := UNACCENTED.get(Language(language)):  # French and Spanish
        query += f" || websearch_to_tsquery('{unaccented}', %(q)s)"
    if config != "simple":
        query += " || websearch_to_tsquery('simple', %(q)s)"
    chinese = ""
    if search.CJK.search("".join(q for q, _ in QUERIES if _ == language)):
        chinese = " OR title_zh_hans LIKE %(like)s OR summary_zh_hans LIKE %(like)s"
    # The same work as the QuerySet: the RANKED latest matches ranked, the page's snippets.
    return f"""
        WITH q AS (SELECT {query} AS query)
        SELECT resources_resource.id, slug, type, language, year, publisher,
               title_en, title_fr, title_es, title_ru, title_ar, title_zh_hans,
               summary_en, summary_fr, summary_es,
               summary_ru, summary_ar, summary_zh_hans, original_language, published_on,
               country.name, ts_rank(search_vector, q.query) AS rank,
               ts_headline('{config}', COALESCE(NULLIF({reader}, ''),
                           CASE {original} END, ''), q.query,
                           'StartSel=<, StopSel=>, MaxWords=35, MinWords=15') AS snippet
        FROM resources_resource
        LEFT JOIN accounts_organization AS country ON country.id = resources_resource.country_id
        CROSS JOIN q
        WHERE resources_resource.id IN (
            SELECT id FROM resources_resource, q
            WHERE status = 'published' AND (search_vector @@ q.query{chinese})
            ORDER BY published_at DESC, id DESC
            LIMIT {search.RANKED})
        ORDER BY rank DESC, year DESC, published_on DESC, resources_resource.id DESC
        LIMIT {PAGE_SIZE}"""


def _percentiles(samples):
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def _time(fn):
    fn()  # warm up
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def _time_alternately(first, second):
    """Both timed in turns, so that each sees the same machine (a noisy neighbour slows both,
    not whichever ran during it), and neither runs its SQL back to back with no client work in
    between, which no request does."""
    first(), second()  # warm up
    a, b = [], []
    for _ in range(RUNS):
        for fn, samples in ((first, a), (second, b)):
            start = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
    return a, b


def measure(write=print) -> dict:
    published = Resource.objects.published().count()
    orm, raw, page, counts = [], [], [], []
    client = Client(HTTP_HOST="localhost")
    for query, language in QUERIES:

        def through_queryset(query=query, language=language):
            results = Resource.objects.published().search(query, language)
            return list(results.for_listing()[:PAGE_SIZE])

        sql = _raw_sql(language)
        # The query's Chinese cut into words, as the QuerySet cuts it (copportal/search.py).
        params = {"q": for_tsquery(query), "like": f"%{query}%"}

        def through_sql(sql=sql, params=params):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        # The same rows in the same order: the same work, not merely as many rows.
        assert [row[0] for row in through_sql()] == [r.pk for r in through_queryset()], query
        counts.append(Resource.objects.published().matching(query, language).count())
        orm_samples, raw_samples = _time_alternately(through_queryset, through_sql)
        orm += orm_samples
        raw += raw_samples
        prefix = "" if language == "en" else f"/{Language(language).locale}"
        url = f"{prefix}/resources/?{urlencode({'q': query})}"
        assert client.get(url).status_code == 200, url
        page += _time(lambda url=url: client.get(url))
    figures = {
        "queryset": _percentiles(orm),
        "raw": _percentiles(raw),
        "page": _percentiles(page),
    }
    write(
        f"library search: {published} published resources, {len(QUERIES)} queries "
        f"(matches per query: median {statistics.median(counts):.0f}, max {max(counts)}), "
        f"{RUNS} runs each"
    )
    for name, label in [
        ("queryset", "QuerySet .search() first page"),
        ("raw", "raw SQL, same indexes"),
        ("page", "whole /resources/?q= page (facets)"),
    ]:
        p50, p95 = figures[name]
        write(f"  {label:38} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    write(
        f"  ratio QuerySet / raw SQL: p50 {figures['queryset'][0] / figures['raw'][0]:.2f}, "
        f"p95 {figures['queryset'][1] / figures['raw'][1]:.2f}"
    )
    return figures
