"""A charged case for the court tests: the officer records the charge; the Witness Care Unit owns it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.factories import OrganisationFactory
from victimcare.court import services
from victimcare.organisations.models import Organisation

LONDON = ZoneInfo("Europe/London")


def london(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=LONDON)


@pytest.fixture
def probation(force):
    return OrganisationFactory(code="probation-gwent", kind=Organisation.Kind.PROBATION, name_en="Probation Gwent",
                               name_cy="Prawf Gwent")


def charge(case, officer, *, at=None, violent=True):
    return services.start_prosecution(case, court="Cardiff Crown Court", defendant="Dylan Morgan",
                                      charge="Wounding with intent", violent_or_sexual=violent, actor=officer, at=at)


@pytest.fixture
def prosecution(case, officer, witness_care_unit, witness_care):
    return charge(case, officer, at=london(2026, 8, 3, 10, 0))
