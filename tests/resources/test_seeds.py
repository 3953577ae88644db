"""The library's seeds: the source documents' material, and demonstration data only on demand."""

import pytest

from resources import seeds
from resources.models import Resource


@pytest.mark.django_db
def test_real_seeds_have_one_guideline_per_audience_and_no_invented_address():
    (summary,) = seeds.load(demo=False)
    assert summary.startswith("Library:") and "\n" not in summary
    guidelines = Resource.objects.filter(type=Resource.Type.GUIDELINE)
    assert sorted(a.slug for g in guidelines for a in g.audiences.all()) == [
        "children",
        "industry",
        "parents-educators",
        "policy-makers",
    ]
    assert all(g.title_en and g.title_fr for g in guidelines)
    assert not Resource.objects.exclude(link="").exists()
    assert not Resource.objects.filter(is_demo=True).exists()
    assert Resource.objects.get(slug="wtdc-resolution-67-kigali-2022").title_fr.startswith(
        "Résolution 67 (Rév. Kigali, 2022)"
    )


@pytest.mark.django_db
def test_seeds_run_twice_and_demo_data_is_marked():
    seeds.load(demo=True)
    count = Resource.objects.count()
    seeds.load(demo=True)
    assert Resource.objects.count() == count
    demo = Resource.objects.filter(is_demo=True)
    assert demo.count() == len(seeds.DEMO)
    for resource in demo:
        language = resource.original_language
        assert resource.text_in("title", language).endswith(seeds.DEMO_MARK[language])
    assert set(demo.values_list("language", flat=True)) == {"ar", "en", "es", "fr", "ru", "zh"}


@pytest.mark.django_db
def test_seeded_library_page_shows_the_facets(client):
    seeds.load(demo=True)
    response = client.get("/resources/")
    facets = {name: values for name, _label, values in response.context["facets"]}
    assert all(facets[name] for name in ("type", "audience", "theme", "language", "region", "year"))
