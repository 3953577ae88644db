"""The contribution itself: what an author fills in, its status, and the reads on it.

Its statuses and their groups are in status.py, its sources (co-sponsors) in sources.py.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from copportal.accounts.models import Affiliation, Organization
from copportal.languages import Language
from meetings.models import Audience, Meeting, Theme

from ..search import document as search_document
from .sources import ContributionSource
from .status import ContributionStatus


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
        from .. import search

        return self.filter(search.match(query, language))

    def search(self, query: str, language: str | None = None):
        """Matches of `query`, best first, with `rank` and a highlighted `snippet`.

        Full text over the stored vectors, the query stemmed in `language` (the reader's,
        by default; contributions/search.py). Chain it after `listed_for(user)`: it filters nothing
        by status or visibility.
        """
        from .. import search

        return search.ranked(self.matching(query, language), query, language)

    def waiting(self):
        """What the secretariat must decide on: submitted and late contributions."""
        return self.filter(status__in=Contribution.Status.on_the_desk())


class Contribution(models.Model):
    """A document submitted to a meeting; numbered by the secretariat on acceptance."""

    Status = ContributionStatus  # its statuses and their groups: status.py

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
        from .. import search

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
        from ..workflow import allowed_transitions

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
