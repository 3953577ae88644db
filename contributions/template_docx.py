"""The contribution template (a recommendation of the 20th meeting): a DOCX made from the
submission form itself, field by field, with the form's labels, help texts and choices, so
that the template and the form never drift apart. One per interface language.

It is a document, read away from the portal: it names the meeting and its deadline (in the
meeting's zone) and the address to submit at, and says nothing of the page (no "shown
above", no "type to find"): where a help text speaks of the form, DOCUMENT_HELP says it
for the document."""

import io

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from meetings.models import Meeting

from .forms import ContributionForm

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The help texts that speak of the web form, as the document says them. The meeting's is
# replaced by the meeting itself and its deadline; the file is the document (its last part).
DOCUMENT_HELP = {
    "meeting": gettext_lazy("The meeting this document is for."),
    "sources": gettext_lazy(
        "The Member States and organizations submitting this document: several make them "
        "co-sponsors, and their delegates may revise it."
    ),
}
LEFT_OUT = {"file"}


def template_fields():
    """The form's visible fields, in the form's order: (name, label, help text, choices)."""
    rows = []
    for name, field in ContributionForm.base_fields.items():
        if isinstance(field.widget, forms.HiddenInput) or name in LEFT_OUT:
            continue
        choices = []
        if name == "meeting":
            choices = []  # the meeting and its deadline are stated instead (meeting_lines)
        elif isinstance(field, forms.ModelMultipleChoiceField) and name != "sources":
            # A fresh query each time: iterating the class-level field's queryset would keep
            # its rows for the life of the process (a theme added later never shown).
            choices = [str(choice) for choice in field.queryset.all()]
        elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            choices = [str(label) for value, label in field.choices if value != ""]
        help_text = DOCUMENT_HELP.get(name, field.help_text) or ""
        rows.append((name, str(field.label), str(help_text), choices))
    return rows


def open_meetings() -> list[Meeting]:
    """The meetings a contribution can still be sent to before their deadline (the real
    ones; the demonstration meeting only when there is no other). Queries."""
    upcoming = [m for m in Meeting.objects.upcoming() if not m.is_past_deadline()]
    return [m for m in upcoming if not m.is_demo] or upcoming


def deadline_text(meeting: Meeting) -> str:
    """The deadline as the meeting's zone reads it: "10 January 2027, 23:59 CET (Geneva time)"."""
    local = timezone.localtime(meeting.deadline, meeting.zone)
    when = date_format(local, "DATETIME_FORMAT")
    return f"{when} {local.tzname()} ({meeting.time_zone_label})"


def meeting_lines(meetings: list[Meeting]) -> list[str]:
    if not meetings:
        return [
            _("No meeting is open for contributions now: the portal lists the coming meetings.")
        ]
    return [
        _("%(meeting)s. Contribution deadline: %(deadline)s.")
        % {"meeting": meeting.choice_label, "deadline": deadline_text(meeting)}
        for meeting in meetings
    ]


def submit_address(meeting: Meeting | None = None) -> str:
    """Where to submit, in the active language's address (the form, with the meeting chosen)."""
    address = settings.SITE_URL + reverse("contributions:submit")
    return f"{address}?meeting={meeting.number}" if meeting else address


def _right_to_left(paragraph):
    properties = paragraph._p.get_or_add_pPr()
    properties.append(OxmlElement("w:bidi"))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def contribution_template(language: str, meeting: Meeting | None = None) -> bytes:
    """The template in `language` (an interface language code), as DOCX bytes: for
    `meeting`, or else for the meetings open for contributions (queries)."""
    with translation.override(language):
        meetings = [meeting] if meeting else open_meetings()
        document = Document()
        document.core_properties.title = _("CWG-COP contribution template")
        document.core_properties.language = language
        paragraphs = [document.add_heading(_("CWG-COP contribution template"), level=0)]
        paragraphs.append(
            document.add_paragraph(
                _(
                    "Prepare your contribution with this template, then submit it on the "
                    "CWG-COP Portal, at %(address)s. Each heading below is a part of the "
                    "submission form, with the same explanation. Write the document itself "
                    "in its last part, or send it as a separate file."
                )
                % {"address": submit_address(meeting)}
            )
        )
        for name, label, help_text, choices in template_fields():
            paragraphs.append(document.add_heading(label, level=2))
            if help_text:
                help_paragraph = document.add_paragraph()
                help_paragraph.add_run(help_text).italic = True
                paragraphs.append(help_paragraph)
            if name == "meeting":
                paragraphs.extend(document.add_paragraph(line) for line in meeting_lines(meetings))
                continue
            for choice in choices:
                paragraphs.append(document.add_paragraph(f"☐ {choice}"))
            if not choices:
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
