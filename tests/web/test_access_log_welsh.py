"""The access log reads in Welsh for every app's phrases, not only the cases app's."""

from django.urls import reverse
from django.utils import translation

from victimcare.cases.access import log_case_access
from victimcare.cases.models import CaseAccessLog


def test_phrases_from_other_apps_are_translated(client, supervisor, officer, case):
    log_case_access(case, officer, CaseAccessLog.Action.VIEWED, what="written acknowledgement")
    log_case_access(case, officer, CaseAccessLog.Action.VIEWED, what="reassign form")
    log_case_access(case, officer, CaseAccessLog.Action.VIEWED, what="something nobody translated")
    client.force_login(supervisor)

    with translation.override("cy"):
        client.cookies["victimcare_language"] = "cy"
        html = client.get(reverse("cases:access-log", kwargs={"case_id": case.pk})).content.decode()

    assert "cydnabyddiaeth ysgrifenedig" in html
    assert "ffurflen ailbennu achos" in html
    assert "something nobody translated" in html
