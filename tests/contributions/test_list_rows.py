"""The public list's rows: rendered once per language and kept, yet never stale.

A row is cached under a digest of everything it shows, so these tests change each thing
(through the ORM's update() too, which sends no signal) and expect the next page to show it.
"""

import pytest

from contributions.models import Contribution, ContributionSource, Document
from copportal import pagecache
from copportal.accounts.models import Organization

from .conftest import make_published

ROW = "contributions/includes/contribution_row.html"


def _rows(client, url="/contributions/"):
    # The whole page is cached for anonymous visitors until a signal says the data changed
    # (copportal/pagecache.py); these writes send none on purpose, to test the rows' own
    # cache under it, so the page cache is told here.
    pagecache.bump()
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    rendered = sum(1 for template in response.templates if template.name == ROW)
    return text.split('<ul class="list-unstyled contribution-list">')[1].split("</ul>")[0], rendered


@pytest.fixture
def published(delegate, secretariat, meeting):
    return make_published(user=delegate, meeting=meeting, secretariat=secretariat, title="Alpha")


@pytest.mark.django_db
def test_rows_are_rendered_once_then_served_from_the_cache(client, published, secretariat):
    first, rendered = _rows(client)
    assert rendered == 1
    second, rendered_again = _rows(client)
    assert rendered_again == 0
    assert second == first
    assert published.symbol in first and "Alpha" in first


@pytest.mark.django_db
def test_rows_are_rendered_in_each_language(client, published):
    published.purpose = Contribution.Purpose.ACTION
    published.save()
    english, _ = _rows(client)
    french, rendered = _rows(client, "/fr/contributions/")
    assert rendered == 1  # not the English row
    assert "For action" in english and "Pour suite à donner" not in english
    assert "Pour suite à donner" in french
    assert f'href="/fr/contributions/{published.meeting.number}-{published.number}/' in french
    assert _rows(client)[0] == english


@pytest.mark.django_db
def test_a_changed_title_shows_at_once_even_without_a_signal(client, published):
    _rows(client)
    Contribution.objects.filter(pk=published.pk).update(title="Alpha, revised")
    assert "Alpha, revised" in _rows(client)[0]


@pytest.mark.django_db
def test_a_new_source_and_a_renamed_one_show_at_once(client, published, other_organization):
    before, _ = _rows(client)
    own = published.source_links.get().organization
    assert own.name in before
    ContributionSource.objects.create(
        contribution=published, organization=other_organization, order=5
    )
    assert f"{own.name}, {other_organization.name}" in _rows(client)[0]
    own.name = "Renamed Republic"
    own.save()
    assert f"Renamed Republic, {other_organization.name}" in _rows(client)[0]


@pytest.mark.django_db
def test_an_organization_created_without_signals_is_named(client, published):
    _rows(client)  # the organization names are cached now
    (quiet,) = Organization.objects.bulk_create([Organization(kind="other", name="Quiet Org")])
    ContributionSource.objects.create(contribution=published, organization=quiet, order=9)
    assert "Quiet Org" in _rows(client)[0]


@pytest.mark.django_db
def test_a_new_language_version_shows_at_once(client, published):
    assert 'title="French"' not in _rows(client)[0]
    Document.objects.create(contribution=published, language="fr")
    row, _ = _rows(client)
    assert '<span title="English">E</span> <span title="French">F</span>' in row


@pytest.mark.django_db
def test_members_only_badge_follows_the_visibility(client_for, published, delegate):
    member = client_for(delegate)
    assert "Members only" not in _rows(member)[0]
    Contribution.objects.filter(pk=published.pk).update(visibility="members")
    assert "Members only" in _rows(member)[0]
    assert "Alpha" not in _rows(client_for(None))[0]  # and the public does not see it
