"""The search vectors are generated columns: a title written through the ORM, by save() or by
QuerySet.update(), is found at once, with no refresh called; the parts SQL cannot compute
(Chinese cut into words, a contribution's files) are written by save() and fill_stored."""

import pytest
from django.utils import timezone

from contributions import search as contribution_search
from contributions.models import Contribution
from copportal.search import ts_query
from resources.models import Resource

from .factories import DocumentFactory, PublishedContributionFactory, RevisionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _found(model, query: str, language: str = "en") -> set[int]:
    """The pks whose stored vector matches (the vector only: no substring fallback)."""
    return set(
        model.objects.filter(search_vector=ts_query(query, language)).values_list("pk", flat=True)
    )


def _resource(**fields) -> Resource:
    values = {
        "slug": "a-resource",
        "type": Resource.Type.REPORT,
        "language": "en",
        "original_language": "en",
        "title_en": "Firewalls at school",
        "status": Resource.Status.PUBLISHED,
    }
    return Resource.objects.create(**{**values, **fields})


def test_a_resource_title_saved_is_found_without_a_refresh():
    resource = _resource()
    assert _found(Resource, "firewalls") == {resource.pk}
    resource.title_en = "Encryption at school"
    resource.save()
    assert _found(Resource, "encryption") == {resource.pk}
    assert _found(Resource, "firewalls") == set()
    # save() reads the generated vector back (RETURNING): the instance holds the new one.
    assert "encrypt" in resource.search_vector


def test_a_resource_title_updated_in_sql_is_found_without_a_refresh():
    resource = _resource()
    Resource.objects.filter(pk=resource.pk).update(title_fr="Le chiffrement à l'école")
    assert _found(Resource, "chiffrement", "fr") == {resource.pk}
    assert _found(Resource, "chiffrement ecole", "fr") == {resource.pk}  # without accents too


def test_a_resource_chinese_body_and_file_are_cut_into_words_by_save():
    resource = _resource(language="zh", body_zh_hans="保护儿童的工作组")
    assert _found(Resource, "儿童", "zh") == {resource.pk}
    resource.body_zh_hans = "网络欺凌的报告"
    resource.save()
    assert _found(Resource, "欺凌", "zh") == {resource.pk}
    assert _found(Resource, "儿童", "zh") == set()
    # The extraction task's path: only the file's text saved.
    resource.file_text = "隐私保护的指南"
    resource.save(update_fields=["file_text"])
    assert _found(Resource, "隐私", "zh") == {resource.pk}


def test_a_contribution_title_saved_or_updated_is_found_without_a_refresh():
    contribution = PublishedContributionFactory(title="About firewalls")
    assert _found(Contribution, "firewalls") == {contribution.pk}
    contribution.title = "About encryption"
    contribution.save()
    assert _found(Contribution, "encryption") == {contribution.pk}
    assert _found(Contribution, "firewalls") == set()
    Contribution.objects.filter(pk=contribution.pk).update(abstract="Grooming of children")
    assert _found(Contribution, "grooming") == {contribution.pk}


def test_a_chinese_contribution_title_is_cut_into_words_by_save():
    contribution = PublishedContributionFactory(title="保护儿童的报告", original_language="zh")
    assert _found(Contribution, "儿童", "zh") == {contribution.pk}
    contribution.title = "网络欺凌的报告"
    contribution.save()
    assert _found(Contribution, "欺凌", "zh") == {contribution.pk}
    assert _found(Contribution, "儿童", "zh") == set()


def test_a_contribution_file_text_enters_the_vector_through_fill_stored():
    contribution = PublishedContributionFactory(title="An annex")
    document = DocumentFactory(contribution=contribution, language="fr")
    RevisionFactory(
        document=document, text="Les élèves et la sextorsion", text_extracted_at=timezone.now()
    )
    assert _found(Contribution, "sextorsion", "fr") == set()  # another table: not generated
    contribution_search.fill_stored(Contribution.objects.filter(pk=contribution.pk))
    assert _found(Contribution, "sextorsion eleves", "fr") == {contribution.pk}
    # The title's edit keeps the files' part.
    contribution.title = "An appendix"
    contribution.save()
    assert _found(Contribution, "sextorsion", "fr") == {contribution.pk}
