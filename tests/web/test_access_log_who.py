"""The access log page names who read or changed the case: a member of staff by name, the victim for their own
reads through the portal, the system for what it does itself (a message sent), in English and Welsh."""

from django.urls import reverse

from tests.web.conftest import in_welsh
from victimcare.cases.access import log_case_access
from victimcare.cases.models import CaseAccessLog


def test_the_victim_and_the_system_are_named(client, supervisor, case):
    log_case_access(case, None, CaseAccessLog.Action.VIEWED, what="case page", channel=CaseAccessLog.Channel.PORTAL)
    log_case_access(case, None, CaseAccessLog.Action.VIEWED, what="message sent to the victim",
                    channel=CaseAccessLog.Channel.SYSTEM)
    client.force_login(supervisor)
    url = reverse("cases:access-log", kwargs={"case_id": case.pk})
    html = client.get(url).content.decode()
    assert "The victim" in html and "The system" in html and ">None<" not in html
    welsh = in_welsh(client).get(url).content.decode()
    assert "Y dioddefwr" in welsh and "Y system" in welsh
