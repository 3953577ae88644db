import datetime
import functools

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from copportal.accounts.models import Affiliation, Organization, Region, User
from meetings.models import Meeting, Theme

PASSWORD = "a-long-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if create:
            self.save()

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get_or_create(name=name)[0])


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    kind = Organization.Kind.MEMBER_STATE
    name = factory.Sequence(lambda n: f"State {n}")
    # Z + two letters: 676 distinct codes, none of them a real country's.
    iso_code = factory.Sequence(lambda n: f"Z{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    region = Region.EUROPE


class AffiliationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    status = Affiliation.Status.APPROVED
    decided_at = factory.LazyFunction(timezone.now)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"theme-{n}")
    title = factory.Sequence(lambda n: f"Theme {n}")
    period = "Q1 2025"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    number = factory.Sequence(lambda n: 200 + n)
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=40))
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=1))


# --- Contributions (issue 3) ---------------------------------------------------------------
@functools.cache
def make_pdf(text: str = "A contribution") -> bytes:
    """A tiny, valid one-page PDF (pypdf), made in memory."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": text})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(text: str = "A contribution") -> bytes:
    """A tiny Word document (python-docx), made in memory."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_upload(name: str = "contribution.pdf", text: str = "A contribution"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, make_pdf(text), content_type="application/pdf")


class ContributionFactory(factory.django.DjangoModelFactory):
    """A draft by a new delegate; pass status=..., number=... for later states."""

    class Meta:
        model = "contributions.Contribution"
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Contribution {n}")
    purpose = "information"
    abstract = "What the document says."
    submitter = factory.SubFactory(UserFactory)

    @factory.post_generation
    def sources(self, create, extracted, **kwargs):
        from contributions.models import ContributionSource

        for order, organization in enumerate(extracted or []):
            ContributionSource.objects.create(
                contribution=self, organization=organization, order=order
            )


class PublishedContributionFactory(ContributionFactory):
    status = "published"
    number = factory.Sequence(lambda n: n + 1)
    submitted_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)


class RevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contributions.Revision"

    document = factory.SubFactory(
        "tests.factories.DocumentFactory",
    )
    number = 0
    file = factory.django.FileField(filename="f.pdf", data=b"%PDF-1.4 tiny")
    stored_name = factory.Sequence(lambda n: f"file{n}.pdf")
    original_name = "contribution.pdf"
    file_type = "pdf"
    size = 13
    sha256 = "0" * 64
    uploaded_by = factory.SelfAttribute("document.contribution.submitter")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contributions.Document"

    contribution = factory.SubFactory(ContributionFactory)
    language = "en"


def bulk_published(meeting, submitter, organization, count, *, start=1, text_repeat=1):
    """`count` published contributions numbered from `start`, each with one source and an
    English file whose text is extracted, in four statements: the contributions at scale of
    the tests and the benchmarks. The files' text is in another table: bulk_create bypasses
    the services that put it into the search vectors, so it is done here."""
    from contributions import search
    from contributions.models import Contribution, ContributionSource, Document, Revision

    now = timezone.now()
    contributions = Contribution.objects.bulk_create(
        Contribution(
            meeting=meeting,
            number=start + i,
            title=f"Contribution {start + i} on a national strategy for child online protection",
            abstract="Legal frameworks, reporting mechanisms and awareness.",
            status=Contribution.Status.PUBLISHED,
            submitter=submitter,
            submitted_at=now,
            published_at=now,
        )
        for i in range(count)
    )
    ContributionSource.objects.bulk_create(
        ContributionSource(contribution=c, organization=organization) for c in contributions
    )
    documents = Document.objects.bulk_create(
        Document(contribution=c, language="en") for c in contributions
    )
    Revision.objects.bulk_create(
        Revision(
            document=d,
            number=0,
            file=f"contributions/bulk/{d.pk}.pdf",
            stored_name=f"{d.pk}.pdf",
            original_name="contribution.pdf",
            file_type="pdf",
            size=1000,
            sha256="0" * 64,
            uploaded_by=submitter,
            text="A national strategy for child online protection. " * text_repeat,
            text_extracted_at=now,
        )
        for d in documents
    )
    search.fill_stored(Contribution.objects.filter(pk__in=[c.pk for c in contributions]))
    return contributions
