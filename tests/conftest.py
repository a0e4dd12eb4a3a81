"""Personas shared by every test: an officer, a colleague in the same unit, an officer of another
unit, a supervisor of the first unit, a call handler and an administrator."""

import pytest
from django.conf import settings
from django.utils import translation

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


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in Welsh through the test client leaves Welsh
    active in the thread (LocaleMiddleware activates it), and the next test would inherit it."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(scope="session", autouse=True)
def _private_files(tmp_path_factory):
    """Uploaded files go to a temporary folder, never the project's var/uploads."""
    from django.test import override_settings

    with override_settings(PRIVATE_FILES_ROOT=tmp_path_factory.mktemp("private-files")):
        yield


DB_FIXTURES = ("db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server")


@pytest.fixture(autouse=True)
def _audit_chain_verified(request):
    """The whole suite checks the access log's chain: after each test that used the database, the entries it
    wrote are chained (their on-commit chaining never runs inside a test's transaction) and must follow on from
    the chain as it was before the test (victimcare/cases/audit_chain.py). Tests that break the chain on purpose
    ask for `audit_chain_tampered`."""
    uses_db = request.node.get_closest_marker("django_db") or any(name in request.fixturenames for name in DB_FIXTURES)
    if not uses_db or "audit_chain_tampered" in request.fixturenames:
        yield
        return
    request.getfixturevalue("_django_db_helper")  # so this check runs before the test's database is rolled back
    from victimcare.cases import audit_chain

    before = audit_chain.head()
    yield
    if not _log_written_since(before):
        return  # nothing new to chain or check: one query rather than sealing and reading
    audit_chain.seal()
    result = audit_chain.verify(audit_chain.chained_entries(after=before[0] if before else 0), after=before)
    if result.problem:
        pytest.fail(f"The access log chain is broken after this test: {result.problem}")


def _log_written_since(head) -> bool:
    """Whether the access log has an entry not chained yet, or chained after `head` (audit_chain.head())."""
    from django.db.models import Q

    from victimcare.cases.models import CaseAccessLog

    return CaseAccessLog.objects.filter(Q(sequence__isnull=True) | Q(sequence__gt=head[0] if head else 0)).exists()


@pytest.fixture
def audit_chain_tampered():
    """This test breaks the access log's chain on purpose: the check after it is skipped."""


@pytest.fixture(autouse=True)
def _two_factor_done_by_force_login(request, monkeypatch):
    """Client.force_login (and login) give a session that has passed both steps of signing in: the user gets a
    confirmed authenticator app if they have none, and the session holds it as django-otp does after a right code.
    Tests of the two-factor step itself ask for `real_two_factor` and sign in through the real pages."""
    if "real_two_factor" in request.fixturenames:
        return
    from django.test.client import ClientMixin
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    original = ClientMixin._login

    def _login(self, user, backend=None):
        original(self, user, backend)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="Test authenticator", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(ClientMixin, "_login", _login)


@pytest.fixture
def real_two_factor():
    """Sign in as people do, password then code: Client.force_login no longer skips the two-factor step."""


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
def victim_service(db):
    return OrganisationFactory(code="victim-support-gwent", kind=Organisation.Kind.VICTIM_SERVICE,
                               name_en="Victim Support Gwent", name_cy="Cymorth i Ddioddefwyr Gwent")


@pytest.fixture
def other_victim_service(db):
    return OrganisationFactory(code="new-pathways", kind=Organisation.Kind.VICTIM_SERVICE,
                               name_en="New Pathways", name_cy="Llwybrau Newydd")


@pytest.fixture
def neighbourhood_team(force):
    return OrganisationFactory(code="newport-west-npt", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM,
                               name_en="Newport West neighbourhood team", name_cy="Tîm bro Gorllewin Casnewydd",
                               parent=force)


@pytest.fixture
def partner_agency(db):
    return OrganisationFactory(code="newport-community-safety", kind=Organisation.Kind.PARTNER_AGENCY,
                               name_en="Newport Community Safety", name_cy="Diogelwch Cymunedol Casnewydd")


@pytest.fixture
def other_partner_agency(db):
    return OrganisationFactory(code="torfaen-housing", kind=Organisation.Kind.PARTNER_AGENCY,
                               name_en="Torfaen Housing", name_cy="Tai Torfaen")


@pytest.fixture
def caseworker(victim_service):
    """A victims' services caseworker whose service the shared `case` is referred to (tests/access)."""
    return _member("caseworker", victim_service, Role.CASEWORKER, first_name="Nia", last_name="Jenkins")


@pytest.fixture
def other_caseworker(other_victim_service):
    """A caseworker of a service nothing is referred to."""
    return _member("other-caseworker", other_victim_service, Role.CASEWORKER, first_name="Iwan", last_name="Davies")


@pytest.fixture
def neighbourhood(neighbourhood_team):
    return _member("neighbourhood", neighbourhood_team, Role.NEIGHBOURHOOD, first_name="Huw", last_name="Thomas")


@pytest.fixture
def partner(partner_agency):
    """A partner agency user; in tests/access the shared `case` is shared with their agency, with consent."""
    return _member("partner", partner_agency, Role.PARTNER, first_name="Mair", last_name="Evans")


@pytest.fixture
def other_partner(other_partner_agency):
    """A partner agency user with nothing shared with their agency."""
    return _member("other-partner", other_partner_agency, Role.PARTNER, first_name="Owain", last_name="Roberts")


@pytest.fixture
def witness_care_unit(force):
    return OrganisationFactory(code="gwent-witness-care", kind=Organisation.Kind.WITNESS_CARE,
                               name_en="Gwent Witness Care Unit", name_cy="Uned Gofal Tystion Gwent", parent=force)


@pytest.fixture
def witness_care(witness_care_unit):
    """A witness care officer; in tests/access the shared `case` has been charged (tests/access/objects_court.py)."""
    return _member("witness-care", witness_care_unit, Role.WITNESS_CARE_OFFICER, first_name="Bethan",
                   last_name="Owen")


@pytest.fixture
def property_officer(force):
    return _member("property-officer", force, Role.PROPERTY_OFFICER, first_name="Rhys", last_name="Parry")


@pytest.fixture
def commissioner(db):
    return OrganisationFactory(code="gwent-pcc", kind=Organisation.Kind.COMMISSIONER,
                               name_en="Office of the Police and Crime Commissioner for Gwent",
                               name_cy="Swyddfa Comisiynydd yr Heddlu a Throseddu Gwent")


@pytest.fixture
def analyst(commissioner):
    """The Commissioner's analyst: the monitoring figures, and 404 everywhere else."""
    return _member("analyst", commissioner, Role.ANALYST, first_name="Ffion", last_name="Harries")


@pytest.fixture
def information_rights(force):
    """The force's information rights officer: subject access, corrections and the retention queue for the
    victims of the force's units (victimcare/dataprotection); no case page."""
    return _member("information-rights", force, Role.INFORMATION_RIGHTS, first_name="Llinos", last_name="Rowlands")


@pytest.fixture
def personas(officer, colleague, other_officer, supervisor, call_handler, administrator, caseworker, other_caseworker,
             neighbourhood, partner, other_partner, witness_care, property_officer, analyst, information_rights):
    return {
        "officer": officer,
        "colleague": colleague,
        "other_officer": other_officer,
        "supervisor": supervisor,
        "call_handler": call_handler,
        "administrator": administrator,
        "caseworker": caseworker,
        "other_caseworker": other_caseworker,
        "neighbourhood": neighbourhood,
        "partner": partner,
        "other_partner": other_partner,
        "witness_care": witness_care,
        "property_officer": property_officer,
        "analyst": analyst,
        "information_rights": information_rights,
    }


@pytest.fixture
def case(unit, officer, call_handler):
    """A case in the officer's unit, recorded by the call handler."""
    return open_case(
        victim=VictimFactory(), crime=CrimeFactory(), unit=unit, officer=officer, recorded_by=call_handler
    )


# Test packages whose tests share one costly package-scoped fixture: under xdist they all go to one worker, which
# builds it once (tests/generator generates 1,500 cases). xdist's own grouping (`--dist loadgroup`, which works by
# renaming test ids) did not group anything here with pytest 9.2 and xdist 3.8, even in a one-file test, so the
# grouping is here.
RUN_TOGETHER = ("tests/generator/",)


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class LoadWithPackagesTogether(LoadScopeScheduling):
        """xdist's `load`, but for RUN_TOGETHER: each other test is a unit of work of its own."""

        def _split_scope(self, nodeid: str) -> str:
            return next((package for package in RUN_TOGETHER if nodeid.startswith(package)), nodeid)

    return LoadWithPackagesTogether(config, log)
