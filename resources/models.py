"""The resource library: guidelines, reports, courses, toolkits... and the child helplines.

A Resource's editorial text (title, summary, body) is translated (copportal/content.py); its
material (a file, a link) is in one language, and translations of the same material are linked
through `translation_of`. Search reads one stored vector per resource (`search_vector`), a
column PostgreSQL generates from the row and indexes with GIN (resources/search.py says how).
"""

import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from copportal.accounts.models import Organization, Region
from copportal.content import TranslatedContent, column
from copportal.languages import Language
from copportal.uploads import FileType
from copportal.workflow import StatusEvent
from meetings.models import Audience, Meeting, Theme

from .countries.models import CountryEntry, CountryEntryEvent  # noqa: F401  (Django finds them here)
from .exports.models import PublicDataDump  # noqa: F401  (the dump's model, found here by Django)
from .search import document as search_document


class ResourceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=Resource.Status.visible())

    def for_listing(self):
        """Only the columns a list of results shows (never bodies, file text or vectors)."""
        text = [column(f, code) for f in ("title", "summary") for code in Language]
        country = ["country__name", *(f"country__{column('name', code)}" for code in Language)]
        return self.select_related("country").only(
            "slug", "type", "language", "original_language", "year", "published_on",
            "publisher", "status", *text, *country,
        )  # fmt: skip

    def matching(self, query: str, language: str | None = None):
        """The resources whose text matches `query` (no ranking: for counts and facets)."""
        from . import search

        return self.filter(search.match(query, language))

    def search(self, query: str, language: str | None = None):
        """Matches of `query`, best first, with `rank` and a highlighted `snippet`.

        Full text over the stored vectors, the query stemmed in `language` (the reader's by
        default; resources/search.py).
        """
        from . import search

        return search.ranked(self.matching(query, language), query, language)


class Resource(TranslatedContent):
    """An entry of the library: text of its own, a file, a link, or all three."""

    class Type(models.TextChoices):
        GUIDELINE = "guideline", _("Guideline")
        REPORT = "report", _("Report")
        COURSE = "course", _("Training course")
        TOOLKIT = "toolkit", _("Toolkit")
        VIDEO = "video", _("Video")
        LEGISLATION = "legislation", _("Legislation")
        GOOD_PRACTICE = "good-practice", _("Good practice")
        STATISTICS = "statistics", _("Statistics")
        HELPLINE = "helpline", _("Helpline")
        RESOLUTION = "resolution", _("Resolution")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("resource status", "Draft")
        PUBLISHED = "published", pgettext_lazy("resource status", "Published")

        @classmethod
        def visible(cls) -> frozenset[str]:
            """What the public sees in the library."""
            return frozenset({cls.PUBLISHED})

    slug = models.SlugField(_("address"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(
        _("text"), blank=True, help_text=_("Markdown: headings, lists, links, emphasis.")
    )
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    audiences = models.ManyToManyField(
        Audience, blank=True, related_name="resources", verbose_name=_("audiences")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="resources", verbose_name=_("themes")
    )
    language = models.CharField(
        _("language of the material"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text=_("The language of the file or the page the link leads to."),
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        verbose_name=_("translation of"),
        help_text=_("The same material in another language: the resource it translates."),
    )
    country = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        limit_choices_to={"kind": Organization.Kind.MEMBER_STATE},
        verbose_name=_("country"),
    )
    region = models.CharField(_("ITU region"), max_length=20, choices=Region.choices, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year of publication"),
        null=True,
        blank=True,
        help_text=_("Taken from the publication date; give it alone when only the year is known."),
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    # A document the portal holds neither as a file nor as a link is still named somewhere:
    # the entry says where, and the page says plainly that only that document is at hand.
    cited_in = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("named in"),
        help_text=_("The library's entry of a document that names this one."),
    )
    cited_section = models.CharField(
        _("where it is named"),
        max_length=200,
        blank=True,
        help_text=_("The part of that document that names it: a section, an annex."),
    )
    # The default storage: MEDIA_ROOT, which no URL serves; the download view checks access.
    file = models.FileField(_("file"), upload_to="resources/", max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=150, blank=True)
    file_type = models.CharField(_("file type"), max_length=5, choices=FileType.choices, blank=True)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    file_text = models.TextField(_("extracted text"), blank=True, editable=False)
    source_contribution = models.ForeignKey(
        "contributions.Contribution",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("source contribution"),
    )
    records = models.ManyToManyField(
        Meeting,
        blank=True,
        related_name="records",
        verbose_name=_("meetings it records"),
        help_text=_(
            "The meetings whose record this document is (a chair's report): their pages link to it."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_demo = models.BooleanField(_("demonstration"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The Chinese text cut into words (resources.search.cut_chinese, from save()): the parts
    # of the vector SQL cannot compute.
    chinese_vector = SearchVectorField(null=True, editable=False)
    chinese_file_vector = SearchVectorField(null=True, editable=False)
    search_vector = models.GeneratedField(
        expression=search_document(),
        output_field=SearchVectorField(),
        db_persist=True,
        editable=False,
    )

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-published_on", "-pk"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        permissions = [("publish_resource", "Can publish and unpublish resources")]
        indexes = [
            models.Index(fields=["status", "-year", "-published_on"], name="resource_listing"),
            GinIndex(fields=["search_vector"], name="resource_search_vector"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, update_fields=None, **kwargs):
        """Save, the Chinese parts of the search vector cut again when their text is written
        (resources/search.py's `cut_chinese`; PostgreSQL generates the rest)."""
        from . import search

        if update_fields is None or search.CHINESE_SOURCES & set(update_fields):
            deferred = self.get_deferred_fields() & search.CHINESE_SOURCES
            if deferred:
                self.refresh_from_db(fields=deferred)
            self.__dict__.update(search.cut_chinese(self))
            if update_fields is not None:
                update_fields = {*update_fields, "chinese_vector", "chinese_file_vector"}
        super().save(*args, update_fields=update_fields, **kwargs)

    def get_absolute_url(self):
        return reverse("resources:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status in self.Status.visible()

    @property
    def download_name(self) -> str:
        return self.file_name or f"{self.slug}.{self.file_type}"

    @property
    def has_material(self) -> bool:
        """A file or a link: something the reader can open."""
        return bool(self.file or self.link)

    def language_versions(self) -> list["Resource"]:
        """The published translations of the same material, this one excluded (one query)."""
        root = self.translation_of_id or self.pk
        return list(
            Resource.objects.published()
            .filter(Q(pk=root) | Q(translation_of=root))
            .exclude(pk=self.pk)
            .order_by("language")
        )


def resource_file_name(file_type: str) -> str:
    """A stored name of our own: never the user's file name."""
    return f"resources/{timezone.now():%Y}/{uuid.uuid4().hex}.{file_type}"


class SearchTerm(models.Model):
    """A word of the published library's titles and summaries, for "did you mean" (pg_trgm)."""

    word = models.CharField(max_length=60, unique=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.word


class HelplineEntryQuerySet(models.QuerySet):
    def for_countries(self, countries):
        return self.filter(country__in=countries)


class HelplineEntry(models.Model):
    """A child helpline of a country, with the public source it was copied from.

    A wrong number can hurt a child: every entry says where and when it was checked.
    """

    # What the secretariat fills in (the form and the CSV import): all but the bookkeeping.
    EDITABLE_FIELDS = (
        "country",
        "name",
        "number",
        "is_116111",
        "hours",
        "channels",
        "languages",
        "link",
        "source_url",
        "source_date",
    )

    country = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="helplines",
        limit_choices_to={"kind": Organization.Kind.MEMBER_STATE},
        verbose_name=_("country"),
    )
    name = models.CharField(_("name of the helpline"), max_length=200)
    number = models.CharField(_("number"), max_length=40, blank=True)
    is_116111 = models.BooleanField(
        _("116 111"),
        default=False,
        help_text=_("The number is 116 111, the child helpline number."),
    )
    hours = models.CharField(_("hours"), max_length=200, blank=True)
    channels = models.CharField(
        _("channels"), max_length=200, blank=True, help_text=_("For example: phone, chat, SMS.")
    )
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    link = models.URLField(_("website"), max_length=500, blank=True)
    source_url = models.URLField(
        _("source"), max_length=500, help_text=_("The public page the entry was copied from.")
    )
    source_date = models.DateField(_("checked on"), help_text=_("When the source was read."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = HelplineEntryQuerySet.as_manager()

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name = _("helpline")
        verbose_name_plural = _("helplines")
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="unique_helpline_per_country"),
            models.CheckConstraint(
                condition=~Q(number="") | ~Q(link=""),
                name="helpline_has_number_or_link",
                violation_error_message=_(
                    "Give the helpline's number or its link (a web page or a chat): at least one."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.country})"


class ResourceEvent(StatusEvent):
    """A resource published or back to draft: by whom, when (resources/workflow.py)."""

    class Action(models.TextChoices):
        PUBLISHED = "published", pgettext_lazy("resource event", "Published")
        UNPUBLISHED = "unpublished", pgettext_lazy("resource event", "Back to draft")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=10, choices=Resource.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=Resource.Status.choices)

    class Meta:
        ordering = ["resource", "at", "pk"]
        verbose_name = _("resource event")
        verbose_name_plural = _("resource events")
