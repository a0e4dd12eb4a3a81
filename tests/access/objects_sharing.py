"""What the sharing app sets up for the access matrix: objects its URL arguments name (From("...")), and
the state the personas need (see tests/access/rules.py).

The `partner` persona's agency has the victim's consent (to share with it by name, given verbally) and an
in-force disclosure of the shared `case` (incident summary and name). The officer has asked for a
safeguarding override to share with the other partner agency, awaiting a supervisor's approval."""

from victimcare.sharing.models import Decision, How, Purpose, SharedItem
from victimcare.sharing.services import record_consent, request_safeguarding_disclosure, share_with_consent


def make(case, personas) -> dict:
    officer = personas["officer"]
    partner_agency = personas["partner"].memberships.get().organisation
    other_agency = personas["other_partner"].memberships.get().organisation
    record_consent(victim=case.victim, case=case, purpose=Purpose.SHARE_WITH_ORGANISATION, decision=Decision.GIVEN,
                   how=How.VERBAL, actor=officer, organisation=partner_agency)
    disclosure = share_with_consent(case, partner_agency, [SharedItem.INCIDENT_SUMMARY, SharedItem.VICTIM_NAME],
                                    actor=officer, summary="Repeat incidents at the address; please check in.")
    request = request_safeguarding_disclosure(case, other_agency, [SharedItem.INCIDENT_SUMMARY], actor=officer,
                                              justification="Children at risk in the household.")
    return {"disclosure": disclosure, "safeguarding_request": request}
