"""A contribution's files: one Document per language, each keeping every file it was given
(Revision rows, never overwritten), named CWG-COP-<meeting>/<n>(Rev.N)-<letter>."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from copportal.languages import Language
from copportal.uploads import StoredFile

from .contribution import Contribution


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
