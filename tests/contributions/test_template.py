"""The contribution template: a DOCX made from the submission form's own fields, help texts
and choices, in each interface language, linked from the form and the meeting page."""

import io

import docx
import pytest
from django.utils import translation

from contributions.forms import ContributionForm


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
            assert str(field.label) in text, field.name
            if field.help_text:
                assert str(field.help_text) in text, field.name
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
    for path in ("/contributions/submit/", meeting.get_absolute_url()):
        page = client_for(delegate).get(path).content.decode()
        assert 'href="/contributions/template-en.docx"' in page
        assert 'href="/contributions/template-fr.docx"' in page
