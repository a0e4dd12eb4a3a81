"""Test data built with the real model layer. Personas are in conftest.py."""

import datetime as dt

import factory
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.areas.models import LocalAuthority, Lsoa, Ward
from victimcare.crimes.models import Crime
from victimcare.organisations.models import Membership, Organisation
from victimcare.victims.models import Victim

TEST_PASSWORD = "correct-horse-battery-staple"


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)

    code = "W06000022"
    name_en = "Newport"
    name_cy = "Casnewydd"


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ward
        django_get_or_create = ("code",)

    code = "W05001627"
    name_en = "Allt-yr-yn"
    name_cy = "Allt-yr-ynn"
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    boundary_year = 2025


class LsoaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lsoa
        django_get_or_create = ("code",)

    code = "W01001600"
    name = "Newport 012A"
    local_authority = factory.SubFactory(LocalAuthorityFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"unit-{n}")
    kind = Organisation.Kind.UNIT
    name_en = factory.Sequence(lambda n: f"Unit {n}")
    name_cy = factory.Sequence(lambda n: f"Uned {n}")
    phone = "01633 838111"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.OFFICER


class VictimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Victim

    given_name = factory.Iterator(["Rhys", "Carys", "Aled", "Sian", "Owen", "Ffion"])
    family_name = factory.Iterator(["Jones", "Evans", "Davies", "Williams", "Thomas", "Morgan"])
    date_of_birth = dt.date(1985, 3, 14)
    email = factory.Sequence(lambda n: f"victim{n}@example.org")
    phone = "07700 900123"


class CrimeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Crime

    reference = factory.Sequence(lambda n: f"GW/2025/{n:06d}")
    category = "violent-crime"
    offence = "common-assault"
    month = dt.date(2025, 6, 1)
    occurred_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=2))
    reported_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=2))
    location_description = "On or near Commercial Street"
    lsoa = factory.SubFactory(LsoaFactory)
    local_authority = factory.SelfAttribute("lsoa.local_authority")
