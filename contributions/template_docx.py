"""The contribution template (a recommendation of the 20th meeting): a DOCX made from the
submission form itself, field by field, with the form's labels, help texts and choices, so
that the template and the form never drift apart. One per interface language."""

import io

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .forms import ContributionForm

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def template_fields():
    """The form's visible fields, in the form's order: (name, label, help text, choices)."""
    rows = []
    for name, field in ContributionForm.base_fields.items():
        if isinstance(field.widget, forms.HiddenInput):
            continue
        choices = []
        if name == "meeting":
            choices = []  # the meeting is chosen on the portal, among the upcoming ones
        elif isinstance(field, forms.ModelMultipleChoiceField) and name != "sources":
            choices = [str(choice) for choice in field.queryset]
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices = [str(label) for value, label in field.choices if value != ""]
        rows.append((name, str(field.label), str(field.help_text or ""), choices))
    return rows


def _right_to_left(paragraph):
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def contribution_template(language: str) -> bytes:
    """The template in `language` (an interface language code), as DOCX bytes."""
    with translation.override(language):
        document = Document()
        document.core_properties.title = _("CWG-COP contribution template")
        document.core_properties.language = language
        paragraphs = [document.add_heading(_("CWG-COP contribution template"), level=0)]
        paragraphs.append(
            document.add_paragraph(
                _(
                    "Prepare your contribution with this template, then submit it on the "
                    "portal: each heading below is a field of the submission form, with the "
                    "same explanation. Write the document itself after the last field, or "
                    "attach it as a separate file."
                )
            )
        )
        for name, label, help_text, choices in template_fields():
            paragraphs.append(document.add_heading(label, level=2))
            if help_text:
                help_paragraph = document.add_paragraph()
                help_paragraph.add_run(help_text).italic = True
                paragraphs.append(help_paragraph)
            for choice in choices:
                paragraphs.append(document.add_paragraph(f"☐ {choice}"))
            if not choices and name != "file":
                paragraphs.append(document.add_paragraph("…"))
        paragraphs.append(document.add_heading(_("The document"), level=1))
        paragraphs.append(document.add_paragraph("…"))
        if translation.get_language_bidi():
            for paragraph in paragraphs:
                _right_to_left(paragraph)
        settings_element = document.settings.element
        lang = OxmlElement("w:themeFontLang")
        lang.set(qn("w:val"), language)
        settings_element.append(lang)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def template_languages() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)
