"""Contributions to a meeting: their sources, language versions, revisions and history.

A contribution has one original language and may have a version in each of the other ITU
languages (a Document per language); each Document keeps every file it was given (Revision
rows, never overwritten). The secretariat numbers accepted contributions per meeting
(SymbolCounter): CWG-COP-<meeting>/<n>, with (Rev.N) and the language letter on files.
Every change of state is a ContributionEvent.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from copportal.accounts.models import Affiliation, Organization
from copportal.languages import Language
from copportal.uploads import StoredFile
from copportal.workflow import StatusEvent
from meetings.models import Audience, Meeting, Theme

from .search import document as search_document


class ContributionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Contribution.Status.PUBLISHED)

    def for_meeting(self, meeting):
        return self.filter(meeting=meeting)

    def listed_for(self, user):
        """Published contributions the user may open (`visible_to`): public ones, members-only
        ones for members and for their authors."""
        return self.visible_to(user).published()

    def authored_by(self, user):
        """Contributions the user submitted or co-sponsors (a delegate of one of the sources)."""
        if not user.is_authenticated:
            return self.none()
        cosponsored = ContributionSource.objects.filter(
            contribution=OuterRef("pk"),
            organization__affiliations__user=user,
            organization__affiliations__status=Affiliation.Status.APPROVED,
        )
        return self.filter(Q(submitter=user) | Exists(cosponsored))

    def visible_to(self, user):
        """Every contribution the user may open: `contributions.view_contribution` (rules.py)
        as a query, term by term (tests/contributions/test_view_rule_and_query.py compares
        the two for every kind of user, status and visibility).

        Anyone: published and public, and withdrawn after publication (the record stays).
        Members: also members-only ones. Authors: their own, in any state, members or not.
        The chair and the secretariat: everything except other people's drafts.
        """
        Status = Contribution.Status
        # The public record: public ones for all, members-only ones for members too;
        allowed = Q(status=Status.PUBLISHED) | Q(
            status=Status.WITHDRAWN, published_at__isnull=False
        )
        if not user.has_perm("contributions.view_members_only"):
            allowed &= Q(visibility=Contribution.Visibility.PUBLIC)
        # or, for the chair and the secretariat, anything not a draft;
        if user.has_perm("contributions.view_submitted"):
            allowed |= ~Q(status=Status.DRAFT)
        # or the user's own, in any state.
        if user.is_authenticated:
            allowed |= Q(pk__in=self.authored_by(user).values("pk"))
        return self.filter(allowed)

    def matching(self, query: str, language: str | None = None):
        """The contributions whose text matches `query` (no ranking: for counts)."""
        from . import search

        return self.filter(search.match(query, language))

    def search(self, query: str, language: str | None = None):
        """Matches of `query`, best first, with `rank` and a highlighted `snippet`.

        Full text over the stored vectors, the query stemmed in `language` (the reader's,
        by default; contributions/search.py). Chain it after `listed_for(user)`: it filters nothing
        by status or visibility.
        """
        from . import search

        return search.ranked(self.matching(query, language), query, language)

    def waiting(self):
        """What the secretariat must decide on: submitted and late contributions."""
        return self.filter(status__in=Contribution.Status.on_the_desk())


class Contribution(models.Model):
    """A document submitted to a meeting; numbered by the secretariat on acceptance."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("contribution status", "Draft")
        SUBMITTED = "submitted", _("Submitted")
        LATE = "late", _("Late")
        ACCEPTED = "accepted", _("Accepted")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("contribution status", "Withdrawn")
        REJECTED = "rejected", _("Rejected")

        # Groups of statuses, defined here once (STYLE): code, queries and templates ask these.
        @classmethod
        def visible(cls) -> frozenset[str]:
            """Shown with the meeting's documents (a withdrawn one that was published stays
            on the public record: Contribution.is_public_record)."""
            return frozenset({cls.PUBLISHED})

        @classmethod
        def on_the_desk(cls) -> frozenset[str]:
            """Waiting for the secretariat's decision."""
            return frozenset({cls.SUBMITTED, cls.LATE})

        @classmethod
        def final(cls) -> frozenset[str]:
            """No action leads out of these."""
            return frozenset({cls.WITHDRAWN, cls.REJECTED})

        @classmethod
        def withdrawable(cls) -> frozenset[str]:
            return frozenset(set(cls) - cls.final())

    class Kind(models.TextChoices):
        CONTRIBUTION = "contribution", _("Contribution")
        REGIONAL_REPORT = "regional-report", _("Quarterly report of an ITU regional office")
        GOOD_PRACTICE = "good-practice", _("Good practice")

    class Purpose(models.TextChoices):
        ACTION = "action", _("For action")
        INFORMATION = "information", _("For information")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="contributions", verbose_name=_("meeting")
    )
    number = models.PositiveIntegerField(
        _("number"), null=True, blank=True, help_text=_("Given by the secretariat on acceptance.")
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("type of document"), max_length=20, choices=Kind.choices, default=Kind.CONTRIBUTION
    )
    purpose = models.CharField(_("purpose"), max_length=12, choices=Purpose.choices, blank=True)
    action_requested = models.TextField(_("action requested"), blank=True)
    abstract = models.TextField(_("abstract"), blank=True)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="contributions", verbose_name=_("themes")
    )
    audiences = models.ManyToManyField(
        Audience, blank=True, related_name="contributions", verbose_name=_("audiences")
    )
    original_language = models.CharField(
        _("original language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    sources = models.ManyToManyField(
        Organization,
        through="ContributionSource",
        related_name="contributions",
        verbose_name=_("source"),
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("submitted by"),
    )
    contacts = models.TextField(_("contacts"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    is_late = models.BooleanField(
        _("submitted late"), default=False, help_text=_("Set by the server clock on submission.")
    )
    in_grace = models.BooleanField(
        _("submitted in the grace period"),
        default=False,
        help_text=_("Arrived after the deadline but within the meeting's grace period: on time."),
    )
    carried_over_from = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_over_contributions",
        verbose_name=_("carried over from"),
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("agenda item"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text=_("Raised on every save: a stale form cannot overwrite a newer one.")
    )
    creation_token = models.UUIDField(
        null=True, blank=True, unique=True, editable=False, help_text=_("Guards double submits.")
    )
    # What the search vector reads and SQL cannot compute from the row (contributions/search.py):
    # a Chinese title and abstract cut into words (save()), the files' text (fill_stored).
    chinese_vector = SearchVectorField(null=True, editable=False)
    files_vector = SearchVectorField(null=True, editable=False)
    search_vector = models.GeneratedField(
        expression=search_document(),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )

    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting__number", "number", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                condition=Q(number__isnull=False),
                name="unique_contribution_number_per_meeting",
                violation_error_message=_(
                    "This meeting already has a contribution with this number."
                ),
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True)
                | Q(status__in=["accepted", "published", "withdrawn", "rejected"]),
                name="only_accepted_contributions_have_numbers",
                violation_error_message=_(
                    "Only an accepted contribution has a number: accept it first."
                ),
            ),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="contribution_search_vector")]

    def __str__(self):
        return f"{self.symbol}: {self.title}" if self.number else self.title

    def save(self, *args, update_fields=None, **kwargs):
        """Save, a Chinese title and abstract cut into words again for the search vector
        when they are written (contributions/search.py's `cut_chinese`; PostgreSQL generates
        the rest).

        `files_vector` is fill_stored's alone: an update never writes it, or an instance
        read before a file's text was extracted would put the old files' part back."""
        from . import search

        if update_fields is None and not self._state.adding:
            loaded = [f for f in self._meta.concrete_fields if f.attname in self.__dict__]
            update_fields = {f.attname for f in loaded if not (f.primary_key or f.generated)}
            update_fields.discard("files_vector")
        sources = {"title", "abstract", "original_language"}
        if update_fields is None or sources & set(update_fields):
            deferred = self.get_deferred_fields() & sources
            if deferred:
                self.refresh_from_db(fields=deferred)
            self.__dict__.update(search.cut_chinese(self))
            if update_fields is not None:
                update_fields = {*update_fields, "chinese_vector"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self):
        if self.number:
            return reverse("contributions:detail", args=[self.meeting.number, self.number])
        return reverse("contributions:detail_by_id", args=[self.pk])

    @property
    def symbol(self) -> str:
        """CWG-COP-20/5, or "" before the secretariat numbers it (uses self.meeting)."""
        if not self.number:
            return ""
        return f"CWG-COP-{self.meeting.number}/{self.number}"

    @property
    def is_editable_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_public_record(self) -> bool:
        """Published, or withdrawn after publication: the public record stays."""
        return self.status == self.Status.PUBLISHED or (
            self.status == self.Status.WITHDRAWN and self.published_at is not None
        )

    @property
    def is_withdrawable(self) -> bool:
        return self.status in self.Status.withdrawable()

    @property
    def is_visible(self) -> bool:
        return self.status in self.Status.visible()

    @property
    def is_on_the_desk(self) -> bool:
        return self.status in self.Status.on_the_desk()

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_late_status(self) -> bool:
        """Waiting as late (is_late says it arrived late, whatever its status now)."""
        return self.status == self.Status.LATE

    @property
    def is_final(self) -> bool:
        return self.status in self.Status.final()

    def accepts_revisions(self, at=None) -> bool:
        """Whether authors may still upload files: a live contribution before the deadline."""
        live = {self.Status.DRAFT, self.Status.SUBMITTED, self.Status.ACCEPTED}
        live.add(self.Status.PUBLISHED)
        return self.status in live and not self.meeting.is_past_deadline(at)

    def allowed_actions(self, user) -> list:
        """The status changes the user may make now (contributions/workflow.py's table)."""
        from .workflow import allowed_transitions

        return allowed_transitions(self, user)

    def is_author(self, user) -> bool:
        """The submitter or a delegate of one of the sources (queries once, then cached)."""
        if not user.is_authenticated:
            return False
        if user.pk == self.submitter_id:
            return True
        mine = {organization.pk for organization in user.approved_organizations}
        return any(source.organization_id in mine for source in self.ordered_sources)

    @property
    def ordered_sources(self) -> list["ContributionSource"]:
        """Sources in order, the submitter's own first (prefetch `source_links`: no query)."""
        return sorted(self.source_links.all(), key=lambda link: link.order)

    def missing_for_submission(self) -> list[str]:
        """What a draft lacks before it can be submitted (queries sources and files)."""
        missing = []
        if not self.title.strip():
            missing.append(_("a title"))
        if not self.source_links.exists():
            missing.append(_("at least one source"))
        if not self.purpose:
            missing.append(_("for action or for information"))
        if self.purpose == self.Purpose.ACTION and not self.action_requested.strip():
            missing.append(_("the action requested"))
        if not self.abstract.strip():
            missing.append(_("an abstract"))
        if not self.documents.filter(language=self.original_language, revisions__isnull=False):
            missing.append(_("the document file in the original language"))
        return missing

    def next_step(self) -> str:
        """What happens next, in a sentence, for the people who follow this contribution."""
        Status = self.Status
        return {
            Status.DRAFT: _(
                "Only you and your co-sponsors see this draft. Finish it and submit it before "
                "the deadline."
            ),
            Status.SUBMITTED: _(
                "The secretariat will check it and give it a symbol. You may upload revisions "
                "until the deadline."
            ),
            Status.LATE: _(
                "It arrived after the deadline. The secretariat will accept it for this meeting "
                "or carry it over to the next one, and say why."
            ),
            Status.ACCEPTED: _(
                "It has its symbol. The secretariat will publish it on the meeting's page."
            ),
            Status.PUBLISHED: _("It is published with the meeting's documents."),
            Status.WITHDRAWN: _("It was withdrawn. Its record is kept."),
            Status.REJECTED: _("The secretariat did not accept it; the reason is below."),
        }[self.status]


Status = Contribution.Status
# Groups of statuses, on the enum (STYLE). The agenda's: which contributions the builder lists
# (drafts are their authors' own), which should have an item, which a released agenda shows,
# and why an allocated one in another status stays off it. contributions/apps.py gives them
# to the agenda (meetings knows no status of ours) as the one rule its check and release use.
Status.LISTED_FOR_THE_AGENDA = frozenset(set(Status) - {Status.DRAFT})
Status.FOR_THE_AGENDA = frozenset(
    {Status.SUBMITTED, Status.LATE, Status.ACCEPTED, Status.PUBLISHED}
)
Status.ON_THE_AGENDA = frozenset({Status.PUBLISHED})
Status.LEFT_OFF_THE_AGENDA = {
    Status.SUBMITTED: _("not yet published: still on the secretariat's desk"),
    Status.LATE: _("not yet published: late, waiting for the secretariat's decision"),
    Status.ACCEPTED: _("not yet published: accepted, waiting for the secretariat to publish it"),
    Status.WITHDRAWN: pgettext_lazy("why a contribution is left off an agenda", "withdrawn"),
    Status.REJECTED: pgettext_lazy("why a contribution is left off an agenda", "rejected"),
}
del Status


class ContributionSource(models.Model):
    """A Member State or organization a contribution comes from (co-sponsors), in order."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="source_links"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="contribution_links"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["contribution", "order"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "organization"], name="unique_contribution_source"
            )
        ]

    def __str__(self):
        return str(self.organization)


class Document(models.Model):
    """A contribution in one language: the original or a language version."""

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="documents"
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)

    class Meta:
        ordering = ["contribution", "language"]
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "language"], name="one_document_per_language"
            )
        ]

    def __str__(self):
        return f"{self.contribution} ({self.get_language_display()})"

    @property
    def letter(self) -> str:
        return Language(self.language).letter

    @property
    def latest(self) -> "Revision | None":
        """The newest revision; prefetch `revisions` to avoid a query."""
        revisions = list(self.revisions.all())
        return max(revisions, key=lambda revision: revision.number) if revisions else None


def revision_upload_to(revision, filename):
    """A name of our own: never the user's file name, never a path they chose."""
    return f"contributions/{revision.document.contribution_id}/{revision.stored_name}"


class Revision(StoredFile):
    """One file of a language version. Rev.0 is the original; nothing is ever overwritten."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revision"))
    # The default storage: MEDIA_ROOT, which no URL serves (MEDIA_URL is None); files go out
    # through the download view, which checks who may see them.
    file = models.FileField(_("file"), upload_to=revision_upload_to, max_length=200)
    text = models.TextField(_("extracted text"), blank=True)
    text_extracted_at = models.DateTimeField(null=True, blank=True)
    extraction_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="unique_revision_number_per_document"
            )
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("contributions:file", args=[self.pk])

    @property
    def label(self) -> str:
        """Rev.N; the first file is the "Original" in the original language only, a language
        version's first file is its "First version" (uses document.contribution: prefetch)."""
        if self.number:
            return _("Rev.%(number)s") % {"number": self.number}
        if self.document.language == self.document.contribution.original_language:
            return _("Original")
        return _("First version")

    @property
    def symbol(self) -> str:
        """CWG-COP-20/5(Rev.1)-E; "" before the contribution is numbered."""
        contribution = self.document.contribution
        if not contribution.number:
            return ""
        rev = f"(Rev.{self.number})" if self.number else ""
        return f"{contribution.symbol}{rev}-{self.document.letter}"

    @property
    def download_name(self) -> str:
        """The file name users receive: the symbol when there is one, else the upload's name."""
        if self.symbol:
            return f"{self.symbol.replace('/', '-')}.{self.file_type}"
        return self.original_name


class SymbolCounter(models.Model):
    """The last number given in a meeting: locked while numbering, never goes back."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("symbol counter")
        verbose_name_plural = _("symbol counters")

    def __str__(self):
        return f"{self.meeting}: {self.last_number}"


class ContributionEvent(StatusEvent):
    """The audit log: who changed a contribution, when, from what state to what, and why
    (copportal/workflow.py's shape; the status changes are contributions/workflow.py's)."""

    class Action(models.TextChoices):
        CREATED = "created", _("Draft created")
        EDITED = "edited", _("Draft edited")
        SUBMITTED = "submitted", _("Submitted")
        SUBMITTED_LATE = "submitted-late", _("Submitted after the deadline")
        FILE_ADDED = "file-added", _("File uploaded")
        ACCEPTED = "accepted", _("Accepted")
        CARRIED_OVER = "carried-over", _("Carried over to the next meeting")
        REJECTED = "rejected", _("Rejected")
        PUBLISHED = "published", _("Published")
        VISIBILITY = "visibility", _("Visibility changed")
        WITHDRAWN = "withdrawn", pgettext_lazy("contribution status", "Withdrawn")

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=10, choices=Contribution.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=Contribution.Status.choices)
    in_grace = models.BooleanField(
        _("in the grace period"),
        default=False,
        help_text=_("A submission that arrived after the deadline, within the grace period."),
    )

    class Meta:
        ordering = ["contribution", "at", "pk"]
        verbose_name = _("contribution event")
        verbose_name_plural = _("contribution events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"


# --- All documents of a meeting as one ZIP per language (contributions/archives.py) ---------
def archive_upload_to(archive, filename):
    """The fingerprint is in the name: a changed document makes a new archive, never a stale
    one under an old address."""
    return (
        f"meeting-archives/{archive.meeting_id}/"
        f"CWG-COP-{archive.meeting.number}-{archive.language}-{archive.fingerprint}.zip"
    )


class MeetingArchive(models.Model):
    """A meeting's public documents in one language, as one ZIP: built once per fingerprint
    (the included files' ids, revisions and times) by a task, then served until a document
    changes. Public material only: the same archive for every reader."""

    class Status(models.TextChoices):
        BUILDING = "building", _("Being prepared")
        READY = "ready", _("Ready")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="archives")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BUILDING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=archive_upload_to, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "language", "-created_at"]
        verbose_name = _("meeting's documents as a ZIP")
        verbose_name_plural = _("meetings' documents as ZIPs")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "language", "fingerprint"], name="one_archive_per_fingerprint"
            )
        ]

    def __str__(self):
        return f"{self.meeting} · {self.language} · {self.fingerprint[:12]}"

    def get_absolute_url(self):
        return reverse("contributions:meeting_archive", args=[self.meeting.number, self.language])

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.file)

    @property
    def download_name(self) -> str:
        return f"CWG-COP-{self.meeting.number}-documents-{self.language}.zip"
