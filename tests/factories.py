import datetime

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
    iso_code = factory.Sequence(lambda n: f"Z{n:02d}"[:3])
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
