"""Refusals are worded in the language Accept-Language asks for, with the locale's plural
forms (the API has no language prefix); English without the header."""

import datetime

import pytest
import time_machine
from django.utils import timezone


def detail(response, status: int) -> str:
    assert response.status_code == status, response.content
    return response.json()["detail"]


@pytest.mark.django_db
def test_not_found_and_unknown_addresses(api):
    assert detail(api("get", "/api/v1/meetings/4242/"), 404) == "Not found."
    french = api("get", "/api/v1/meetings/4242/", headers={"Accept-Language": "fr"})
    assert detail(french, 404) == "Introuvable."
    chinese = api("get", "/api/v1/nothing-here/", headers={"Accept-Language": "zh-hans"})
    assert detail(chinese, 404) == "/api/v1/nothing-here/ 处没有 API 操作。请参阅 /api/docs。"


@pytest.mark.django_db
def test_a_refused_token_and_a_wrong_method(api):
    arabic = api("get", "/api/v1/meetings/", "cwgcop_nonsense", headers={"Accept-Language": "ar"})
    assert detail(arabic, 401) == "الرمز المميز غير معروف أو أُلغي."
    spanish = api("delete", "/api/v1/meetings/", headers={"Accept-Language": "es"})
    assert detail(spanish, 405) == (
        "El método DELETE no está permitido aquí; métodos permitidos: GET."
    )


@pytest.mark.django_db
def test_a_page_past_the_last(api):
    russian = api("get", "/api/v1/meetings/?page=9", headers={"Accept-Language": "ru"})
    assert detail(russian, 404) == "Страницы 9 нет: последняя страница — 1."


@pytest.mark.django_db
def test_the_rate_limit_in_russian_and_arabic_plural_forms(api, settings):
    settings.API_ANONYMOUS_RATE_LIMIT = 1
    start = timezone.now().replace(second=10, microsecond=0) + datetime.timedelta(minutes=1)
    with time_machine.travel(start, tick=False):
        assert api("get", "/api/v1/roadmap/").status_code == 200
        russian = api("get", "/api/v1/roadmap/", headers={"Accept-Language": "ru"})
        assert detail(russian, 429) == (
            "Слишком много запросов: более 1 в минуту. Повторите попытку через 51 секунду."
        )
    with time_machine.travel(start + datetime.timedelta(seconds=47), tick=False):
        arabic = api("get", "/api/v1/roadmap/", headers={"Accept-Language": "ar"})
        assert detail(arabic, 429).endswith("أعد المحاولة بعد 4 ثوانٍ.")
