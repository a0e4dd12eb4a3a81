import pytest

from tests.factories import OrganisationFactory
from tests.firstcontact.conftest import newport  # noqa: F401 - a Newport unit and postcode, for reports
from victimcare.organisations.models import Organisation
from victimcare.support.models import SupportNeed, SupportService


@pytest.fixture
def hub(db):
    return OrganisationFactory(code="connect-gwent", kind=Organisation.Kind.VICTIM_SERVICE, name_en="Connect Gwent",
                               name_cy="Connect Gwent")


@pytest.fixture
def service(victim_service, hub):
    """The caseworker persona's service, a member of the hub."""
    victim_service.parent = hub
    victim_service.save()
    return SupportService.objects.create(
        name_en="Victim Support Gwent", name_cy="Cymorth i Ddioddefwyr Gwent", summary_en="Help after any crime.",
        summary_cy="Help ar ôl unrhyw drosedd.", needs=[SupportNeed.EMOTIONAL, SupportNeed.PRACTICAL],
        languages=["en", "cy"], phone="01632 960011", organisation=victim_service)


@pytest.fixture
def other_service(other_victim_service):
    return SupportService.objects.create(
        name_en="New Pathways", name_cy="Llwybrau Newydd", summary_en="Sexual violence support.",
        summary_cy="Cymorth trais rhywiol.", needs=[SupportNeed.SEXUAL_VIOLENCE], crime_categories=["violent-crime"],
        languages=["en", "cy"], organisation=other_victim_service)
