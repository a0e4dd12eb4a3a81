"""What the multiagency app sets up for the access matrix: objects its URL arguments name (From("...")), and
the state the personas need (see tests/access/rules.py).

The shared `case` is flagged (professional judgement) and on the agenda of a meeting of the officer's force,
attended by the `partner` persona's agency and the caseworker's service. With the victim's consent to
discussion at a multi-agency meeting, the partner agency is shown the incident summary; nothing is shared
with the service (so the sharing app's pages for caseworkers are unchanged). One action, owned by the
partner agency, is open."""

import datetime as dt

from django.utils import timezone

from victimcare.multiagency import services
from victimcare.multiagency.models import AgendaItem
from victimcare.sharing.models import Decision, How, Purpose, SharedItem
from victimcare.sharing.services import record_consent


def make(case, personas) -> dict:
    officer = personas["officer"]
    partner_agency = personas["partner"].memberships.get().organisation
    victim_service = personas["caseworker"].memberships.get().organisation
    referral = services.flag_by_judgement(case, actor=officer, note="Threats to kill made to a neighbour.")
    record_consent(victim=case.victim, case=case, purpose=Purpose.MULTI_AGENCY_MEETING, decision=Decision.GIVEN,
                   how=How.VERBAL, actor=officer)
    meeting = services.create_meeting(force=case.unit.parent, held_at=timezone.now() + dt.timedelta(days=7),
                                      title="Newport MARAC", chair=case.unit,
                                      attending=[partner_agency, victim_service], actor=officer)
    item = services.add_to_agenda(meeting, referral, actor=officer, basis=AgendaItem.Basis.CONSENT,
                                  items_by_agency={partner_agency: [SharedItem.INCIDENT_SUMMARY], victim_service: []})
    action = services.agree_action(item, owner=partner_agency, description="Check the door alarm works",
                                   due_on=timezone.localdate() + dt.timedelta(days=14), actor=officer)
    # "marac_referral": the support app's "referral" (a referral to a victims' service) is another record.
    return {"marac_referral": referral, "meeting": meeting, "agenda_item": item, "action": action}
