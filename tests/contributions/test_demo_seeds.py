import pytest
from django.core.management import call_command

from contributions.models import Contribution


@pytest.mark.django_db(transaction=True)
def test_demo_meeting_has_a_published_a_waiting_and_a_draft_contribution(client):
    call_command("load_seeds", verbosity=0)
    call_command("load_seeds", verbosity=0)  # again: nothing is duplicated
    demo = Contribution.objects.filter(meeting__number=99)
    assert sorted(demo.values_list("status", flat=True)) == ["draft", "published", "submitted"]
    published = demo.get(status="published")
    assert published.number == 1
    page = client.get("/contributions/99-1/").content.decode()
    assert "CWG-COP-99/1" in page
    # The file's text was extracted after commit, for search.
    revision = published.documents.get().revisions.get()
    assert "Girls in ICT Day" in revision.text


@pytest.mark.django_db
def test_no_demo_contributions_without_demo_data(settings):
    settings.DEMO_DATA = False
    call_command("load_seeds", verbosity=0)
    assert not Contribution.objects.exists()
