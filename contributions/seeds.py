"""Demo contributions on the demo meeting (DEBUG only): one published with its symbol, one
waiting on the secretariat's desk, one draft. Made through the services, files included."""

import io

import docx
from django.core.files.uploadedfile import SimpleUploadedFile

from copportal.accounts.models import SECRETARIAT_GROUP, User
from meetings.models import Audience, Meeting, Theme

from . import services
from .models import Contribution

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

DEMO = [
    {
        "submitter": "delegate@example.org",
        "title": "Girls in ICT Day as a child online protection programme (demonstration)",
        "abstract": (
            "A demonstration contribution. It proposes that national Girls in ICT Day activities "
            "include a session on staying safe online, following the draft resolution the group "
            "adopted at its 20th meeting."
        ),
        "purpose": Contribution.Purpose.ACTION,
        "action_requested": "Invite Member States to share their Girls in ICT Day programmes.",
        "audiences": ["children", "policy-makers"],
        "theme": "integrating-cop",
        "publish": True,
    },
    {
        "submitter": "delegate2@example.org",
        "title": "Implementing a national child online protection strategy (demonstration)",
        "abstract": (
            "A demonstration contribution waiting on the secretariat's desk: the challenges, "
            "results and successes of a national strategy, as presented at the 19th meeting's "
            "special session."
        ),
        "purpose": Contribution.Purpose.INFORMATION,
        "action_requested": "",
        "audiences": ["policy-makers", "industry"],
        "theme": "legal-frameworks",
        "submit": True,
    },
    {
        "submitter": "delegate@example.org",
        "title": "Age assurance and privacy (demonstration draft)",
        "abstract": "A draft its author can finish, revise and submit before the deadline.",
        "purpose": Contribution.Purpose.INFORMATION,
        "action_requested": "",
        "audiences": ["industry"],
        "theme": "research-technical-tools",
    },
]


def _document(title: str, abstract: str) -> SimpleUploadedFile:
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(abstract)
    document.add_paragraph("This document was made up to demonstrate the portal.")
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile("demo-contribution.docx", buffer.getvalue(), content_type=DOCX)


def load_demo_contributions(meeting: Meeting) -> int:
    """Create the demo contributions once; returns how many exist on the demo meeting."""
    if meeting.contributions.exists():
        return meeting.contributions.count()
    secretariat = User.objects.filter(groups__name=SECRETARIAT_GROUP).first()
    for row in DEMO:
        submitter = User.objects.get(email=row["submitter"])
        contribution, _created = services.contribution_create(
            submitter=submitter,
            meeting=meeting,
            title=row["title"],
            sources=submitter.approved_organizations[:1],
            themes=list(Theme.objects.filter(slug=row["theme"])),
            upload=_document(row["title"], row["abstract"]),
            abstract=row["abstract"],
            purpose=row["purpose"],
            action_requested=row["action_requested"],
            audiences=list(Audience.objects.filter(slug__in=row["audiences"])),
            original_language="en",
        )
        if row.get("submit") or row.get("publish"):
            services.contribution_submit(contribution_id=contribution.pk, by=submitter)
        if row.get("publish"):
            services.contribution_accept(contribution_id=contribution.pk, by=secretariat)
            services.contribution_publish(contribution_id=contribution.pk, by=secretariat)
    return meeting.contributions.count()


def load(*, demo: bool) -> list[str]:
    """The seeding interface (manage.py load_seeds): demo contributions on the demo meeting."""
    meeting = Meeting.objects.filter(is_demo=True).order_by("number").first()
    if not demo or meeting is None:
        return []
    count = load_demo_contributions(meeting)
    return [f"Demo meeting {meeting.number}: {count} demo contributions."]
