"""Protected characteristics (the victim's equality answers) are shown only to those who need them: the officers
and supervisors of the case's unit (the equality form) and the victim (the portal's "About you"). Every GET URL
of the project, pages and API, is requested as every persona of the access matrix, with the case's victim
having answered; the answers must appear nowhere else. The Commissioner's dashboards show groups as counts
(small numbers withheld), never a person, so their group names are not looked for there."""

import re

import pytest
from django.db import transaction
from django.test import Client

from tests.access.rules import PERSONAS, PORTAL_PERSONAS, rule_for
from tests.access.test_url_matrix import ENDPOINTS, objects, url_for  # noqa: F401 - `objects` is a fixture
from tests.portal.helpers import sign_in_to_portal
from victimcare.equality.services import record_equality_answers

ANSWERS = {"religion": "sikh", "sexual_orientation": "bisexual", "ethnicity": "asian"}
LABELS = ("Sikh", "Bisexual", "Asian, Asian British or Asian Welsh")
# Where the answers are the point of the page: shown there (as the chosen radio) to these personas only.
FORMS = {"equality:case-answers": {"officer", "colleague", "supervisor"}, "portal:about-you": {"victim"}}
CHOSEN = re.compile(r'<input[^>]*value="(sikh|bisexual|asian)"[^>]*checked', re.S)


def shows_answers(identifier: str, page: str) -> bool:
    if identifier in FORMS:
        return bool(CHOSEN.search(page))
    return any(label in page for label in LABELS)


@pytest.mark.django_db
def test_the_equality_answers_show_only_to_the_unit_and_the_victim(personas, objects, officer):  # noqa: F811
    case = objects["case"]
    record_equality_answers(case.victim, answers=ANSWERS, how="staff", actor=officer, case=case)
    gets = [endpoint for endpoint in ENDPOINTS if not endpoint.route.startswith(("admin/", "monitoring/"))
            and rule_for(endpoint.identifier) is not None and rule_for(endpoint.identifier).method == "get"]
    assert len(gets) > 50
    shown = []
    for persona in PERSONAS:
        client = Client()
        if persona in PORTAL_PERSONAS:
            sign_in_to_portal(client, objects[f"{persona}_case"])
        elif persona != "anonymous":
            client.force_login(personas[persona])
        for endpoint in gets:
            rule = rule_for(endpoint.identifier)
            with transaction.atomic():
                response = client.get(url_for(endpoint, rule, objects), HTTP_ACCEPT="text/html,application/json")
                if response.status_code == 200 and not response.streaming and shows_answers(
                        endpoint.identifier, response.content.decode(errors="replace")):
                    shown.append((endpoint.identifier, persona))
                transaction.set_rollback(True)
    expected = {(identifier, persona) for identifier, allowed in FORMS.items() for persona in allowed}
    assert set(shown) == expected
