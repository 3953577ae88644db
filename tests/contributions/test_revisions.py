"""Revisions and language versions: kept, listed with dates, never overwritten; closed for
authors after the deadline."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from contributions import services
from contributions.models import Revision

from ..factories import AffiliationFactory, UserFactory, make_docx, pdf_upload
from .conftest import make_accepted, make_draft, make_published, make_submitted


@pytest.mark.django_db
def test_revisions_are_numbered_and_kept(delegate, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting)
    first_path = Revision.objects.get().file.path
    for _ in range(2):
        services.revision_add(
            contribution_id=contribution.pk, by=delegate, language="en", upload=pdf_upload()
        )
    numbers = list(
        Revision.objects.filter(document__contribution=contribution)
        .order_by("number")
        .values_list("number", flat=True)
    )
    assert numbers == [0, 1, 2]
    assert Revision.objects.get(number=0).file.path == first_path
    with open(first_path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"


@pytest.mark.django_db
def test_revision_list_shows_rev_n_language_letter_and_dates(
    client_for, delegate, secretariat, meeting
):
    contribution = make_accepted(user=delegate, meeting=meeting, secretariat=secretariat)
    services.revision_add(
        contribution_id=contribution.pk, by=delegate, language="en", upload=pdf_upload()
    )
    services.revision_add(
        contribution_id=contribution.pk, by=delegate, language="fr", upload=pdf_upload()
    )
    text = client_for(delegate).get(contribution.get_absolute_url()).content.decode()
    assert f"CWG-COP-{meeting.number}/1(Rev.1)-E" in text
    assert f"CWG-COP-{meeting.number}/1-E" in text
    assert f"CWG-COP-{meeting.number}/1-F" in text
    assert f"CWG-COP-{meeting.number}-1(Rev.1)-E.pdf" in text  # the download name
    assert "French" in text and "(original)" in text


@pytest.mark.django_db
def test_language_versions_each_have_their_own_revisions(delegate, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting)
    french = services.revision_add(
        contribution_id=contribution.pk, by=delegate, language="fr", upload=pdf_upload()
    )
    spanish = services.revision_add(
        contribution_id=contribution.pk, by=delegate, language="es", upload=pdf_upload()
    )
    french_rev = services.revision_add(
        contribution_id=contribution.pk, by=delegate, language="fr", upload=pdf_upload()
    )
    assert (french.number, spanish.number, french_rev.number) == (0, 0, 1)
    assert contribution.documents.count() == 3


@pytest.mark.django_db
def test_a_co_sponsor_may_revise(client_for, delegate, organization, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting)
    colleague = AffiliationFactory(organization=organization, user=UserFactory()).user
    response = client_for(colleague).post(
        f"/contributions/id/{contribution.pk}/revise/", {"language": "en", "file": pdf_upload()}
    )
    assert response.status_code == 302
    assert Revision.objects.filter(number=1, uploaded_by=colleague).exists()


@pytest.mark.django_db
def test_revisions_close_for_authors_at_the_deadline_but_not_for_the_secretariat(
    client_for, delegate, secretariat, meeting
):
    contribution = make_submitted(user=delegate, meeting=meeting)
    with time_machine.travel(meeting.deadline + datetime.timedelta(seconds=1), tick=False):
        response = client_for(delegate).post(
            f"/contributions/id/{contribution.pk}/revise/", {"language": "en", "file": pdf_upload()}
        )
        assert response.status_code == 400
        assert "revisions are closed" in response.content.decode()
        services.revision_add(
            contribution_id=contribution.pk, by=secretariat, language="ar", upload=pdf_upload()
        )
    assert Revision.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_revision_says_why(client_for, delegate, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting)
    response = client_for(delegate).post(
        f"/contributions/id/{contribution.pk}/revise/",
        {"language": "en", "file": SimpleUploadedFile("x.pdf", b"MZ\x90")},
    )
    assert response.status_code == 400
    assert "Windows program" in response.content.decode()
    assert Revision.objects.count() == 1


@pytest.mark.django_db
def test_a_draft_file_is_replaced_until_submission(delegate, meeting):
    draft = make_draft(user=delegate, meeting=meeting)
    services.revision_add(contribution_id=draft.pk, by=delegate, language="en", upload=pdf_upload())
    assert list(Revision.objects.values_list("number", flat=True)) == [0]


@pytest.mark.django_db
def test_withdrawn_contribution_takes_no_more_files(delegate, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting)
    services.contribution_withdraw(contribution_id=contribution.pk, by=delegate)
    with pytest.raises(ValidationError, match="no more files"):
        services.revision_add(
            contribution_id=contribution.pk, by=delegate, language="en", upload=pdf_upload()
        )


@pytest.mark.django_db
def test_docx_revision_of_a_pdf_original_is_fine(delegate, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting)
    revision = services.revision_add(
        contribution_id=contribution.pk,
        by=delegate,
        language="en",
        upload=SimpleUploadedFile("rev.docx", make_docx()),
    )
    assert (revision.number, revision.file_type) == (1, "docx")


@pytest.mark.django_db
def test_the_language_select_defaults_to_the_original_language(client_for, delegate, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting, original_language="es")
    page = client_for(delegate).get(contribution.get_absolute_url()).content.decode()
    select = page.split('name="language"')[1].split("</select>")[0]
    assert '<option value="es" selected>' in select
    assert "selected" not in select.replace('<option value="es" selected>', "")


@pytest.mark.django_db
def test_a_new_language_version_before_publication_needs_no_confirmation(
    client_for, delegate, meeting
):
    contribution = make_submitted(user=delegate, meeting=meeting)
    client = client_for(delegate)
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert 'name="confirm_public"' not in page and 'name="new_language"' not in page
    # Said before the upload: what a file in each language becomes.
    assert "a file in another language adds a version in that language" in page
    assert "This adds a version in French." in page
    response = client.post(
        f"/contributions/id/{contribution.pk}/revise/", {"language": "fr", "file": pdf_upload()}
    )
    assert response.status_code == 302
    assert contribution.documents.get(language="fr").revisions.count() == 1


@pytest.mark.django_db
def test_a_file_for_a_published_contribution_must_be_confirmed(
    client_for, delegate, secretariat, meeting
):
    contribution = make_published(user=delegate, meeting=meeting, secretariat=secretariat)
    url = f"/contributions/id/{contribution.pk}/revise/"
    client = client_for(delegate)
    page = client.get(contribution.get_absolute_url()).content.decode()
    assert 'name="confirm_public"' in page
    assert "This contribution is published: a file you upload here is public at once" in page
    for language in ("fr", "en"):
        response = client.post(url, {"language": language, "file": pdf_upload()})
        assert response.status_code == 400
        assert "tick the box to confirm that readers may see this file" in (
            response.content.decode()
        )
    assert Revision.objects.filter(document__contribution=contribution).count() == 1
    response = client.post(url, {"language": "fr", "file": pdf_upload(), "confirm_public": "on"})
    assert response.status_code == 302
    assert contribution.documents.get(language="fr").revisions.count() == 1


@pytest.mark.django_db
def test_a_revision_of_an_existing_language_needs_no_confirmation(client_for, delegate, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting)
    response = client_for(delegate).post(
        f"/contributions/id/{contribution.pk}/revise/", {"language": "en", "file": pdf_upload()}
    )
    assert response.status_code == 302
    assert contribution.documents.get(language="en").revisions.count() == 2


@pytest.mark.django_db
def test_a_language_versions_first_file_is_not_called_original(client_for, delegate, meeting):
    contribution = make_submitted(user=delegate, meeting=meeting)
    french = services.revision_add(
        contribution_id=contribution.pk, by=delegate, language="fr", upload=pdf_upload()
    )
    assert french.label == "First version"
    english = contribution.documents.get(language="en").revisions.get()
    assert english.label == "Original"
    page = client_for(delegate).get(contribution.get_absolute_url()).content.decode()
    french_section = page.split("French</h3>")[1].split("</table>")[0]
    assert "First version" in french_section and "Original" not in french_section
