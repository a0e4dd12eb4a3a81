"""A Newport unit covering the Newport local authority, a postcode in it, and a driver for the wizard."""

import re

import pytest
from django.urls import reverse

from tests.factories import LocalAuthorityFactory, LsoaFactory, WardFactory
from victimcare.areas.models import Postcode

WIZARD_URL = re.compile(r"/report/([0-9a-f-]{36})/")


@pytest.fixture
def newport(unit):
    """The officer's unit covers Newport; NP20 1AA is in an urban Newport LSOA."""
    authority = LocalAuthorityFactory()
    unit.local_authority = authority
    unit.phone = "01633 838111"
    unit.email = "newport.cid@gwent.example"
    unit.save()
    lsoa = LsoaFactory()
    Postcode.objects.create(postcode="NP20 1AA", lsoa=lsoa, ward=WardFactory())
    return authority


def dob(day, month, year, name="date_of_birth"):
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


NEW_VICTIM = {
    "given_name": "Megan", "family_name": "Pritchard", **dob(1, 5, 2009), "phone": "07700 900456",
    "email": "", "address": "1 High Street, Newport", "postcode": "NP20 1AA", "preferred_language": "cy",
    "other_language": "", "needs_interpreter": "no", "communication_needs": "",
}
INCIDENT = {
    "category": "violent-crime", "offence": "coercive-control", "is_domestic_abuse": "yes", "is_hate_crime": "no",
    "is_honour_based": "no", **dob(28, 8, 2026, "occurred_on"), "occurred_time": "13:30",
    "location_description": "At home", "postcode": "NP20 1AA", "latitude": "", "longitude": "", "rural": "area",
}
THRIVE = {
    **{f"{name}_rating": rating for name, rating in (
        ("threat", "medium"), ("harm", "high"), ("risk", "high"), ("investigation", "medium"),
        ("vulnerability", "high"), ("engagement", "low"))},
    **{f"{name}_rationale": f"{name} rationale" for name in (
        "threat", "harm", "risk", "investigation", "vulnerability", "engagement")},
}
NEEDS = {
    "wants_attendance": "yes", "support_referral": "not_asked", "impact": "Frightened to go home", "communication": "",
    "safe_ways": ["phone", "text_message"], "safe_times": "Weekdays 9am to 3pm", "leave_messages": "no",
}
VULNERABILITY = {
    "is_vulnerable": "no", "vulnerable_detail": "", "is_intimidated": "yes", "intimidated_detail": "Ex-partner",
    "is_persistently_targeted": "no", "is_bereaved_relative": "no",
}


def dash_answers(yes: int) -> dict:
    return {f"q{n}": "yes" if n <= yes else "no" for n in range(1, 25)}


class WizardDriver:
    def __init__(self, client):
        self.client = client
        response = client.post(reverse("report:start"))
        assert response.status_code == 302, response
        self.id = WIZARD_URL.search(response["Location"]).group(1)

    def url(self, step):
        return reverse(f"report:{step}", kwargs={"wizard_id": self.id})

    def post(self, step, data, follow=False):
        return self.client.post(self.url(step), data, follow=follow)

    def through(self, *, victim=None, dash=16, proposals=None, support_referral="not_asked"):
        """Answer every page; `proposals` maps a proposal to (chosen, reason), others are confirmed;
        `support_referral`: whether the victim wants a referral to a victims' service (yes, no, not_asked)."""
        if victim is None:
            assert self.post("victim", {"victim": "new"}).status_code == 302
            assert self.post("victim-details", NEW_VICTIM).status_code == 302
        else:
            assert self.post("victim", {"victim": str(victim.pk)}).status_code == 302
        for step, data in (("incident", INCIDENT), ("thrive", THRIVE),
                           ("needs", {**NEEDS, "support_referral": support_referral}),
                           ("vulnerability", VULNERABILITY)):
            response = self.post(step, data)
            assert response.status_code == 302, (step, response.context["form"].errors)
        if dash is not None:
            assert self.post("dash", dash_answers(dash)).status_code == 302
        form = self.client.get(self.url("proposals")).context["form"]
        data = {name: form.fields[name].initial for name in form.NAMES}
        for name, (chosen, reason) in (proposals or {}).items():
            data[name], data[f"{name}_reason"] = chosen, reason
        response = self.post("proposals", data)
        assert response.status_code == 302, response.context["form"].errors
        return response
