"""The contribution template: a DOCX made from the submission form's own fields, help texts
and choices, in each interface language, linked from the form and the meeting page."""

import datetime
import io

import docx
import pytest
from django.utils import timezone, translation

from contributions.forms import ContributionForm
from contributions.template_docx import DOCUMENT_HELP, LEFT_OUT

from ..factories import MeetingFactory, ThemeFactory


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_field_of_the_form_is_in_the_template(client, delegate, theme, language):
    response = client.get(f"/contributions/template-{language}.docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"template-{language}.docx" in response["Content-Disposition"]
    text = _text(response.content)
    with translation.override(language):
        form = ContributionForm(user=delegate)
        for field in form.visible_fields():
            if field.name in LEFT_OUT:  # the file is the document itself
                continue
            assert str(field.label) in text, field.name
            help_text = DOCUMENT_HELP.get(field.name, field.help_text)
            if help_text:
                assert str(help_text) in text, field.name
        for _value, label in form.fields["purpose"].choices:
            assert str(label) in text
        assert theme.title in text


@pytest.mark.django_db
def test_the_french_template_is_in_french(client):
    text = _text(client.get("/contributions/template-fr.docx").content)
    english = _text(client.get("/contributions/template-en.docx").content)
    assert text != english
    assert "Modèle" in text or "modèle" in text


@pytest.mark.django_db
def test_an_unknown_language_is_not_found(client):
    assert client.get("/contributions/template-xx.docx").status_code == 404


@pytest.mark.django_db
def test_the_arabic_template_reads_right_to_left(client):
    content = client.get("/contributions/template-ar.docx").content
    document = docx.Document(io.BytesIO(content))
    assert document.paragraphs[1]._p.pPr.find(docx.oxml.ns.qn("w:bidi")) is not None


@pytest.mark.django_db
def test_the_form_and_the_meeting_page_link_the_template(client_for, delegate, meeting):
    page = client_for(delegate).get("/contributions/submit/").content.decode()
    assert 'href="/contributions/template-en.docx"' in page
    assert 'href="/contributions/template-fr.docx"' in page
    page = client_for(delegate).get(meeting.get_absolute_url()).content.decode()
    assert 'href="/contributions/template-en.docx?meeting=30"' in page
    assert 'href="/contributions/template-fr.docx?meeting=30"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_template_reads_as_a_document_not_a_page(client, language):
    MeetingFactory(number=30)
    text = _text(client.get(f"/contributions/template-{language}.docx").content)
    english = _text(client.get("/contributions/template-en.docx").content)
    for page_words in ("shown above", "type to find", "A new file replaces", "this form"):
        assert page_words not in english
    if language != "en":  # in the reader's language throughout, not the English hints
        assert "Its deadline is shown above" not in text
        assert "type to find others" not in text


@pytest.mark.django_db
def test_the_template_states_the_meeting_its_deadline_in_its_zone_and_where_to_submit(
    client, settings
):
    settings.SITE_URL = "https://portal.example.org"
    start = timezone.localdate() + datetime.timedelta(days=60)
    meeting = MeetingFactory(
        number=30, start_date=start, end_date=start, time_zone="America/New_York"
    )
    deadline = meeting.deadline.astimezone(meeting.zone)
    text = _text(client.get("/contributions/template-en.docx?meeting=30").content)
    assert "CWG-COP meeting 30. Contribution deadline:" in text
    assert f"{deadline.day} {deadline:%B %Y}, 23:59" in text
    assert deadline.tzname() in text  # EST or EDT: the meeting's zone, not the server's
    assert "https://portal.example.org/contributions/submit/?meeting=30" in text
    french = _text(client.get("/fr/contributions/template-fr.docx?meeting=30").content)
    assert "https://portal.example.org/fr/contributions/submit/?meeting=30" in french


@pytest.mark.django_db
def test_without_a_meeting_the_template_names_the_meetings_open_for_contributions(client):
    MeetingFactory(number=30)
    MeetingFactory(number=29, start_date=timezone.localdate() + datetime.timedelta(days=2))
    text = _text(client.get("/contributions/template-en.docx").content)
    assert "CWG-COP meeting 30. Contribution deadline:" in text
    assert "CWG-COP meeting 29" not in text  # its deadline has passed


@pytest.mark.django_db
def test_a_theme_added_after_a_first_download_is_in_the_next_one(client):
    """The form's class-level queryset is not iterated in place: its rows would stay cached
    for the life of the process, and a theme added later never appear."""
    client.get("/contributions/template-en.docx")
    ThemeFactory(title="Age assurance")
    assert "Age assurance" in _text(client.get("/contributions/template-en.docx").content)
