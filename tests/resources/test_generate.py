"""The benchmark generator: fast, marked as demonstration, searchable."""

import pytest
from django.core.management import call_command

from contributions.models import Contribution, Revision
from resources.models import Resource


@pytest.mark.django_db
def test_generator_makes_marked_searchable_rows():
    call_command("generate_library", resources=300, contributions=40, verbosity=0)
    assert Resource.objects.filter(slug__startswith="bench-").count() == 300
    assert not Resource.objects.filter(is_demo=False).exists()
    assert all(r.shown("title").text.endswith("(benchmark)") for r in Resource.objects.all()[:50])
    assert Contribution.objects.filter(meeting__number=900, meeting__is_demo=True).count() == 40
    assert Revision.objects.exclude(text="").count() == 40
    english = Resource.objects.published().filter(language="en").first()
    word = english.title_en.split()[0]
    assert english in Resource.objects.published().search(word, "en")
    # Sequences follow the copied ids: an ordinary insert still works.
    Resource.objects.create(slug="after", title_en="After", type="report")
