"""Generated cases: victims' services (victimcare.support.services), as the app writes them.

On every report: the services information and needs assessment commitments (support's receiver of
report_recorded), owed by the case's unit; the first met with the written acknowledgement listing the
services that fit the victim, the second when the officer records the needs assessment. Then, for a share
of victims, their choice about support in the consent ledger: an agreement owes a referral within 2
working days, sent to the best-fitting service that takes referrals here (Connect Gwent, Victim Support
(Gwent), New Pathways), which owes an answer, then contact with the victim, and works the referral
through accepted -> victim contacted -> in progress -> closed, or turns it down (the police then refer to
the hub) or the victim declines it. Sharing the victim's details with the service ends with the referral.

The service's own steps go on after the police close the case (support does not stop with the
investigation), but commitments are only opened or met while the case is open: what is still owed when
it closes is missed then, by CaseLife.finish.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from victimcare.cases.models import TimelineEvent
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.charter.rules import DEFAULT_DEADLINES as DEADLINES
from victimcare.charter.rules import CommitmentKind
from victimcare.crimes.offences import OFFENCES
from victimcare.generator.domains import sharing
from victimcare.generator.life import CaseLife
from victimcare.organisations.models import Membership, Organisation
from victimcare.sharing.models import Decision, How, Purpose, SharedItem
from victimcare.sharing.services import DECLINED_AT_SERVICE, REFERRAL_TURNED_DOWN, SUPPORT_CLOSED
from victimcare.support.matching import CHILD_UNDER, OLDER_FROM
from victimcare.support.models import SPECIALIST_NEEDS, NeedsAssessment, Referral, SupportNeed, SupportService
from victimcare.support.services import DECLINED_SUPPORT, REFERRAL_ENDED

Kind = TimelineEvent.Kind
Status = Referral.Status
HUB = "connect-gwent"
REFERRAL_ITEMS = [SharedItem.VICTIM_NAME, SharedItem.VICTIM_CONTACT, SharedItem.NEEDS, SharedItem.INCIDENT_SUMMARY]
SEXUAL_OFFENCES = frozenset(slug for slug, offence in OFFENCES.items() if offence.sexual)
MET = (Commitment.Status.MET, Commitment.Status.MET_LATE)

# Assumptions, not measured: about 1 in 4 victims assessed says they need nothing now; of the rest, about 1 in
# 6 agrees to a referral (far more after domestic abuse or a sexual offence), and about as many say no.
NO_NEEDS_SHARE = 0.25
REFERRAL_SHARE = {"sexual": 0.6, "domestic": 0.35, "enhanced": 0.22, "other": 0.12}
REFUSED_SHARE = 0.15
OTHER_SERVICE_SHARE = 0.12  # the officer chooses a fitting service other than the directory's first
REJECTED_SHARE = 0.05
DECLINED_SHARE = 0.08  # the victim tells the service they do not want its support
BRIEF_SUPPORT_SHARE = 0.2  # contacted, advice given, closed without a longer piece of support
GENERAL_NEEDS = (SupportNeed.EMOTIONAL, SupportNeed.PRACTICAL, SupportNeed.SAFETY, SupportNeed.FINANCIAL,
                 SupportNeed.HOUSING, SupportNeed.MENTAL_HEALTH)
NOTES = ("", "", "", "Lives alone", "Worried about going out at night", "Prefers calls after 5pm",
         "Text first, please")
OUTCOMES = ("Six sessions completed; the victim feels able to cope", "Safety plan in place; support ended",
            "Practical help given: locks changed and a personal alarm", "Referred on to counselling; our part ended",
            "The victim stopped answering; closed after three attempts")
BRIEF_OUTCOMES = ("Advice given by phone; no further support wanted",
                  "Information sent; the victim will call if needed")
REJECTIONS = ("Outside our criteria: please refer to the hub for general support",
              "We cannot take new referrals in this area this month: please use the hub")
DECLINED_NOTES = ("Thanked us; does not want support at the moment", "Has support from family", "")


@dataclass
class Service:
    id: int
    name_en: str
    name_cy: str
    needs: frozenset
    categories: frozenset
    min_age: int | None
    max_age: int | None
    areas: frozenset
    languages: frozenset
    organisation: sharing.Partner | None
    caseworker_id: int | None = None
    specialist_only: bool = field(init=False)

    def __post_init__(self):
        specialist = self.needs & SPECIALIST_NEEDS
        self.specialist_only = bool(specialist) and self.needs <= SPECIALIST_NEEDS

    def fits(self, category: str, age: int, area: str, needs: set) -> bool:
        """As support.matching.fits."""
        if self.categories and category not in self.categories:
            return False
        if (self.min_age is not None and age < self.min_age) or (self.max_age is not None and age > self.max_age):
            return False
        if self.areas and area not in self.areas:
            return False
        return not (self.specialist_only and not self.needs & SPECIALIST_NEEDS & needs)

    def rank(self, needs: set, language: str) -> tuple:
        """As support.matching.services_for orders them, best first."""
        return (-len(needs & self.needs), language not in self.languages,
                not self.categories and not self.needs & SPECIALIST_NEEDS, self.organisation is None, self.name_en)


def prepare(ctx) -> None:
    organisations = sharing.organisations()
    by_id = {partner.id: partner for partner in organisations.values()}
    caseworkers: dict[int, int] = {}
    for organisation_id, user_id in Membership.objects.filter(role=Membership.Role.CASEWORKER).order_by(
            "user_id").values_list("organisation_id", "user_id"):
        caseworkers.setdefault(organisation_id, user_id)
    parents = dict(Organisation.objects.values_list("pk", "parent_id"))
    services = []
    for service in SupportService.objects.active().prefetch_related("local_authorities").order_by("name_en"):
        partner = by_id.get(service.organisation_id)
        worker = None
        if partner is not None:
            worker = caseworkers.get(partner.id) or caseworkers.get(parents.get(partner.id))
        services.append(Service(
            service.pk, service.name_en, service.name_cy or service.name_en, frozenset(service.needs),
            frozenset(service.crime_categories), service.min_age, service.max_age,
            frozenset(area.pk for area in service.local_authorities.all()),
            frozenset(value.strip().lower() for value in service.languages), partner,
            worker or (partner.user_id if partner else None)))
    hub = next((s for s in services if s.organisation is not None and s.organisation.code == HUB), None)
    ctx.extra["support"] = {"services": services, "hub": hub}


def add(life: CaseLife, ctx) -> None:
    extra = ctx.extra["support"]
    facts = life.facts
    report = life.facts["report_event_id"]
    at = life.opened_at
    information = life.open_commitment(rules.services_information_commitment(at, DEADLINES), at,
                                       opened_by_event_id=report)
    assessment = life.open_commitment(rules.needs_assessment_commitment(at, DEADLINES), at, opened_by_event_id=report)
    crime_needs = needs_from_crime(facts)
    needs_at, needs = _assess(life, assessment, crime_needs)
    _give_information(life, extra["services"], information, crime_needs, needs if needs_at else None, needs_at)
    if needs_at is None or not needs:
        return
    _support_choice(life, extra, crime_needs | set(needs), needs, needs_at)


def needs_from_crime(facts) -> set:
    """As support.matching.needs_from_crime."""
    needs = set()
    if facts["domestic"]:
        needs.add(SupportNeed.DOMESTIC_ABUSE)
    if facts["offence"] in SEXUAL_OFFENCES:
        needs.add(SupportNeed.SEXUAL_VIOLENCE)
    if facts["hate"]:
        needs.add(SupportNeed.HATE_CRIME)
    if facts["offence"] == "homicide":
        needs.add(SupportNeed.BEREAVEMENT)
    if facts["age"] < CHILD_UNDER:
        needs.add(SupportNeed.CHILDREN)
    if facts["age"] >= OLDER_FROM:
        needs.add(SupportNeed.OLDER_PEOPLE)
    return needs


def fitting(services, facts, needs: set) -> list[Service]:
    place, language = facts["place"], facts["language"]
    found = [s for s in services if s.fits(facts["category"], facts["age"], place.local_authority_code, needs)]
    return sorted(found, key=lambda s: s.rank(needs, language))


def _assess(life: CaseLife, commitment, crime_needs: set):
    """The officer records the victim's needs: what the crime points to and some of the general ones."""
    rng = life.rng
    at = life.plausible_moment(life.opened_at + timedelta(minutes=30), commitment.due_at, 0.08)
    if not life.happened(at):
        return None, []
    if rng.random() < NO_NEEDS_SHARE and not crime_needs & SPECIALIST_NEEDS:
        chosen = set()
    else:
        chosen = (crime_needs - {SupportNeed.OLDER_PEOPLE}) | set(rng.sample(GENERAL_NEEDS, rng.randint(1, 2)))
    needs = [need for need in SupportNeed.values if need in chosen]
    notes = rng.choice(NOTES) if needs else "Has support from family"
    assessment = life.rows.add(NeedsAssessment, case_id=life.case_id, needs=needs, notes=notes,
                               recorded_by_id=life.officer_id, at=at)
    life.event(Kind.NEEDS_ASSESSED, at, life.officer_id, assessment=assessment, needs=needs, notes=notes)
    life.meet(commitment, at, life.officer_id)
    return at, needs


def _give_information(life: CaseLife, services, commitment, crime_needs: set, needs, needs_at) -> None:
    """With the written acknowledgement: the services the directory fits to the victim then."""
    acknowledgement = next((draft for draft in life.commitments
                            if draft.kind == CommitmentKind.WRITTEN_ACKNOWLEDGEMENT and draft.status in MET), None)
    if acknowledgement is None:
        return
    at = acknowledgement.closed_at
    known = crime_needs | set(needs or ()) if needs_at is not None and needs_at <= at else crime_needs
    listed = fitting(services, life.facts, known)
    life.event(Kind.SERVICES_INFORMATION_GIVEN, at, acknowledgement.closed_by_id,
               services=[s.name_en for s in listed], services_cy=[s.name_cy for s in listed])
    life.meet(commitment, at, acknowledgement.closed_by_id)


def _support_choice(life: CaseLife, extra, known: set, needs: list, needs_at: datetime) -> None:
    rng, facts = life.rng, life.facts
    if SupportNeed.SEXUAL_VIOLENCE in known:
        share = REFERRAL_SHARE["sexual"]
    elif facts["domestic"]:
        share = REFERRAL_SHARE["domestic"]
    else:
        share = REFERRAL_SHARE["enhanced" if life.enhanced else "other"]
    draw = rng.random()
    at = needs_at + timedelta(minutes=rng.uniform(2, 30))
    if draw >= share + REFUSED_SHARE or not life.happened(at):
        return
    how = rng.choice((How.VERBAL, How.VERBAL, How.WRITTEN))
    if draw >= share:
        sharing.record_consent(life, Purpose.SUPPORT_REFERRAL, Decision.REFUSED, How.VERBAL, at, life.officer_id,
                               note=rng.choice(("", "Has support from family; knows how to ask later")))
        return
    consent, consent_event = sharing.record_consent(life, Purpose.SUPPORT_REFERRAL, Decision.GIVEN, how, at,
                                                    life.officer_id)
    owed = life.open_commitment(rules.referral_commitment(at, DEADLINES), at, opened_by_event_id=consent_event)
    takers = [s for s in fitting(extra["services"], facts, known) if s.organisation is not None]
    if not takers:
        return
    service = takers[0] if len(takers) == 1 or rng.random() >= OTHER_SERVICE_SHARE else rng.choice(takers[1:])
    sent_at = life.plausible_moment(at, owed.due_at, 0.08)
    if life.happened(sent_at):
        _refer(life, extra, service, consent, owed, needs, sent_at)


def _refer(life: CaseLife, extra, service: Service, consent: int, owed, needs: list, at: datetime, *,
           again: bool = False) -> None:
    """send_referral, and the referral's life at the service."""
    rng, officer = life.rng, life.officer_id
    referral_id = life.rows.ids.next(Referral._meta.db_table)
    names = {"service": service.name_en, "service_cy": service.name_cy}
    note = rng.choice(NOTES)
    sent = life.event(Kind.REFERRAL_SENT, at, officer, referral=referral_id, needs=needs, **names)
    life.meet(owed, at, officer)
    response = life.open_commitment(_for_referral(rules.referral_response_commitment(at, DEADLINES), referral_id),
                                    at, opened_by_event_id=sent, owner_organisation_id=service.organisation.id,
                                    owner_person_id=None)
    disclosure = sharing.share(life, service.organisation, REFERRAL_ITEMS, consent, at, officer, summary=note)
    status, updated, extra_fields = _service_life(life, extra, service, names, referral_id, response, disclosure,
                                                  consent, needs, at, again)
    sharing.write(life, disclosure)
    life.rows.add(Referral, id=referral_id, case_id=life.case_id, service_id=service.id, status=status, needs=needs,
                  note=note, consent_id=consent, disclosure_id=disclosure.id, sent_by_id=officer, sent_at=at,
                  updated_at=updated, **extra_fields)


def _service_life(life: CaseLife, extra, service: Service, names: dict, referral_id: int, response, disclosure,
                  consent: int, needs: list, sent_at: datetime, again: bool):
    """The service's steps, each only if it has happened by now: (final status, when it last changed,
    rejection_reason/outcome)."""
    rng, worker = life.rng, service.caseworker_id
    status, at = Status.SENT, sent_at

    def step(kind, when, new_status, **data):
        nonlocal status, at
        event = life.event(kind, when, worker, referral=referral_id, **names, **data)
        status, at = new_status, when
        return event

    answered = life.plausible_moment(sent_at, response.due_at, 0.1)
    if answered > life.now:
        return status, at, {}
    draw = rng.random()
    if draw < REJECTED_SHARE and not again and service is not extra["hub"]:
        reason = rng.choice(REJECTIONS)
        rejected = step(Kind.REFERRAL_REJECTED, answered, Status.REJECTED, rejection_reason=reason)
        life.meet(response, answered, worker)
        sharing.end(life, disclosure, answered, worker, REFERRAL_TURNED_DOWN)
        _refer_again(life, extra, consent, needs, answered, rejected)
        return status, at, {"rejection_reason": reason}
    if draw < REJECTED_SHARE + DECLINED_SHARE / 3:  # the victim says no before the service takes it on
        return _declined(life, step, answered, worker, disclosure, referral_id)
    accepted = step(Kind.REFERRAL_ACCEPTED, answered, Status.ACCEPTED)
    contact = None
    if life.meet(response, answered, worker):
        contact = life.open_commitment(
            _for_referral(rules.support_contact_commitment(answered, DEADLINES), referral_id), answered,
            opened_by_event_id=accepted,
            owner_organisation_id=service.organisation.id, owner_person_id=None)
    due = contact.due_at if contact else answered + timedelta(days=5)
    contacted = life.plausible_moment(answered + timedelta(minutes=20), due, 0.12)
    if contacted > life.now:
        return status, at, {}
    if draw < REJECTED_SHARE + DECLINED_SHARE:
        return _declined(life, step, contacted, worker, disclosure, referral_id)
    step(Kind.REFERRAL_VICTIM_CONTACTED, contacted, Status.VICTIM_CONTACTED)
    if contact is not None:
        life.meet(contact, contacted, worker)
    if rng.random() < BRIEF_SUPPORT_SHARE:
        closed = _close(life, step, contacted + timedelta(hours=rng.uniform(0.2, 48)), worker, disclosure,
                        referral_id, rng.choice(BRIEF_OUTCOMES))
        return closed or (status, at, {})
    started = contacted + timedelta(days=rng.uniform(1, 10))
    if started > life.now:
        return status, at, {}
    step(Kind.SUPPORT_STARTED, started, Status.IN_PROGRESS)
    closed = _close(life, step, started + timedelta(days=rng.uniform(14, 75)), worker, disclosure, referral_id,
                    rng.choice(OUTCOMES))
    return closed or (status, at, {})


def _close(life, step, at, worker, disclosure, referral_id, outcome):
    """close_support, unless that is still to come."""
    if at > life.now:
        return None
    step(Kind.SUPPORT_CLOSED, at, Status.CLOSED, outcome=outcome)
    _waive_referral_commitments(life, at, worker, referral_id, REFERRAL_ENDED)
    sharing.end(life, disclosure, at, worker, SUPPORT_CLOSED)
    return Status.CLOSED, at, {"outcome": outcome}


def _declined(life, step, at, worker, disclosure, referral_id):
    """record_declined_by_victim: the choice goes in the consent ledger as the victim declining support."""
    note = life.rng.choice(DECLINED_NOTES)
    step(Kind.REFERRAL_DECLINED_BY_VICTIM, at, Status.DECLINED_BY_VICTIM, note=note)
    _waive_referral_commitments(life, at, worker, referral_id, DECLINED_SUPPORT)
    sharing.end(life, disclosure, at, worker, DECLINED_AT_SERVICE)
    sharing.record_consent(life, Purpose.SUPPORT_REFERRAL, Decision.REFUSED, How.VERBAL, at, worker, note=note)
    return Status.DECLINED_BY_VICTIM, at, {}


def _waive_referral_commitments(life: CaseLife, at, actor, referral_id: int, reason) -> None:
    if not life.happened(at):
        return
    for kind in (CommitmentKind.REFERRAL_RESPONSE, CommitmentKind.SUPPORT_CONTACT):
        for draft in life.open_of_kind(kind):
            if draft.detail.get("referral") == referral_id:
                life.waive(draft, at, actor, reason)


def _refer_again(life: CaseLife, extra, consent: int, needs: list, at: datetime, rejected_event: int) -> None:
    """Turned down while the victim still wants support: a referral is owed again, sent to the hub."""
    hub = extra["hub"]
    if hub is None or not life.happened(at):
        return
    owed = life.open_commitment(rules.referral_commitment(at, DEADLINES), at, opened_by_event_id=rejected_event)
    sent_at = life.plausible_moment(at, owed.due_at, 0.08)
    if life.happened(sent_at):
        _refer(life, extra, hub, consent, owed, needs, sent_at, again=True)


def _for_referral(due, referral_id: int):
    return rules.CommitmentDue(due.kind, due.due_at, {**due.detail, "referral": referral_id})
