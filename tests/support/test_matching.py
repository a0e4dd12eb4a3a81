"""Which services fit a victim: the crime, their age when it happened, where it happened, their language
and needs."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import CrimeFactory, LocalAuthorityFactory, LsoaFactory, VictimFactory
from victimcare.cases.services import open_case
from victimcare.support.matching import services_for
from victimcare.support.models import NeedsAssessment, SupportNeed
from victimcare.support.samples import load_sample_services


@pytest.fixture
def samples(db):
    return {service.name_en: service for service in load_sample_services()}


def a_case(unit, officer, *, born=dt.date(1985, 3, 14), language="en", other_language="", **crime):
    victim = VictimFactory(date_of_birth=born, preferred_language=language, other_language=other_language)
    return open_case(victim=victim, crime=CrimeFactory(**crime), unit=unit, officer=officer, recorded_by=officer)


def names(case, **kwargs):
    return [service.name_en for service in services_for(case, **kwargs)]


def test_a_burglary_victim_gets_the_general_services_only(unit, officer, samples):
    found = names(a_case(unit, officer, category="burglary", offence="burglary-home"))
    assert set(found) == {"Connect Gwent", "Victim Support (Gwent)"}


def test_specialist_services_for_their_crimes(unit, officer, samples):
    found = names(a_case(unit, officer, offence="sexual-assault", is_domestic_abuse=True))
    assert found[:2] == ["Gwent domestic abuse support", "New Pathways"] or \
        found[:2] == ["New Pathways", "Gwent domestic abuse support"]
    assert "Hate crime support Wales" not in found
    assert "Hate crime support Wales" in names(a_case(unit, officer, is_hate_crime=True))
    assert "New Pathways" not in names(a_case(unit, officer, category="burglary", offence="burglary-home",
                                              is_domestic_abuse=True)), "New Pathways is for violent crime"


def test_age_at_the_time_of_the_crime(unit, officer, samples):
    occurred = timezone.now() - dt.timedelta(days=30)
    child = a_case(unit, officer, born=(occurred - dt.timedelta(days=365 * 17)).date(), occurred_at=occurred)
    assert "Gwent young victims' service" in names(child) and "Age Cymru Gwent" not in names(child)
    # 17 when it happened, 18 now: still the service for young victims of that crime.
    turned_18 = a_case(unit, officer, born=(occurred - dt.timedelta(days=365 * 18 - 20)).date(), occurred_at=occurred)
    assert "Gwent young victims' service" in names(turned_18)
    older = a_case(unit, officer, born=dt.date(1950, 1, 1))
    assert names(older)[0] == "Age Cymru Gwent" and "Gwent young victims' service" not in names(older)


def test_area_and_language(unit, officer, samples):
    torfaen = LocalAuthorityFactory(code="W06000020", name_en="Torfaen", name_cy="Tor-faen")
    torfaen_lsoa = LsoaFactory(code="W01001800", name="Torfaen 001A", local_authority=torfaen)
    local = samples["Gwent domestic abuse support"]
    local.local_authorities.add(torfaen)
    newport_case = a_case(unit, officer, is_domestic_abuse=True)
    assert "Gwent domestic abuse support" not in names(newport_case)
    torfaen_case = a_case(unit, officer, is_domestic_abuse=True, lsoa=torfaen_lsoa)
    assert "Gwent domestic abuse support" in names(torfaen_case)
    polish = a_case(unit, officer, is_domestic_abuse=True, is_hate_crime=True, language="other",
                    other_language="Polish", lsoa=torfaen_lsoa)
    found = names(polish)
    assert found.index("Gwent domestic abuse support") < found.index("Connect Gwent")


def test_the_needs_assessment_puts_the_services_for_those_needs_first(unit, officer, samples):
    case = a_case(unit, officer, category="burglary", offence="burglary-home")
    assert names(case)[0] == "Connect Gwent"
    NeedsAssessment.objects.create(case=case, needs=[SupportNeed.COURT, SupportNeed.SAFETY], recorded_by=officer)
    assert names(case) == ["Connect Gwent", "Victim Support (Gwent)"]
    NeedsAssessment.objects.create(case=case, needs=[SupportNeed.FINANCIAL, SupportNeed.PRACTICAL],
                                   recorded_by=officer)
    assert names(case)[0] == "Connect Gwent"
    assert names(case, needs={SupportNeed.OLDER_PEOPLE, SupportNeed.FINANCIAL, SupportNeed.PRACTICAL})[0] == \
        "Connect Gwent", "Age Cymru is for 60 and over; this victim is 40"


def test_inactive_services_are_not_offered(unit, officer, samples):
    samples["Victim Support (Gwent)"].is_active = False
    samples["Victim Support (Gwent)"].save()
    assert "Victim Support (Gwent)" not in names(a_case(unit, officer, category="burglary", offence="burglary-home"))
