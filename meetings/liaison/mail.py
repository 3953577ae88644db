"""The mail a sent liaison note sends: the note to its recipients, a notice to subscribers.
Both run in the sending transaction (meetings/liaison/workflow.py's mail hook); an incoming
note mails no one."""

from django.conf import settings

from copportal.languages import Language
from copportal.notifications.services import Recipient, notify

from ..services import by_language, subscribers
from .models import LiaisonNote


def notify_recipients(note: LiaisonNote) -> None:
    """The note itself to each recipient body's contacts, and a copy to its cc (inside the
    sending transaction). One delivery per address, the key naming the note: an address
    listed twice, or a second send, mails nobody again. Each body's mail is in its language
    where the note is written in it (else the original), with links to the attachments."""
    attachments = [
        {"name": a.original_name, "url": settings.SITE_URL + a.get_absolute_url()}
        for a in note.attachments.all()
    ]
    for recipient in note.recipients.all():
        locale = Language(recipient.language).locale
        context = {
            "subject": note.shown("subject", locale).text,
            "text": note.shown("body", locale).text,
            "body": str(recipient),
            "purpose": recipient.purpose,
            "reply_by": recipient.deadline.isoformat() if recipient.deadline else "",
            "attachments": attachments,
            "path": note.get_absolute_url(),
            "contact_of": str(recipient),
        }
        for addresses, in_copy in [
            (recipient.contacts, recipient.is_cc),
            (recipient.cc, True),
        ]:
            notify(
                kind="liaison-note-sent",
                key=f"liaison-note-to:{note.pk}",
                recipients=[
                    Recipient(email=address, language=locale, name=str(recipient))
                    for address in addresses
                ],
                context={**context, "in_copy": in_copy},
            )


def notify_sent(note: LiaisonNote) -> None:
    """Subscribers get a short notice of a sent note (inside the sending transaction: once)."""
    bodies = [str(recipient) for recipient in note.recipients.all()]
    for language, group in by_language(subscribers()).items():
        notify(
            kind="liaison-note-notice",
            key=f"liaison-note-sent:{note.pk}",
            recipients=group,
            context={
                "subject": note.shown("subject", language).text,
                "bodies": bodies,
                "path": note.get_absolute_url(),
            },
        )
