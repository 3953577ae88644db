"""People, the organizations they represent, and their roles.

Roles: the public (no account), a delegate (an approved affiliation), the chair and the
secretariat (Django groups). Member States, Sector Members and other organizations are
rows of Organization; classifications (LDC, SIDS, LLDC, economies in transition) are
data with their source.
"""

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from copportal.content import column
from copportal.languages import Language, folded
from copportal.workflow import StatusEvent

from .classifications import Classification, Region
from .tokens import ApiToken  # noqa: F401  (a model: Django finds it through this module)

CHAIR_GROUP = "Chair"
SECRETARIAT_GROUP = "Secretariat"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account; logs in with their e-mail address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("E-mails and reminders are sent in this language."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name or self.email

    @cached_property
    def group_names(self) -> frozenset[str]:
        """The user's role groups (one query, cached on the instance)."""
        return frozenset(self.groups.values_list("name", flat=True))

    @property
    def is_chair(self) -> bool:
        return CHAIR_GROUP in self.group_names

    @property
    def is_secretariat(self) -> bool:
        return SECRETARIAT_GROUP in self.group_names

    @property
    def roles(self) -> list[str]:
        """The names of the user's officer roles, for their account page."""
        names = {CHAIR_GROUP: _("Chair"), SECRETARIAT_GROUP: _("Secretariat")}
        return [str(label) for group, label in names.items() if group in self.group_names]

    @property
    def is_officer(self) -> bool:
        """The chair or the secretariat: they must use MFA in production."""
        return self.is_chair or self.is_secretariat

    @cached_property
    def approved_organizations(self) -> list["Organization"]:
        """The organizations this user is an approved delegate of (one query, cached)."""
        return list(
            Organization.objects.filter(
                affiliations__user=self, affiliations__status=Affiliation.Status.APPROVED
            ).order_by("affiliations__decided_at", "name")
        )

    @property
    def is_delegate(self) -> bool:
        return bool(self.approved_organizations)


class OrganizationQuerySet(models.QuerySet):
    def member_states(self):
        return self.filter(kind=Organization.Kind.MEMBER_STATE)

    def in_region(self, region):
        return self.filter(region=region)

    def choices(self) -> list[tuple[int, str]]:
        """(pk, name) in the active language, in alphabetical order: names without a
        translation (most organizations other than Member States) in their one name, accented
        initials among the others."""
        return sorted(((o.pk, str(o)) for o in self), key=lambda choice: folded(choice[1]))

    def search(self, text):
        """By name in any of the six languages, or by ISO code."""
        names = Q(iso_code__iexact=text)
        for language in Language:
            names |= Q(**{f"{column('name', language)}__icontains": text})
        return self.filter(names)


class Organization(models.Model):
    """A Member State, a Sector Member or another organization that delegates represent."""

    class Kind(models.TextChoices):
        MEMBER_STATE = "member-state", _("ITU Member State")
        SECTOR_MEMBER = "sector-member", _("Sector Member")
        OTHER = "other", _("Other organization")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200, unique=True)
    iso_code = models.CharField(
        _("ISO 3166-1 alpha-3 code"), max_length=3, blank=True, help_text=_("Member States only.")
    )
    region = models.CharField(_("ITU region"), max_length=20, choices=Region.choices, blank=True)
    classifications = models.ManyToManyField(
        Classification, blank=True, related_name="organizations", verbose_name=_("classifications")
    )
    website = models.URLField(_("website"), blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["iso_code"],
                condition=~Q(iso_code=""),
                name="unique_iso_code",
                violation_error_message=_("Another organization already has this ISO code."),
            ),
            models.CheckConstraint(
                condition=Q(kind="member-state", region__gt="", iso_code__gt="")
                | ~Q(kind="member-state"),
                name="member_state_has_region_and_code",
                violation_error_message=_(
                    "A Member State needs its ITU region and its ISO 3166-1 alpha-3 code."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_member_state(self) -> bool:
        return self.kind == self.Kind.MEMBER_STATE

    def names_by_language(self) -> dict[str, str]:
        """Its name in each of the six languages, keyed by document language (en, fr, zh ...),
        as plain values for a mail's context: a Member State's UN short names
        (data/country_names.json, "Fidji" in French), another organization's translated names,
        each falling back to its one name."""
        from .seeds import country_names  # the data's reader; seeds imports this module

        try:
            un_names = country_names(self.iso_code) if self.iso_code else {}
        except KeyError:  # a code the UN list does not have
            un_names = {}
        fallback = getattr(self, "name_en", None) or self.name
        return {
            language.value: un_names.get(column("name", language))
            or getattr(self, column("name", language), None)
            or fallback
            for language in Language
        }


class AffiliationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Affiliation.Status.PENDING)

    def approved(self):
        return self.filter(status=Affiliation.Status.APPROVED)


class Affiliation(models.Model):
    """A user's request to act for an organization, and the secretariat's decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

        @classmethod
        def final(cls) -> frozenset[str]:
            """Decided: no action leads out of these."""
            return frozenset({cls.APPROVED, cls.REFUSED})

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("user"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affiliations",
        verbose_name=_("organization"),
    )
    proposed_name = models.CharField(
        _("organization not in the list"),
        max_length=200,
        blank=True,
        help_text=_("Its full name; the secretariat adds it when approving your request."),
    )
    proposed_kind = models.CharField(
        _("kind of organization"),
        max_length=20,
        choices=[
            (Organization.Kind.SECTOR_MEMBER, Organization.Kind.SECTOR_MEMBER.label),
            (Organization.Kind.OTHER, Organization.Kind.OTHER.label),
        ],
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    role_title = models.CharField(
        _("your function"),
        max_length=200,
        blank=True,
        help_text=_("For example: Counsellor, Permanent Mission; or Policy lead."),
    )
    message = models.TextField(
        _("message to the secretariat"),
        blank=True,
        help_text=_("Anything that helps the secretariat confirm your affiliation."),
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Shown to the person when a request is refused.")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.CheckConstraint(
                condition=Q(organization__isnull=False) | ~Q(proposed_name=""),
                name="affiliation_names_an_organization",
                violation_error_message=_(
                    "Choose your organization from the list, or name it if it is not there."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=Q(status__in=["pending", "approved"]),
                name="one_open_affiliation_per_organization",
                violation_error_message=_(
                    "You already have a request or an affiliation for this organization."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.organization_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("accounts:me")

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_refused(self) -> bool:
        return self.status == self.Status.REFUSED

    @property
    def organization_name(self) -> str:
        return self.organization.name if self.organization else self.proposed_name

    @property
    def proposes_organization(self) -> bool:
        """The person asked for an organization that is not in the portal yet."""
        return self.organization is None


class AffiliationEvent(StatusEvent):
    """A request decided: by whom, when, and why (copportal/accounts/workflow.py)."""

    class Action(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    affiliation = models.ForeignKey(Affiliation, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=10, choices=Affiliation.Status.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=Affiliation.Status.choices)

    class Meta:
        ordering = ["affiliation", "at", "pk"]
        verbose_name = _("affiliation event")
        verbose_name_plural = _("affiliation events")
