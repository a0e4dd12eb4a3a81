"""The portal's demo: one victim ready to sign in (email, an agreement by email, a consent to withdraw), and
the details to sign in with, which work."""

import random

import pytest
from django.utils import timezone

from victimcare.contact.services import current_agreement
from victimcare.portal import demo, services
from victimcare.sharing.services import current_consent

pytestmark = pytest.mark.django_db


def rng():
    return random.Random(1)  # noqa: S311 - made-up demo data, not security


def test_one_victim_is_made_ready_for_the_portal(case):
    details = demo.load_demo(rng(), timezone.now())
    case.refresh_from_db()
    case.victim.refresh_from_db()
    assert details["reference"] == case.crime.reference and details["surname"] == case.victim.family_name
    assert case.victim.email == demo.DEMO_EMAIL
    assert current_agreement(case).channel == "email"
    assert current_consent(case.victim, "satisfaction_survey").decision == "given"
    day, month, year = (int(part) for part in details["date_of_birth"].split())
    code = services.request_code(reference=details["reference"], surname=details["surname"],
                                 date_of_birth=case.victim.date_of_birth.replace(year=year, month=month, day=day))
    assert code.case == case and code.channel == "email"
    assert demo.load_demo(rng(), timezone.now()) == details, "running it again changes nothing"


def test_an_existing_agreement_by_phone_becomes_email(case, officer):
    from victimcare.contact.services import Terms, agree_contact

    agree_contact(case, Terms(channel="phone", every_days=28, details_not_to_use="work phone"), actor=officer)
    demo.load_demo(rng(), timezone.now())
    agreement = current_agreement(case)
    assert agreement.channel == "email" and agreement.every_days == 28 and agreement.details_not_to_use == "work phone"


def test_nothing_to_do_without_an_open_case(db):
    assert demo.load_demo(rng(), timezone.now()) is None
