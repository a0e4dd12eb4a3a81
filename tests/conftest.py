"""Personas shared by every test: an officer, a colleague in the same unit, an officer of another
unit, a supervisor of the first unit, a call handler and an administrator."""

import pytest

from tests.factories import (
    CrimeFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    VictimFactory,
)
from victimcare.cases.services import open_case
from victimcare.organisations.models import Membership, Organisation

Role = Membership.Role


@pytest.fixture
def force(db):
    return OrganisationFactory(code="gwent-police", kind=Organisation.Kind.FORCE, name_en="Gwent Police",
                               name_cy="Heddlu Gwent")


@pytest.fixture
def unit(force):
    return OrganisationFactory(code="newport-cid", name_en="Newport CID", name_cy="CID Casnewydd", parent=force)


@pytest.fixture
def other_unit(force):
    return OrganisationFactory(code="caerphilly-cid", name_en="Caerphilly CID", name_cy="CID Caerffili", parent=force)


def _member(username, organisation, role, **names):
    user = UserFactory(username=username, **names)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def officer(unit):
    return _member("officer", unit, Role.OFFICER, first_name="Olwen", last_name="Price")


@pytest.fixture
def colleague(unit):
    return _member("colleague", unit, Role.OFFICER, first_name="Gareth", last_name="Lewis")


@pytest.fixture
def other_officer(other_unit):
    return _member("other-officer", other_unit, Role.OFFICER, first_name="Dewi", last_name="Hughes")


@pytest.fixture
def supervisor(unit):
    return _member("supervisor", unit, Role.SUPERVISOR, first_name="Sara", last_name="Rees")


@pytest.fixture
def call_handler(force):
    return _member("call-handler", force, Role.CALL_HANDLER, first_name="Cerys", last_name="Bowen")


@pytest.fixture
def administrator(force):
    user = _member("admin", force, Role.ADMINISTRATOR, first_name="Alun", last_name="Admin")
    user.is_staff = True
    user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def personas(officer, colleague, other_officer, supervisor, call_handler, administrator):
    return {
        "officer": officer,
        "colleague": colleague,
        "other_officer": other_officer,
        "supervisor": supervisor,
        "call_handler": call_handler,
        "administrator": administrator,
    }


@pytest.fixture
def case(unit, officer, call_handler):
    """A case in the officer's unit, recorded by the call handler."""
    return open_case(
        victim=VictimFactory(), crime=CrimeFactory(), unit=unit, officer=officer, recorded_by=call_handler
    )
