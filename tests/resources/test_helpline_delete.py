"""Deleting a helpline entry: the secretariat confirms on a page of its own, by POST only."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from resources import services
from resources.models import HelplineEntry

SOURCE = "https://example.org/directory"  # test data: not a real helpline


@pytest.fixture
def entry(organization):
    return HelplineEntry.objects.create(
        country=organization,
        name="Test helpline (not real)",
        number="000 000",
        source_url=SOURCE,
        source_date=datetime.date(2026, 1, 5),
    )


def url(entry):
    return reverse("resources:helpline_delete", args=[entry.pk])


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("delegate", 403), ("chair", 403)])
def test_only_the_secretariat_may_delete_a_helpline(request, client_for, entry, who, status):
    client = client_for(request.getfixturevalue(who) if who else None)
    assert client.get(url(entry)).status_code == status
    response = client.post(url(entry))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("account_login"))
    assert HelplineEntry.objects.filter(pk=entry.pk).exists()


def test_the_service_refuses_a_delegate(entry, delegate):
    with pytest.raises(PermissionDenied):
        services.helpline_delete(by=delegate, entry_id=entry.pk)
    assert HelplineEntry.objects.filter(pk=entry.pk).exists()


def test_the_confirmation_page_deletes_nothing_and_offers_a_way_back(
    client_for, secretariat, entry
):
    client = client_for(secretariat)
    finder = client.get(reverse("resources:helplines")).text
    assert url(entry) in finder  # the finder links to the confirmation
    page = client.get(url(entry))
    assert page.status_code == 200
    assert HelplineEntry.objects.filter(pk=entry.pk).exists()
    assert "Test helpline (not real)" in page.text
    assert 'method="post"' in page.text and "csrfmiddlewaretoken" in page.text
    assert f'href="{reverse("resources:helplines")}"' in page.text  # cancel


def test_the_secretariat_deletes_a_helpline_and_is_told_so(client_for, secretariat, entry):
    response = client_for(secretariat).post(url(entry), follow=True)
    assert response.redirect_chain == [(reverse("resources:helplines"), 302)]
    assert not HelplineEntry.objects.filter(pk=entry.pk).exists()
    assert "The helpline Test helpline (not real) (Philippines) is deleted" in response.text
    assert "Test helpline (not real)</h2>" not in response.text


def test_the_delete_form_needs_the_csrf_token(secretariat, entry):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(secretariat)
    assert csrf_client.post(url(entry)).status_code == 403
    assert HelplineEntry.objects.filter(pk=entry.pk).exists()


def test_a_deleted_entry_is_a_404(client_for, secretariat, entry):
    client = client_for(secretariat)
    client.post(url(entry))
    assert client.get(url(entry)).status_code == 404
    assert client.post(url(entry)).status_code == 404
