"""The library's seeds: the source documents' material, and demonstration data only on demand."""

import pytest

from resources import seeds
from resources.models import Resource
from resources.seeds import demo as demo_seeds
from resources.seeds import source_documents


@pytest.mark.django_db
def test_real_seeds_have_one_guideline_per_audience_and_only_the_noted_addresses():
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
    # The addresses are those the seeds state or that were read in stored public pages
    # (noted beside source_documents.LINKS): no other.
    assert (
        dict(Resource.objects.exclude(link="").values_list("slug", "link"))
        == source_documents.LINKS
    )
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
    assert demo.count() == len(demo_seeds.DEMO)
    for resource in demo:
        language = resource.original_language
        assert resource.text_in("title", language).endswith(demo_seeds.DEMO_MARK[language])
    assert set(demo.values_list("language", flat=True)) == {"ar", "en", "es", "fr", "ru", "zh"}


@pytest.mark.django_db
def test_seeded_library_page_shows_the_facets(client):
    seeds.load(demo=True)
    response = client.get("/resources/")
    facets = {name: values for name, _label, values in response.context["facets"]}
    assert all(facets[name] for name in ("type", "audience", "theme", "language", "region", "year"))


@pytest.mark.django_db
def test_every_seeded_entry_can_be_opened(django_capture_on_commit_callbacks):
    """A file, a link, or the entry of the document that names it (issue 21)."""
    with django_capture_on_commit_callbacks(execute=True):
        seeds.load(demo=False)
    real = Resource.objects.filter(is_demo=False)
    assert real.count() == len(source_documents.GUIDELINES) + len(source_documents.OTHERS)
    for resource in real:
        assert resource.file or resource.link or resource.cited_in, resource.slug
    report = Resource.objects.get(slug=source_documents.REPORT_SLUG)
    resolution = Resource.objects.get(slug="wtdc-resolution-67-kigali-2022")
    for document in (report, resolution):
        assert document.file_type == "docx" and document.language == "fr"
        assert document.file.storage.exists(document.file.name)
    # Their text is extracted and searched, as an uploaded file's is.
    assert "22 et 23 janvier 2024" in report.file_text
    assert "Kigali, 2022" in resolution.file_text
    assert "[bookmark:" not in resolution.file_text
    assert Resource.objects.matching("GCF", "fr").filter(pk=report.pk).exists()
    cited = Resource.objects.get(slug="pp-resolution-179-bucharest-2022")
    assert cited.cited_in == report and not cited.has_material
    assert cited.cited_section_en == "Annex (draft resolution), considering a)"
    assert cited.cited_section_ar  # translated (copportal/data/seed_translations)


def test_a_cited_only_entry_says_so_and_leads_to_the_citing_document(client, db):
    seeds.load(demo=False)
    report = Resource.objects.get(slug=source_documents.REPORT_SLUG)
    page = client.get(Resource.objects.get(slug="council-resolution-1306").get_absolute_url())
    assert "Only the document that names it is available" in page.text
    assert report.get_absolute_url() in page.text
    assert "Annex (draft resolution), considering c)" in page.text
    french = client.get("/fr" + report.get_absolute_url()).text
    assert "/fr/resources/cwg-cop-chair-report-meetings-19-20/file/" in french


@pytest.mark.django_db
def test_the_detail_page_shows_the_file_and_the_link(client):
    seeds.load(demo=False)
    report = Resource.objects.get(slug=source_documents.REPORT_SLUG)
    page = client.get(report.get_absolute_url()).text
    assert f'href="/resources/{report.slug}/file/"' in page
    assert "Only the document that names it" not in page
    response = client.get(f"/resources/{report.slug}/file/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    guideline = Resource.objects.get(slug="cop-guidelines-2020-policy-makers")
    page = client.get(guideline.get_absolute_url()).text
    assert 'href="https://www.itu-cop-guidelines.com/policymakers"' in page
    assert "Named in" in page and report.get_absolute_url() in page


@pytest.mark.django_db
def test_a_demonstration_entry_says_it_has_nothing_to_open(client):
    seeds.load(demo=True)
    page = client.get(Resource.objects.filter(is_demo=True).first().get_absolute_url()).text
    assert "A demonstration entry: it has no file and no link." in page


@pytest.mark.django_db
def test_seeds_run_again_keep_the_secretariats_edits(secretariat):
    from resources import services

    seeds.load(demo=False)
    report = Resource.objects.get(slug=source_documents.REPORT_SLUG)
    first_file = report.file.name
    guideline = Resource.objects.get(slug="cop-guidelines-2020-policy-makers")
    services.resource_update(
        resource_id=guideline.pk,
        by=secretariat,
        link="https://example.org/edited",  # test data
        title_en="Edited by the secretariat",
    )
    Resource.objects.filter(slug="council-resolution-1306").update(cited_section_en="Edited")
    seeds.load(demo=False)
    seeds.load(demo=False)
    guideline.refresh_from_db()
    assert guideline.link == "https://example.org/edited"
    assert guideline.title_en == "Edited by the secretariat"
    assert Resource.objects.get(slug="council-resolution-1306").cited_section_en == "Edited"
    report.refresh_from_db()
    assert report.file.name == first_file  # the file is not stored again
    assert Resource.objects.filter(slug__startswith="cwg-cop-chair-report").count() == 1
