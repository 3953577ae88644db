"""Liaison notes sent and received, their recipients, history and attachments.

Imported by meetings/models.py: the models refer to Meeting by name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from copportal.content import TranslatedContent
from copportal.languages import Language
from copportal.uploads import StoredFile
from copportal.workflow import StatusEvent


class LiaisonNoteQuerySet(models.QuerySet):
    def public(self):
        """Sent notes (outgoing by nature): drafts and approved notes stay with the chair and
        the secretariat. The meeting page, the home page, the archive and the chair's report
        list these; published() adds the incoming notes the public may read."""
        return self.filter(status=LiaisonNote.Status.SENT)

    def published(self):
        """What the public may read, in either direction: sent outgoing notes and published
        incoming ones."""
        return self.filter(status__in=LiaisonNote.Status.public())

    def outgoing(self):
        return self.filter(direction=LiaisonNote.Direction.OUTGOING)

    def incoming(self):
        return self.filter(direction=LiaisonNote.Direction.INCOMING)

    def bodies(self) -> list[str]:
        """The bodies these notes are addressed to or come from ("ITU-D SG2", "ITU-T SG17"):
        one vocabulary, offered as suggestions by both forms (two queries)."""
        names = set(LiaisonRecipient.objects.filter(note__in=self).values_list("body", flat=True))
        names |= set(self.exclude(source="").values_list("source", flat=True))
        return sorted(names, key=str.casefold)


class LiaisonNote(TranslatedContent):
    """A liaison note from CWG-COP to another body (ITU-D SG2, ITU-T SG17, ...), or one the
    group received from such a body.

    Outgoing: draft -> approved -> sent, to its recipients (LiaisonRecipient), approved at a
    meeting. Incoming: recorded as a draft by the secretariat, then published; it names the
    body it comes from (`source`, the same kind of name as a recipient's `body`), the day it
    was received and, if any, the meeting it is for. `reply_to` links a note to the one it
    answers, in either direction (our reply to an incoming note, or a body's reply to ours).
    """

    class Direction(models.TextChoices):
        OUTGOING = "outgoing", pgettext_lazy("liaison note direction", "Outgoing")
        INCOMING = "incoming", pgettext_lazy("liaison note direction", "Incoming")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        # A note (feminine in French) is approved; an affiliation (masculine) too: two entries.
        APPROVED = "approved", pgettext_lazy("liaison note status", "Approved")
        SENT = "sent", _("Sent")
        PUBLISHED = "published", pgettext_lazy("liaison note status", "Published")

        @classmethod
        def public(cls) -> tuple:
            """The states the public may read: an outgoing note once sent, an incoming one
            once published."""
            return (cls.SENT, cls.PUBLISHED)

    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.OUTGOING
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="liaison_notes",
        null=True,
        blank=True,
        verbose_name=_("meeting"),
    )
    source = models.CharField(
        _("from"), max_length=200, blank=True, help_text=_("For example: ITU-D SG2")
    )
    source_detail = models.CharField(
        _("group"), max_length=200, blank=True, help_text=_("For example: Question 3/2")
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    reply_to = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    contacts = models.TextField(_("contacts"), blank=True)

    objects = LiaisonNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting__number", "pk"]
        verbose_name = _("liaison note")
        verbose_name_plural = _("liaison notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(direction="incoming") | Q(meeting__isnull=False),
                name="outgoing_liaison_note_has_a_meeting",
                violation_error_message=_(
                    "An outgoing liaison note needs the meeting that approved it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(direction="outgoing") | (~Q(source="") & Q(received_on__isnull=False)),
                name="incoming_liaison_note_has_its_source_and_date",
                violation_error_message=_(
                    "An incoming liaison note needs the body it comes from and the date it "
                    "was received."
                ),
            ),
            models.CheckConstraint(
                condition=Q(direction="outgoing", status__in=["draft", "approved", "sent"])
                | Q(direction="incoming", status__in=["draft", "published"]),
                name="liaison_note_status_fits_its_direction",
                violation_error_message=_(
                    "An outgoing liaison note is sent, not published; an incoming one is "
                    "published, never approved or sent."
                ),
            ),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("meetings:liaison_note", args=[self.pk])

    @property
    def is_incoming(self) -> bool:
        return self.direction == self.Direction.INCOMING

    @property
    def time_zone(self) -> str | None:
        """The zone its times are shown in: its meeting's; an incoming note may have none
        (then the portal's default)."""
        return self.meeting.time_zone if self.meeting_id else None

    @property
    def is_public(self) -> bool:
        """Sent (outgoing) or published (incoming): the public may read it."""
        return self.status in self.Status.public()

    @property
    def source_name(self) -> str:
        """The body an incoming note comes from, with its group: "ITU-D SG2 Question 3/2"."""
        return f"{self.source} {self.source_detail}".strip()


def validate_email_list(value):
    """A list of e-mail addresses (a recipient's contacts or cc), each one valid."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("Give a list of e-mail addresses."))
    for address in value:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(
                _("“%(address)s” is not a valid e-mail address."), params={"address": address}
            ) from None


class LiaisonRecipient(models.Model):
    """A body a liaison note is addressed to, and what it is asked to do.

    When the note is sent, its `contacts` receive the note by mail, and its `cc` a copy, in
    the recipient's `language` where the note is written in it (meetings.liaison.services)."""

    class Purpose(models.TextChoices):
        ACTION = "action", _("For action")
        COMMENT = "comment", _("For comment")
        INFORMATION = "information", _("For information")

    note = models.ForeignKey(LiaisonNote, on_delete=models.CASCADE, related_name="recipients")
    body = models.CharField(_("body"), max_length=200, help_text=_("For example: ITU-D SG2"))
    detail = models.CharField(
        _("group"), max_length=200, blank=True, help_text=_("For example: Question 3/2")
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices)
    deadline = models.DateField(_("reply by"), null=True, blank=True)
    is_cc = models.BooleanField(_("in copy"), default=False)
    contacts = models.JSONField(
        _("contacts' e-mail addresses"),
        default=list,
        blank=True,
        validators=[validate_email_list],
        help_text=_("They receive the note when it is sent. One address per line."),
    )
    cc = models.JSONField(
        _("cc e-mail addresses"),
        default=list,
        blank=True,
        validators=[validate_email_list],
        help_text=_("They receive a copy. One address per line."),
    )
    language = models.CharField(
        _("language of the mail"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text=_("The note goes out in this language where it is written in it."),
    )

    class Meta:
        ordering = ["note", "is_cc", "pk"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")

    def __str__(self):
        return f"{self.body} {self.detail}".strip()

    def get_additional_data(self) -> dict:
        """Kept with each audit log entry of this row (django-auditlog's hook): its note,
        whose history lists it (copportal/audit/registry.py)."""
        return {"liaison_note": self.note_id}


class LiaisonNoteEvent(StatusEvent):
    """A change of a liaison note's status (draft -> approved -> sent, or draft -> published
    for a note received): who, when, from, to (copportal/workflow.py's shape; the table is
    meetings/liaison/workflow.py's). A "sent" event is the one that mails the recipients.
    """

    liaison_note = models.ForeignKey(
        LiaisonNote, on_delete=models.CASCADE, related_name="events", verbose_name=_("liaison note")
    )
    from_status = models.CharField(_("from"), max_length=10, choices=LiaisonNote.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=LiaisonNote.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    class Meta:
        ordering = ["liaison_note", "at", "pk"]
        verbose_name = _("liaison note event")
        verbose_name_plural = _("liaison note events")

    def __str__(self):
        return f"{self.liaison_note_id}: {self.from_status} -> {self.to_status}"


def liaison_attachment_upload_to(attachment, filename):
    """A name of our own, in a folder no URL serves: files go out through a view that checks."""
    return f"liaison-notes/{attachment.note_id}/{attachment.stored_name}"


class LiaisonAttachment(StoredFile):
    """A file sent with a liaison note (checked like contributions' files: copportal/uploads)."""

    note = models.ForeignKey(LiaisonNote, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=liaison_attachment_upload_to, max_length=200)

    class Meta:
        ordering = ["note", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("meetings:liaison_attachment", args=[self.pk])
