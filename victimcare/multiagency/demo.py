"""Demo data for multi-agency case management, added by victimcare.demo.loader after the demo cases are built.

Open domestic abuse cases are flagged (on the criteria they meet, or an officer's professional judgement).
A Newport meeting three weeks ago, attended by the council's community safety team, the housing association
and Connect Gwent, discussed three of them: its actions are done, open, overdue and cancelled. One victim was
flagged again after it (a repeat) and is on the agenda of the next meeting, with another case; two more
flagged cases await a meeting, one of them a repeat.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.cases.access import supervises
from victimcare.cases.models import Case
from victimcare.multiagency import services
from victimcare.multiagency.models import AgendaItem
from victimcare.multiagency.rules import Reason
from victimcare.organisations.models import Organisation
from victimcare.sharing.models import Decision, How, Purpose, SharedItem
from victimcare.sharing.services import decide_safeguarding_disclosure, has_consent, record_consent

AGENCIES = ("newport-community-safety", "newport-housing", "connect-gwent")
ITEMS = {
    "newport-community-safety": [SharedItem.INCIDENT_SUMMARY, SharedItem.VICTIM_NAME],
    "newport-housing": [SharedItem.INCIDENT_SUMMARY, SharedItem.VICTIM_NAME, SharedItem.VICTIM_CONTACT],
    "connect-gwent": [SharedItem.INCIDENT_SUMMARY, SharedItem.VICTIM_NAME, SharedItem.VICTIM_CONTACT,
                      SharedItem.RISK_ASSESSMENT, SharedItem.NEEDS],
}
JUDGEMENTS = (
    "The victim says her ex-partner has threatened to kill her if she goes to court.",
    "Third call from the address this year; the children are frightened to go home.",
    "The suspect has been released and lives two streets away.",
    "Strangulation disclosed at the scene; DASH not completed because the victim was too distressed.",
)


def _at(day, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _reasons(case) -> list[Reason]:
    reasons = []
    if case.crime.is_honour_based:
        reasons.append(Reason.HONOUR_BASED)
    if case.is_persistently_targeted:
        reasons.append(Reason.PERSISTENTLY_TARGETED)
    return reasons


def _flag(rng, case, officer, at):
    """On the criteria the case meets, else on the officer's professional judgement."""
    reasons = _reasons(case)
    if reasons:
        return services.flag_case(case, reasons, actor=None, at=at, channel="system")
    return services.flag_by_judgement(case, actor=officer, note=rng.choice(JUDGEMENTS), at=at)


def _list(meeting, referral, officer, supervisor, agencies, at, *, consent: bool) -> AgendaItem:
    case = referral.case
    if consent:
        record_consent(victim=case.victim, purpose=Purpose.MULTI_AGENCY_MEETING, decision=Decision.GIVEN,
                       how=How.VERBAL, actor=officer, case=case, at=at - timedelta(hours=1))
    items = {agency: ITEMS[agency.code] for agency in agencies}
    if consent and has_consent(case.victim, Purpose.MULTI_AGENCY_MEETING):
        return services.add_to_agenda(meeting, referral, actor=officer, basis=AgendaItem.Basis.CONSENT,
                                      items_by_agency=items, at=at)
    item = services.add_to_agenda(
        meeting, referral, actor=officer, basis=AgendaItem.Basis.SAFEGUARDING, items_by_agency=items, at=at,
        justification="The victim would not consent; the children in the household are at risk of serious harm.",
    )
    if supervises(supervisor, case):  # otherwise the request waits for that unit's supervisor
        for disclosure in item.disclosures.all():
            decide_safeguarding_disclosure(disclosure, actor=supervisor, approve=True, at=at + timedelta(hours=3))
    return item


def load_demo(rng, now) -> None:
    force = Organisation.objects.filter(kind=Organisation.Kind.FORCE).order_by("pk").first()
    newport = Organisation.objects.filter(code="gwent-police-newport").first()
    agencies = list(Organisation.objects.filter(code__in=AGENCIES).order_by("name_en"))
    by_code = {agency.code: agency for agency in agencies}
    officer = User.objects.filter(username="olwen.price").first()
    supervisor = User.objects.filter(username="sara.rees").first()
    if None in (force, newport, officer, supervisor) or len(agencies) != len(AGENCIES):
        return
    past_day = timezone.localdate(now) - timedelta(days=21)
    held_at = _at(past_day, 10)
    candidates = list(
        Case.objects.open().filter(crime__is_domestic_abuse=True, opened_at__lt=held_at - timedelta(days=3))
        .select_related("crime", "victim").order_by("-unit_id", "opened_at", "id")
    )
    candidates.sort(key=lambda case: case.unit_id != newport.pk)  # Newport's cases first
    recent = list(Case.objects.open().filter(crime__is_domestic_abuse=True, opened_at__gte=held_at)
                  .exclude(pk__in=[c.pk for c in candidates]).select_related("crime", "victim").order_by("opened_at"))
    if len(candidates) < 3:
        return
    pool = candidates + recent

    # The meeting three weeks ago: three cases, actions in every state.
    past = services.create_meeting(force=force, held_at=held_at, title="Newport MARAC",
                                   local_authority=newport.local_authority, chair=by_code["newport-community-safety"],
                                   attending=agencies, actor=officer)
    discussed = []
    for number, case in enumerate(pool[:3]):
        referral = _flag(rng, case, officer, max(case.opened_at + timedelta(hours=2), held_at - timedelta(days=10)))
        discussed.append(_list(past, referral, officer, supervisor, agencies, held_at - timedelta(days=5),
                               consent=number != 2))
    agreed = held_at + timedelta(hours=1)
    first, second, third = discussed
    done = services.agree_action(first, owner=by_code["newport-housing"], description="Change the locks and fit a "
                                 "door chain.", due_on=past_day + timedelta(days=7), actor=officer, at=agreed)
    services.complete_action(done, actor=User.objects.filter(username="owain.roberts").first() or officer,
                             at=agreed + timedelta(days=4))
    idva = services.agree_action(first, owner=by_code["connect-gwent"], description="An independent domestic "
                                 "violence adviser to contact the victim and agree a safety plan.",
                                 due_on=past_day + timedelta(days=2), actor=officer, at=agreed)
    services.complete_action(idva, actor=User.objects.filter(username="nia.jenkins").first() or officer,
                             at=agreed + timedelta(days=3))  # a day late
    services.agree_action(second, owner=by_code["newport-community-safety"], description="Fit a video doorbell and "
                          "add the address to the patrol plan.", due_on=timezone.localdate(now) + timedelta(days=10),
                          actor=officer, at=agreed)
    services.agree_action(second, owner=newport, description="Check the suspect keeps to the bail conditions.",
                          due_on=past_day + timedelta(days=7), actor=officer, at=agreed)  # overdue
    services.agree_action(third, owner=by_code["newport-housing"], description="Assess the family for emergency "
                          "rehousing.", due_on=past_day + timedelta(days=10), actor=officer, at=agreed)  # overdue
    cancelled = services.agree_action(third, owner=by_code["connect-gwent"], description="Offer the victim a "
                                      "place on the Freedom Programme.", due_on=past_day + timedelta(days=14),
                                      actor=officer, at=agreed)
    services.cancel_action(cancelled, actor=officer, reason="The victim moved out of Gwent to stay with family.",
                           at=agreed + timedelta(days=6))

    # A further incident for the first victim since: flagged again, a repeat, on the next meeting's agenda.
    upcoming = services.create_meeting(force=force, held_at=_at(timezone.localdate(now) + timedelta(days=9), 10),
                                       title="Newport MARAC", local_authority=newport.local_authority,
                                       chair=by_code["newport-community-safety"], attending=agencies, actor=officer)
    again = services.flag_by_judgement(first.referral.case, actor=officer, at=now - timedelta(days=4),
                                       note="Further incident: the ex-partner was seen outside the house at night.")
    _list(upcoming, again, officer, supervisor, agencies, now - timedelta(days=3), consent=True)
    for case in pool[3:4]:
        _list(upcoming, _flag(rng, case, officer, max(case.opened_at, now - timedelta(days=6))), officer,
              supervisor, agencies, now - timedelta(days=2), consent=True)
    # Awaiting a meeting: the second victim again (a repeat), and the next case.
    services.flag_by_judgement(second.referral.case, actor=officer, at=now - timedelta(days=1),
                               note="The suspect breached the bail conditions and sent threatening messages.")
    for case in pool[4:5]:
        _flag(rng, case, officer, max(case.opened_at, now - timedelta(days=2)))
