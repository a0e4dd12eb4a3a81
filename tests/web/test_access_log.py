"""The access log of a case: a supervisor of the case's unit only; 404 for everyone else."""

import pytest
from django.urls import reverse

from tests.web.conftest import in_welsh
from victimcare.cases.access import log_case_access
from victimcare.cases.models import CaseAccessLog


def url(case) -> str:
    return reverse("cases:access-log", kwargs={"case_id": case.pk})


def test_a_supervisor_sees_who_read_and_changed_the_case(client, supervisor, colleague, case):
    client.force_login(colleague)
    client.get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    client.force_login(supervisor)
    response = client.get(url(case))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Access log", "Gareth Lewis", "case page", "Viewed", "Cerys Bowen", "opened the case", "Changed",
                 "Web"):
        assert text in html, text


@pytest.mark.parametrize("persona", ["officer", "colleague", "call_handler", "other_officer", "administrator"])
def test_everyone_else_gets_404(client, personas, case, persona):
    client.force_login(personas[persona])
    assert client.get(url(case)).status_code == 404
    assert not CaseAccessLog.objects.filter(user=personas[persona], what="access log").exists(), "not a read"


def test_paginated(client, supervisor, officer, case):
    for n in range(60):
        log_case_access(case, officer, CaseAccessLog.Action.VIEWED, what=f"read {n}", why="checking")
    client.force_login(supervisor)
    first = client.get(url(case))
    assert len(first.context["page"].object_list) == 50
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert client.get(url(case) + "?page=2").status_code == 200


def test_in_welsh(client, supervisor, case):
    client.force_login(supervisor)
    html = in_welsh(client).get(url(case)).content.decode()
    for welsh in ("Cofnod mynediad", "agorodd yr achos", "Wedi&#x27;i newid", "Gwe"):
        assert welsh in html, welsh
    assert "opened the case" not in html
