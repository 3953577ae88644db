"""The Source picker's filter box without JavaScript: a button of the form that brings the page
back unsaved, with everything typed, and only the matching organizations plus those chosen."""

import pytest

from contributions.models import Contribution

from ..factories import OrganizationFactory, pdf_upload
from .conftest import make_draft
from .test_submission import form_data


def _boxes(page: str) -> list[str]:
    picker = page.split('id="id_sources" data-picker')[1].split("</ul>")[0]
    return [box.split("</label>")[0].rsplit(">", 1)[1] for box in picker.split("<li>")[1:]]


@pytest.fixture
def countries(db):
    return [OrganizationFactory(name=name) for name in ("Malawi", "Mali", "Côte d’Ivoire")]


@pytest.mark.django_db
def test_the_checkboxes_come_with_a_filter_box(client_for, delegate, meeting, countries):
    page = client_for(delegate).get("/contributions/submit/").content.decode()
    picker = page.split('id="id_sources" data-picker')[1].split("</ul>")[0]
    assert 'type="search" name="source_filter"' in picker
    assert 'name="action" value="filter-sources"' in picker and "formnovalidate" in picker
    assert {"Malawi", "Mali", "Côte d’Ivoire"} <= set(_boxes(page))


@pytest.mark.django_db
def test_filtering_keeps_what_was_typed_and_saves_nothing(client_for, delegate, meeting, countries):
    own = delegate.approved_organizations[0]
    data = form_data(meeting, delegate, action="filter-sources", source_filter="mal")
    data["title"] = "Typed before filtering"
    response = client_for(delegate).post("/contributions/submit/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert not Contribution.objects.exists()
    assert _boxes(page) == [own.name, "Malawi", "Mali"]  # the chosen one stays, first
    assert f'value="{own.pk}" id="id_sources_0" checked' in page
    assert 'value="Typed before filtering"' in page
    assert "Proposes to review Resolution 1306." in page
    assert 'name="source_filter" value="mal"' in page
    assert "2 of " in page and "match “mal”" in page
    assert "Nothing is saved yet" not in page  # no errors shown for a filter
    assert "The file you chose was not kept" not in page


@pytest.mark.django_db
def test_the_filter_ignores_case_and_accents(client_for, delegate, meeting, countries):
    data = form_data(meeting, delegate, action="filter-sources", source_filter="COTE")
    page = client_for(delegate).post("/contributions/submit/", data).content.decode()
    assert "Côte d’Ivoire" in _boxes(page) and "Malawi" not in _boxes(page)


@pytest.mark.django_db
def test_a_chosen_file_must_be_chosen_again(client_for, delegate, meeting, countries):
    data = form_data(meeting, delegate, action="filter-sources", source_filter="mal")
    data["file"] = pdf_upload()
    page = client_for(delegate).post("/contributions/submit/", data).content.decode()
    assert "The file you chose was not kept while filtering" in page
    assert not Contribution.objects.exists()


@pytest.mark.django_db
def test_then_saving_sends_the_sources_chosen_in_the_filtered_list(
    client_for, delegate, meeting, countries
):
    client = client_for(delegate)
    malawi = countries[0]
    own = delegate.approved_organizations[0]
    data = form_data(meeting, delegate, action="draft", sources=[own.pk, malawi.pk])
    data["source_filter"] = "mal"  # left in the box: it changes nothing when saving
    response = client.post("/contributions/submit/", data)
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert [link.organization for link in contribution.ordered_sources] == [own, malawi]


@pytest.mark.django_db
def test_filtering_a_draft_leaves_it_unchanged(client_for, delegate, meeting, countries):
    draft = make_draft(user=delegate, meeting=meeting, title="As saved")
    data = form_data(meeting, delegate, action="filter-sources", source_filter="mali")
    data.update(title="Typed, not saved", version=draft.version)
    response = client_for(delegate).post(f"/contributions/id/{draft.pk}/edit/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Typed, not saved"' in page
    assert "Mali" in _boxes(page) and "Malawi" not in _boxes(page)
    draft.refresh_from_db()
    assert draft.title == "As saved"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["outsider", "other_delegate"])
def test_who_may_not_filter_a_draft(client_for, request, delegate, meeting, who):
    draft = make_draft(user=delegate, meeting=meeting, title="As saved")
    data = form_data(meeting, delegate, action="filter-sources", source_filter="mal")
    response = client_for(request.getfixturevalue(who)).post(
        f"/contributions/id/{draft.pk}/edit/", data
    )
    assert response.status_code == 404
    response = client_for(None).post(f"/contributions/id/{draft.pk}/edit/", data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_someone_who_may_not_submit_may_not_filter_either(client_for, outsider, meeting):
    data = {"action": "filter-sources", "source_filter": "mal", "title": "x"}
    response = client_for(outsider).post("/contributions/submit/", data)
    assert response.status_code == 403
