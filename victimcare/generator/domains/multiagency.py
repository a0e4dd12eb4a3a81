"""Generated cases: multi-agency risk assessment conferences (victimcare.multiagency.services).

On the report, the case is flagged on the criteria the app's receiver (flag_on_report) applies: a DASH score
of 14 or more, a third domestic abuse case of the victim within 12 months, a persistently targeted victim;
a repeat if the victim was referred within 12 months. Domestic abuse cases go on the agenda of their local
authority's next MARAC (one every fortnight per local authority, created the first time a case needs it),
shared with the agencies attending on the victim's consent or, where the victim refuses and the unit has a
supervisor, by an approved safeguarding override. The meeting agrees actions, each a commitment owed by its
owning agency, mostly done. A persistently targeted victim of another crime is not a MARAC case: the flag is
withdrawn a few days later. What was shared for the meeting is ended by the officer when the case closes.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from victimcare.areas.models import LocalAuthority
from victimcare.cases.models import TimelineEvent
from victimcare.charter import rules as charter_rules
from victimcare.charter.calendar import LONDON
from victimcare.generator.domains import sharing
from victimcare.generator.life import CaseLife
from victimcare.multiagency import rules
from victimcare.multiagency.demo import ITEMS
from victimcare.multiagency.models import Action, AgendaItem, Meeting, MultiAgencyReferral
from victimcare.multiagency.services import multi_agency_rule
from victimcare.organisations.models import Membership, Organisation
from victimcare.sharing.models import Decision, How, Purpose, SharedItem

Kind = TimelineEvent.Kind
Status = MultiAgencyReferral.Status
HUB = "connect-gwent"
FIRST_MEETING = date(2000, 1, 6)  # a Thursday: each area's MARAC meets every other Thursday from it
MEETING_HOUR = time(10)
NOT_DOMESTIC = "Not domestic abuse: the anti-social behaviour case review will consider it"
SAFEGUARDING = "The victim would not consent; the risk of serious harm means the agencies need to know."
# Assumptions: about 4 in 5 victims agree to their case being discussed; about 1 action in 12 is cancelled
# and about 1 in 7 done late.
CONSENT_SHARE = 0.8
CANCELLED_SHARE = 0.08
LATE_SHARE = 0.15
# (owner: an agency code or "unit" for the case's police unit, what will be done, days to do it)
ACTIONS = (
    ("hub", "An independent domestic violence adviser to contact the victim and agree a safety plan.", 2),
    ("unit", "Check the suspect keeps to the bail conditions.", 7),
    ("unit", "Add the address to the patrol plan and flag it for an urgent response.", 3),
    ("newport-housing", "Change the locks and fit a door chain.", 7),
    ("newport-housing", "Assess the family for emergency rehousing.", 10),
    ("newport-community-safety", "Fit a video doorbell and add the address to the patrol plan.", 10),
    ("hub", "Offer the victim a place on the Freedom Programme.", 14),
)
ACTIONS_ENDED = "The multi-agency actions are done"
CANCEL_REASONS = ("The victim moved out of Gwent to stay with family.", "Done already by another agency.")


@dataclass
class Area:
    code: str
    name_en: str
    agencies: list  # sharing.Partner, attending each meeting
    chair: sharing.Partner


def prepare(ctx) -> None:
    known = sharing.organisations()
    by_id = {partner.id: partner for partner in known.values()}
    hub = known.get(HUB)
    partners: dict[str, list] = {}
    for code, area in Organisation.objects.filter(kind=Organisation.Kind.PARTNER_AGENCY,
                                                  local_authority__isnull=False).values_list(
            "code", "local_authority_id").order_by("code"):
        partners.setdefault(area, []).append(known[code])
    areas = {}
    for code, name_en in LocalAuthority.objects.values_list("code", "name_en"):
        agencies = sorted(partners.get(code, []) + ([hub] if hub else []), key=lambda p: p.name_en)
        if agencies:
            chair = next((p for p in agencies if "community-safety" in p.code), hub or agencies[0])
            areas[code] = Area(code, name_en, agencies, chair)
    supervisors: dict[int, int] = {}
    for unit, user in Membership.objects.filter(role=Membership.Role.SUPERVISOR).order_by("user_id").values_list(
            "organisation_id", "user_id"):
        supervisors.setdefault(unit, user)
    ctx.extra["multiagency"] = {
        "rule": multi_agency_rule(), "force_id": ctx.force_id, "areas": areas, "units": by_id,
        "supervisors": supervisors, "meetings": {}, "domestic_cases": {}, "last_referral": {},
    }


def add(life: CaseLife, ctx) -> None:
    extra, facts = ctx.extra["multiagency"], life.facts
    rule, at = extra["rule"], life.opened_at
    dash, targeted = facts["dash_score"], facts["flags"]["is_persistently_targeted"]
    in_window = 0
    if facts["domestic"]:
        earlier = extra["domestic_cases"].setdefault(life.victim_id, [])
        since = rules.months_before(at, rule.months)
        earlier[:] = [moment for moment in earlier if moment >= since] + [at]
        in_window = len(earlier)
    reasons = rules.referral_reasons(rules.Circumstances(
        dash_score=dash, is_domestic_abuse=facts["domestic"], is_persistently_targeted=targeted,
        domestic_abuse_cases_in_window=in_window), rule)
    if not reasons:
        return
    referral = life.rows.ids.next(MultiAgencyReferral._meta.db_table)
    last = extra["last_referral"].get(life.victim_id)
    is_repeat = rules.is_repeat_referral(last, at, rule)
    values = [reason.value for reason in reasons]
    life.event(Kind.MULTI_AGENCY_FLAGGED, at, None, referral=referral, reasons=values, is_repeat=is_repeat, note="")
    row = {"id": referral, "case_id": life.case_id, "reasons": values, "is_repeat": is_repeat, "flagged_at": at,
           "status": Status.FLAGGED}
    area = extra["areas"].get(facts["place"].local_authority_code)
    if not facts["domestic"] or area is None:
        _withdraw(life, row)
    else:
        extra["last_referral"][life.victim_id] = at
        _to_meeting(life, extra, area, row)
    life.rows.add(MultiAgencyReferral, **row)


def _withdraw(life: CaseLife, row: dict) -> None:
    at = life.opened_at + timedelta(days=life.rng.uniform(1, 6))
    if not life.happened(at):
        return
    row.update(status=Status.WITHDRAWN, withdrawn_at=at, withdrawn_by_id=life.officer_id,
               withdrawn_reason=NOT_DOMESTIC)
    life.event(Kind.MULTI_AGENCY_FLAGGED, at, life.officer_id, referral=row["id"], withdrawn=True, reason=NOT_DOMESTIC)


def next_meeting_day(after: datetime) -> date:
    """The first of the fortnightly meeting days at least two days after `after` (time to prepare)."""
    day = (after + timedelta(days=2)).astimezone(LONDON).date()
    return day + timedelta(days=(-(day - FIRST_MEETING).days) % 14)


def meeting(life: CaseLife, extra, area: Area, day: date, officer_id: int) -> tuple[int, datetime, str]:
    """The area's meeting on `day`, created (with who attends) the first time a case needs it."""
    key = (area.code, day)
    found = extra["meetings"].get(key)
    if found is None:
        held_at = datetime.combine(day, MEETING_HOUR, tzinfo=LONDON)
        title = f"{area.name_en} MARAC"
        meeting_id = life.rows.add(Meeting, force_id=extra["force_id"], held_at=held_at, title=title,
                                   local_authority_id=area.code, chair_id=area.chair.id, created_by_id=officer_id,
                                   created_at=held_at - timedelta(days=14), submission_key=None)
        for agency in area.agencies:
            life.rows.add(Meeting.attending.through, meeting_id=meeting_id, organisation_id=agency.id)
        found = extra["meetings"][key] = (meeting_id, held_at, title)
    return found


def _to_meeting(life: CaseLife, extra, area: Area, row: dict) -> None:
    rng, officer = life.rng, life.officer_id
    day = next_meeting_day(life.opened_at)
    held_day_start = datetime.combine(day, MEETING_HOUR, tzinfo=LONDON)
    listed = max(life.opened_at + timedelta(hours=2), held_day_start - timedelta(days=rng.uniform(1, 5)))
    if not life.happened(listed):
        return
    meeting_id, held_at, title = meeting(life, extra, area, day, officer)
    supervisor = extra["supervisors"].get(life.unit_id)
    consent = None
    if rng.random() < CONSENT_SHARE or supervisor is None:
        consent, _event = sharing.record_consent(life, Purpose.MULTI_AGENCY_MEETING, Decision.GIVEN, How.VERBAL,
                                                 listed - timedelta(hours=1), officer)
    else:
        sharing.record_consent(life, Purpose.MULTI_AGENCY_MEETING, Decision.REFUSED, How.VERBAL,
                               listed - timedelta(hours=1), officer)
    context = {"meeting": meeting_id, "meeting_title": title, "meeting_date": day.isoformat()}
    item = life.rows.ids.next(AgendaItem._meta.db_table)
    disclosures = []
    for agency in area.agencies:
        items = ITEMS.get(agency.code, [SharedItem.INCIDENT_SUMMARY, SharedItem.VICTIM_NAME])
        if consent is not None:
            disclosures.append(sharing.share(life, agency, items, consent, listed, officer, context=context))
        else:
            disclosures.append(sharing.request_override(life, agency, items, listed, officer, SAFEGUARDING,
                                                        context=context))
    if consent is None:
        approved = listed + timedelta(hours=rng.uniform(1, 8))
        if life.happened(approved):
            for disclosure in disclosures:
                sharing.approve_override(life, disclosure, approved, supervisor, "Proportionate; review in a month")
    basis = AgendaItem.Basis.CONSENT if consent is not None else AgendaItem.Basis.SAFEGUARDING
    life.rows.add(AgendaItem, id=item, meeting_id=meeting_id, referral_id=row["id"], basis=basis,
                  added_by_id=officer, added_at=listed)
    for disclosure in disclosures:
        life.rows.add(AgendaItem.disclosures.through, agendaitem_id=item, disclosure_id=disclosure.id)
    row["status"] = Status.LISTED
    life.event(Kind.MULTI_AGENCY_LISTED, listed, officer, referral=row["id"], meeting=meeting_id, agenda_item=item,
               title=title, held_at=held_at.isoformat(), basis=basis, is_repeat=row["is_repeat"])
    agreed = held_at + timedelta(minutes=rng.uniform(20, 150))
    actions_ended = None
    if life.happened(agreed):
        row["status"] = Status.DISCUSSED
        actions_ended = _actions(life, extra, area, item, meeting_id, agreed)
    # The agencies needed the case for the meeting and its actions: the officer ends the sharing once the
    # actions are all done (or else when the case closes).
    ended = actions_ended + timedelta(days=rng.uniform(0.5, 3)) if actions_ended else None
    if ended is None or not life.happened(ended):
        ended, reason = life.closes_at, sharing.CASE_CLOSED
    else:
        reason = ACTIONS_ENDED
    if ended is not None:
        for disclosure in disclosures:
            sharing.end(life, disclosure, ended, officer, reason)
    for disclosure in disclosures:
        sharing.write(life, disclosure)


def _actions(life: CaseLife, extra, area: Area, item: int, meeting_id: int, agreed: datetime) -> datetime | None:
    """The actions agreed at the meeting; when the last of them ended, if they all have."""
    rng = life.rng
    last_ended: datetime | None = agreed
    attending = {agency.code: agency for agency in area.agencies}
    possible = [action for action in ACTIONS if action[0] == "unit" or action[0] in attending
                or (action[0] == "hub" and HUB in attending)]
    for owner_code, text, days in rng.sample(possible, min(len(possible), rng.randint(1, 3))):
        owner = extra["units"][life.unit_id] if owner_code == "unit" else attending[HUB if owner_code == "hub"
                                                                                     else owner_code]
        worker = life.officer_id if owner_code == "unit" else (owner.user_id or life.officer_id)
        due_on = agreed.astimezone(LONDON).date() + timedelta(days=days)
        event = life.event(Kind.MULTI_AGENCY_ACTION_AGREED, agreed, life.officer_id, agenda_item=item,
                           meeting=meeting_id, owner=owner.id, owner_name=owner.name_en, owner_name_cy=owner.name_cy,
                           description=text, due_on=due_on.isoformat())
        commitment = life.open_commitment(charter_rules.multi_agency_action_commitment(due_on, text), agreed,
                                          opened_by_event_id=event, owner_organisation_id=owner.id,
                                          owner_person_id=None)
        action = {"agenda_item_id": item, "owner_id": owner.id, "description": text, "due_on": due_on,
                  "agreed_by_id": life.officer_id, "agreed_at": agreed, "commitment_id": commitment.id,
                  "status": Action.Status.OPEN}
        ended = life.plausible_moment(agreed, commitment.due_at, LATE_SHARE)
        if life.happened(ended):
            cancelled = rng.random() < CANCELLED_SHARE
            reason = rng.choice(CANCEL_REASONS) if cancelled else ""
            action.update(status=Action.Status.CANCELLED if cancelled else Action.Status.DONE, completed_at=ended,
                          completed_by_id=worker, cancelled_reason=reason)
            action_id = life.rows.ids.next(Action._meta.db_table)
            action["id"] = action_id
            life.event(Kind.MULTI_AGENCY_ACTION_ENDED, ended, worker, action=action_id, outcome=action["status"],
                       owner_name=owner.name_en, owner_name_cy=owner.name_cy, description=text, reason=reason)
            if cancelled:
                life.waive(commitment, ended, worker, reason)
            else:
                life.meet(commitment, ended, worker)
            last_ended = max(last_ended, ended) if last_ended else None
        else:
            last_ended = None
        life.rows.add(Action, **action)
    return last_ended
