import pytest

from tests.factories import CrimeFactory, VictimFactory
from victimcare.cases.services import open_case
from victimcare.contact.services import Terms, agree_contact


@pytest.fixture
def agreed_case(case, officer):
    """The shared case with an agreement to update the victim by email every 14 days."""
    agree_contact(case, Terms(channel="email", every_days=14), actor=officer)
    return case


@pytest.fixture
def other_case(unit, officer, call_handler):
    """Another victim's case in the same unit."""
    return open_case(victim=VictimFactory(family_name="Pritchard"), crime=CrimeFactory(), unit=unit, officer=officer,
                     recorded_by=call_handler)
