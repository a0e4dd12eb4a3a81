"""A report recorded through the first-contact wizard with only a postcode, which the (empty) postcode
directory does not hold: the check-your-answers page says the ward was not found and which team will be
told by the unit's area, in English and Welsh, and recording it tells that team."""

import html

import pytest
from django.conf import settings
from django.urls import reverse

from tests.firstcontact.conftest import INCIDENT, WizardDriver
from tests.neighbourhood.conftest import STOW_HILL, point_in_ward
from victimcare.areas.models import Postcode
from victimcare.cases.models import Case, TimelineEvent
from victimcare.neighbourhood.models import IncidentNotice


def _check_page(client, wizard, language="en"):
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: language})
    return html.unescape(client.get(reverse("report:check", kwargs={"wizard_id": wizard.id})).content.decode())


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Not found: routed to Newport East neighbourhood team by the unit's area (Newport)"),
    ("cy", "Heb ei ganfod: wedi'i anfon at Tîm plismona bro Dwyrain Casnewydd yn ôl ardal yr uned (Casnewydd)"),
])
def test_a_postcode_only_report_reaches_the_team_of_the_units_area(client, officer, unit, west, east, language,
                                                                  expected):
    assert not Postcode.objects.exists()  # no ONS postcode file ships
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=3)
    assert INCIDENT["postcode"] and not INCIDENT["latitude"]

    assert expected in _check_page(client, wizard, language)
    recorded = client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}), {"submission_id": wizard.id})

    assert recorded.status_code == 302
    case = Case.objects.get()
    notice = IncidentNotice.objects.get(case=case)
    assert notice.team == east and notice.routed_by == "unit_area" and notice.ward is None
    assert case.timeline.get(kind=TimelineEvent.Kind.NEIGHBOURHOOD_NOTIFIED).data["routed_by"] == "unit_area"


def test_a_point_in_a_ward_shows_the_ward_and_its_team_before_recording(client, officer, unit, west, east):
    client.force_login(officer)
    wizard = WizardDriver(client)
    longitude, latitude = point_in_ward(STOW_HILL)
    wizard.through(dash=3)
    response = wizard.post("incident", {**INCIDENT, "longitude": str(longitude), "latitude": str(latitude)})
    assert response.status_code == 302, response.context["form"].errors
    assert "Stow Hill: Newport West neighbourhood team will be told" in _check_page(client, wizard)
