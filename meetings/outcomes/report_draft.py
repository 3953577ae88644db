"""A draft of the chair's report, made from the meeting's data as a Word file (python-docx),
for the chair to finish in Word and upload as the report
(meetings/outcomes/views.py chair_report_edit).

In the meeting's working language: the portal keeps none of its own, so the meeting's
original language (the one its texts are written in) is used; `?language=` asks for another
of the six. Headings and fixed phrases are the interface's messages in that language; texts
(items, subjects) are shown in it where translated, else in their original.

What it holds: the opening (number, dates, venue, format, chair); the agenda as last
released, each item with the contributions it lists (symbol, title, source) and a place for
the outcome (the portal records outcomes per meeting, not per item: they follow, with the
recommendations and draft resolutions); the liaison notes sent (the portal records no
incoming ones); the participants by organization (registration); the next meeting.

Contributions' sources come from the contributions app's AgendaDocuments
(meetings/providers.py), as meetings/agenda/numbering.py's rows do: this app knows nothing of
contributions.
"""

import io

from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from copportal.accounts.models import CHAIR_GROUP, Organization
from copportal.date_text import date_text
from copportal.languages import Language, folded

from ..agenda import numbering, snapshots
from ..models import AgendaRelease, Meeting, Registration
from ..providers import agenda_documents

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def working_language(meeting: Meeting, asked: str | None = None) -> Language:
    """`asked` if it is one of the six, else the meeting's original language."""
    if asked in Language.values:
        return Language(asked)
    return Language(meeting.original_language or Language.ENGLISH)


def _dates(meeting: Meeting) -> str:
    if meeting.is_multi_day:
        return _("%(start)s to %(end)s") % {
            "start": date_text(meeting.start_date),
            "end": date_text(meeting.end_date),
        }
    return date_text(meeting.start_date)


def _sources(meeting: Meeting) -> dict[str, list[str]]:
    """Each numbered contribution's sources, in order, by symbol (two queries)."""
    rows = agenda_documents().sources(meeting)
    names = {o.pk: str(o) for o in Organization.objects.filter(pk__in={r[1] for r in rows})}
    sources: dict[str, list[str]] = {}
    for number, organization in rows:
        sources.setdefault(numbering.contribution_symbol(meeting.number, number), []).append(
            names[organization]
        )
    return sources


def _participants(meeting: Meeting) -> list[tuple[str, int, int]]:
    """(organization, in person, remotely), alphabetical in the working language."""
    counts: dict[int, list] = {}
    for registration in Registration.objects.for_meeting(meeting).select_related("organization"):
        row = counts.setdefault(registration.organization_id, [registration.organization, 0, 0])
        row[1 if registration.attendance == Registration.Attendance.IN_PERSON else 2] += 1
    rows = [(str(o), present, remote) for o, present, remote in counts.values()]
    return sorted(rows, key=lambda row: folded(row[0]))


def _chairs() -> list[str]:
    users = get_user_model().objects.filter(is_active=True, groups__name=CHAIR_GROUP)
    return [user.get_full_name() for user in users.order_by("pk").distinct()]


def _next_meeting(meeting: Meeting) -> Meeting | None:
    later = Meeting.objects.filter(start_date__gt=meeting.end_date, is_demo=meeting.is_demo)
    return later.order_by("start_date").first()


def _place(meeting: Meeting) -> str:
    """The venue and the format: "Geneva, Hybrid"."""
    return ", ".join(part for part in (meeting.venue, meeting.get_mode_display()) if part)


def _right_to_left(paragraph) -> None:
    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in paragraph.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


class _Writer:
    """The document, and every paragraph added to it (to mark them right-to-left)."""

    def __init__(self):
        self.document = Document()
        self.paragraphs = []

    def heading(self, text: str, level: int = 1):
        self.paragraphs.append(self.document.add_heading(text, level=level))

    def text(self, text: str, *, style: str | None = None, italic: bool = False):
        paragraph = self.document.add_paragraph(style=style)
        paragraph.add_run(text).italic = italic
        self.paragraphs.append(paragraph)

    def bullet(self, text: str):
        self.text(text, style="List Bullet")


def _opening(w: _Writer, meeting: Meeting) -> None:
    w.heading(_("Opening of the meeting"))
    w.text(
        _(
            "Meeting %(number)s of the Council Working Group on Child Online Protection "
            "(CWG-COP) was held on %(dates)s (%(place)s)."
        )
        % {"number": meeting.number, "dates": _dates(meeting), "place": _place(meeting)}
    )
    chairs = _chairs()
    if chairs:
        w.text(_("Chair: %(names)s") % {"names": ", ".join(chairs)})
    else:
        w.text(_("Chair: …"))


def _agenda(w: _Writer, meeting: Meeting, language: Language) -> None:
    w.heading(_("Agenda"))
    release = AgendaRelease.objects.filter(meeting=meeting).latest_first().first()
    if release is None:
        w.text(_("No agenda has been released yet."), italic=True)
        return
    w.text(
        _("The agenda as released (version %(version)s, %(date)s).")
        % {
            "version": release.version,
            "date": date_text(release.released_at, meeting.time_zone),
        }
    )
    items = snapshots.frozen_items(release.snapshot)
    for item in items:
        w.bullet(f"{item.number}  {item.shown('title', language).text}")
    sources = _sources(meeting)
    for item in items:
        w.heading(f"{item.number}  {item.shown('title', language).text}", level=2)
        allocated = item.data.get("allocated", [])
        if allocated:
            w.text(_("Contributions:"))
            for contribution in allocated:
                names = sources.get(contribution["symbol"], [])
                line = f"{contribution['symbol']}  {contribution['title']}"
                if names:
                    line += " (" + _("source: %(names)s") % {"names": ", ".join(names)} + ")"
                w.bullet(line)
        w.text(_("Outcome:") + " …", italic=True)


def _outcomes(w: _Writer, meeting: Meeting, language: Language) -> None:
    recommendations = list(meeting.recommendations.all())
    resolutions = list(meeting.draft_resolutions.prefetch_related("proposers"))
    if not recommendations and not resolutions:
        return
    w.heading(_("Outcomes"))
    if recommendations:
        w.heading(_("Recommendations"), level=2)
        for recommendation in recommendations:
            w.bullet(recommendation.shown("text", language).text)
    for resolution in resolutions:
        w.heading(_("Draft resolution:") + " " + resolution.shown("title", language).text, level=2)
        proposers = ", ".join(str(o) for o in resolution.proposers.all())
        w.text(
            _("Proposed by:") + f" {proposers} · {resolution.get_status_display()}"
            if proposers
            else resolution.get_status_display()
        )


def _liaison_notes(w: _Writer, meeting: Meeting, language: Language) -> None:
    w.heading(_("Liaison notes sent"))
    notes = list(meeting.liaison_notes.public().prefetch_related("recipients"))
    if not notes:
        w.text(_("None."), italic=True)
    for note in notes:
        bodies = ", ".join(str(recipient) for recipient in note.recipients.all())
        line = note.shown("subject", language).text
        if bodies:
            line += " — " + bodies
        if note.sent_at:
            line += f" ({date_text(note.sent_at, meeting.time_zone)})"
        w.bullet(line)


def _participants_section(w: _Writer, meeting: Meeting) -> None:
    w.heading(_("Participants"))
    rows = _participants(meeting)
    if not rows:
        w.text(_("No one registered in the portal."), italic=True)
        return
    member_states = Registration.objects.for_meeting(meeting).member_state_count()
    total = sum(present + remote for _name, present, remote in rows)
    w.text(
        ngettext(
            "%(count)s participant registered in the portal.",
            "%(count)s participants registered in the portal.",
            total,
        )
        % {"count": total}
    )
    w.text(
        ngettext(
            "They represent %(count)s organization, of which Member States: %(states)s.",
            "They represent %(count)s organizations, of which Member States: %(states)s.",
            len(rows),
        )
        % {"count": len(rows), "states": member_states}
    )
    for name, present, remote in rows:
        w.bullet(
            _("%(organization)s: %(present)s in person, %(remote)s remotely")
            % {"organization": name, "present": present, "remote": remote}
        )


def _next(w: _Writer, meeting: Meeting) -> None:
    w.heading(_("Next meeting"))
    following = _next_meeting(meeting)
    if following is None:
        w.text(_("The date of the next meeting is to be announced."))
        return
    w.text(
        _("The next meeting, meeting %(number)s, is to be held on %(dates)s (%(place)s).")
        % {
            "number": following.number,
            "dates": _dates(following),
            "place": _place(following),
        }
    )


def report_draft(meeting: Meeting, language: Language) -> bytes:
    """The draft report of `meeting` in `language`, as DOCX bytes."""
    locale = Language(language).locale
    with translation.override(locale):
        w = _Writer()
        title = _("Draft report of the chair: CWG-COP meeting %(number)s") % {
            "number": meeting.number
        }
        w.document.core_properties.title = title
        w.document.core_properties.language = locale
        w.paragraphs.append(w.document.add_heading(title, level=0))
        w.text(
            _(
                "Made by the portal from the meeting's data on %(date)s: a draft to complete "
                "and correct before it is uploaded as the chair's report."
            )
            % {"date": date_text(timezone.now(), meeting.time_zone)},
            italic=True,
        )
        _opening(w, meeting)
        _agenda(w, meeting, language)
        _outcomes(w, meeting, language)
        _liaison_notes(w, meeting, language)
        _participants_section(w, meeting)
        _next(w, meeting)
        if translation.get_language_bidi():
            for paragraph in w.paragraphs:
                _right_to_left(paragraph)
        lang = OxmlElement("w:themeFontLang")
        lang.set(qn("w:val"), locale)
        w.document.settings.element.append(lang)
        buffer = io.BytesIO()
        w.document.save(buffer)
        return buffer.getvalue()
