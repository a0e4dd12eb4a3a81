"""Finding a victim at first contact reads victims' personal data outside any case: each victim shown in the
search results, among the likely matches for a new victim, or in the summary before recording is logged."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import VictimFactory
from tests.firstcontact.conftest import NEW_VICTIM, WizardDriver
from victimcare.cases.models import CaseAccessLog

pytestmark = pytest.mark.django_db


def logged(what: str) -> list[tuple]:
    return list(CaseAccessLog.objects.filter(what=what).order_by("id").values_list("victim_id", "user_id", "case_id"))


def test_each_victim_a_search_shows_is_logged_and_no_other(client, officer):
    ffion = VictimFactory(given_name="Ffion", family_name="Morgan", date_of_birth=dt.date(1990, 2, 3))
    VictimFactory(given_name="Aled", family_name="Jones")
    client.force_login(officer)
    wizard = WizardDriver(client)
    assert "Ffion Morgan" in client.get(wizard.url("victim"), {"search": "1", "name": "ffion"}).content.decode()
    assert logged("victim search") == [(ffion.pk, officer.pk, None)]
    client.get(wizard.url("victim"), {"search": "1", "name": "nobody"})
    assert logged("victim search") == [(ffion.pk, officer.pk, None)], "a search that shows no one logs nothing"


def test_likely_matches_and_the_chosen_victim_in_the_summary_are_logged(client, officer, newport):
    known = VictimFactory(family_name="Pritchard", date_of_birth=dt.date(2009, 5, 1), phone="07700 900456")
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.post("victim", {"victim": "new"})
    assert "We may already know this victim" in wizard.post("victim-details", NEW_VICTIM).content.decode()
    assert logged("likely matches for a new victim") == [(known.pk, officer.pk, None)]

    wizard = WizardDriver(client)
    wizard.through(victim=known, dash=2)
    client.get(reverse("report:check", kwargs={"wizard_id": wizard.id}))
    assert logged("report: check your answers") == [(known.pk, officer.pk, None)]
