"""A resource file's text is extracted after commit by a task (resources/tasks.py), not in
the request; the search vector is refreshed when the text arrives."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from resources import services
from resources.models import Resource
from tests.factories import make_docx


def docx(text):
    return SimpleUploadedFile("kit.docx", make_docx(text))


def test_the_text_is_extracted_after_commit_not_in_the_request(
    make_resource, secretariat, django_capture_on_commit_callbacks
):
    resource = make_resource("A toolkit")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.resource_update(
            resource_id=resource.pk, by=secretariat, upload=docx("Sextortion checklist")
        )
        assert Resource.objects.get(pk=resource.pk).file_text == ""
    assert len(callbacks) == 1
    callbacks[0]()  # the commit: the task runs (eagerly in tests)
    assert "Sextortion checklist" in Resource.objects.get(pk=resource.pk).file_text


@pytest.mark.postgres
def test_the_vector_is_refreshed_when_the_text_arrives(
    make_resource, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        resource = services.resource_create(
            by=secretariat,
            publish=True,
            title_en="A toolkit",
            type=Resource.Type.TOOLKIT,
            upload=docx("Sextortion prevention checklist"),
        )
    assert list(Resource.objects.search("sextortion", "en")) == [resource]


def test_running_the_task_twice_gives_the_same_text(
    make_resource, secretariat, django_capture_on_commit_callbacks
):
    resource = make_resource("A toolkit")
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_update(resource_id=resource.pk, by=secretariat, upload=docx("Twice"))
    resource.refresh_from_db()
    first = resource.file_text
    again = services.resource_extract_text(resource_id=resource.pk, file_name=resource.file.name)
    assert again.file_text == first and "Twice" in first
    assert Resource.objects.get(pk=resource.pk).file_text == first


def test_a_task_for_a_replaced_file_does_nothing(
    make_resource, secretariat, django_capture_on_commit_callbacks
):
    resource = make_resource("A toolkit")
    with django_capture_on_commit_callbacks(execute=False) as old:
        services.resource_update(resource_id=resource.pk, by=secretariat, upload=docx("Old"))
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_update(resource_id=resource.pk, by=secretariat, upload=docx("New"))
    old[0]()  # the first file's task runs late
    text = Resource.objects.get(pk=resource.pk).file_text
    assert "New" in text and "Old" not in text


def test_a_file_whose_text_cannot_be_read_stays_attached(
    make_resource, secretariat, django_capture_on_commit_callbacks, monkeypatch
):
    from copportal import extraction

    def broken(handle, file_type):
        raise ValueError("damaged")

    monkeypatch.setattr(extraction, "extract_text", broken)
    resource = make_resource("A toolkit")
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_update(resource_id=resource.pk, by=secretariat, upload=docx("Lost"))
    resource.refresh_from_db()
    assert resource.file and resource.file_type == "docx" and resource.file_text == ""


def test_a_task_for_a_deleted_resource_does_nothing(make_resource):
    resource = make_resource("Gone")
    pk = resource.pk
    resource.delete()
    assert services.resource_extract_text(resource_id=pk, file_name="resources/x.docx") is None
