"""What the portal app sets up for the access matrix (see tests/access/test_url_matrix.py): the case the
"other_victim" persona is signed in to the portal for (another victim, another crime, the same unit), a
consent the shared case's victim gave (its URL names it), and a message and a complaint from that victim
waiting for the officer."""

from tests.factories import CrimeFactory, VictimFactory
from victimcare.cases.services import open_case
from victimcare.portal import services
from victimcare.sharing.services import record_consent


def make(case, personas) -> dict:
    other = open_case(victim=VictimFactory(), crime=CrimeFactory(), unit=case.unit, officer=personas["colleague"],
                      recorded_by=personas["call_handler"])
    consent = record_consent(victim=case.victim, purpose="satisfaction_survey", decision="given", how="verbal",
                             actor=personas["officer"], case=case)
    message = services.send_victim_message(case, "Any news?")
    complaint = services.make_complaint(case, "Nobody called me back.")
    return {"other_victim_case": other, "consent": consent, "victim_message": message, "complaint": complaint}
