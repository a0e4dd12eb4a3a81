"""Generated cases: the court part. A charged case goes to court as victimcare.court.services takes it there:
the prosecution (owned by the demo's Witness Care Unit, which owes the offer of a Victim Personal Statement),
its defendant and charge, hearings listed, moved and heard over the months after the charge, each piece of news
received with its commitment to tell the victim (told mostly on time), and the witness care record: the VPS,
a needs assessment after a not-guilty plea, special measures, and the Victim Contact Scheme after a qualifying
sentence. A closed case's court journey ends before it closed; a case still open has hearings ahead."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from victimcare.charter import rules
from victimcare.charter.calendar import LONDON
from victimcare.charter.rules import DEFAULT_DEADLINES as DEADLINES
from victimcare.charter.rules import CommitmentKind, CourtNews, KeyDecision
from victimcare.court.choices import Measure, Need
from victimcare.court.models import Charge, Defendant, Entry, Hearing, NewsItem, Prosecution
from victimcare.crimes.offences import OFFENCES
from victimcare.demo.people import random_person
from victimcare.generator.life import CaseLife, Kind
from victimcare.organisations.models import Membership, Organisation

WITNESS_CARE_UNIT = "gwent-witness-care"
PROBATION = "probation-gwent"
MAGISTRATES = {"W06000022": "Newport Magistrates' Court", "W06000021": "Newport Magistrates' Court"}
LOCAL_MAGISTRATES = "Cwmbran Magistrates' Court"
CROWN_COURTS = ("Cardiff Crown Court", "Newport Crown Court")
COURT_ROOMS = ("Court 1", "Court 2", "Court 3", "Court 4")
# The charge for a case of each category (violence has its own offence, worded as crimes.offences words it).
CHARGES = {
    "anti-social-behaviour": ("Using threatening behaviour", False),
    "bicycle-theft": ("Theft of a pedal cycle", False),
    "burglary": ("Burglary", False),
    "criminal-damage-arson": ("Criminal damage", False),
    "other-crime": ("Fraud by false representation", False),
    "other-theft": ("Theft", False),
    "public-order": ("Using threatening words or behaviour", False),
    "robbery": ("Robbery", True),
    "shoplifting": ("Theft from a shop", False),
    "theft-from-the-person": ("Theft from the person", False),
    "vehicle-crime": ("Taking a motor vehicle without consent", False),
}
NON_CUSTODIAL = ("Community order with 120 hours' unpaid work", "Suspended sentence order, 12 months",
                 "Fine and compensation to the victim", "Conditional discharge, 12 months",
                 "Community order and a restraining order")
TOLD_HOW, TOLD_WEIGHTS = ("phone", "letter", "email", "sms", "in_person"), (70, 10, 10, 5, 5)
NOTED = timedelta(minutes=20)  # news is recorded soon after it comes in
LATE_SHARE = 0.1  # about one piece of news in ten is told after its working day (the demo's "late" story)


@dataclass
class CourtStaff:
    unit_id: int
    unit_name: str
    unit_name_cy: str
    officer_ids: list[int]
    probation_id: int | None
    probation_name: str
    probation_name_cy: str


def prepare(ctx) -> None:
    unit = Organisation.objects.filter(code=WITNESS_CARE_UNIT).first()
    if unit is None:
        ctx.extra["court"] = None
        return
    officers = list(Membership.objects.filter(organisation=unit, role=Membership.Role.WITNESS_CARE_OFFICER)
                    .order_by("user_id").values_list("user_id", flat=True))
    probation = Organisation.objects.filter(code=PROBATION, kind=Organisation.Kind.PROBATION).first()
    ctx.extra["court"] = CourtStaff(
        unit_id=unit.pk, unit_name=unit.name_en, unit_name_cy=unit.name_cy,
        officer_ids=officers or [ctx.call_handler_id],
        probation_id=probation.pk if probation else None,
        probation_name=probation.name_en if probation else "", probation_name_cy=probation.name_cy if probation else "")


def add(life: CaseLife, ctx) -> None:
    staff = ctx.extra.get("court")
    if staff is None or life.facts["outcome"] != "charged":
        return
    charged_at = next((at for decision, at in life.facts.get("decided_at", ()) if decision == KeyDecision.CHARGED),
                      None)
    if charged_at is not None:
        Journey(life, staff, charged_at).run()


def _local_at(moment: datetime, hour: int) -> datetime:
    """`hour` o'clock, London time, on the day of `moment`."""
    day = moment.astimezone(LONDON).date()
    return datetime.combine(day, time(hour), tzinfo=LONDON)


class Journey:
    """One prosecution, step by step from the charge; nothing after the case ends is written."""

    def __init__(self, life: CaseLife, staff: CourtStaff, charged_at: datetime):
        self.life, self.staff, self.rng, self.charged_at = life, staff, life.rng, charged_at
        self.rows = life.rows
        self.wcu = staff.officer_ids[self.rng.randrange(len(staff.officer_ids))]
        self.id = self.rows.ids.next(Prosecution._meta.db_table)
        self.hearings: list[dict] = []
        self.vps_made = False
        self.factor = self.short = 1.0

    # --- The plan --------------------------------------------------------------------------------------
    def run(self) -> None:
        life, rng = self.life, self.rng
        offence = life.facts["offence"]
        if offence in OFFENCES:
            wording, violent = OFFENCES[offence].name_en, OFFENCES[offence].violent or OFFENCES[offence].sexual
        else:
            wording, violent = CHARGES.get(life.facts["category"], ("Theft", False))
        serious = (offence in OFFENCES and OFFENCES[offence].most_serious) or life.facts["category"] == "robbery"
        area = life.facts["place"].local_authority_code
        court = rng.choice(CROWN_COURTS) if serious else MAGISTRATES.get(area, LOCAL_MAGISTRATES)
        custody = rng.choices(("bail", "custody", "not_known"), (60, 25, 15))[0]
        # Usual gaps in days: charge to first appearance, plea to trial, a trial moved, last hearing to sentence.
        plea = rng.choices(("guilty", "not_guilty", "mixed"), (62, 33, 5))[0]  # most plead guilty
        verdict = rng.choices(("guilty", "not_guilty", "mixed"), (68, 27, 5))[0] if plea != "guilty" else None
        gaps = {"first": 1.0 if custody == "custody" else rng.uniform(7, 28),
                "trial": rng.uniform(60, 180) if verdict else 0.0,
                "moved": rng.uniform(14, 60) if verdict and rng.random() < 0.15 else 0.0,  # one trial in seven
                "sentence": rng.uniform(21, 42) if verdict != "not_guilty" else 0.0}
        self._fit(sum(gaps.values()))
        self._start(court, wording, violent, custody)
        self._offer_vps()
        first = self._list(Hearing.Kind.FIRST_APPEARANCE, self.charged_at, gaps["first"])
        if first is None:
            self._write_hearings()
            return
        if rng.random() < 0.25:
            self._bail(first)
        last = self._plea(first, plea)
        if last is not None and verdict:
            trial = self._list(Hearing.Kind.TRIAL, last, gaps["trial"])
            last = None
            if trial is not None:
                self._witness_care(trial)
                if gaps["moved"]:
                    self._move(trial, gaps["moved"])
                last = self._verdict(trial, verdict)
        if last is not None and gaps["sentence"]:
            sentencing = self._list(Hearing.Kind.SENTENCING, last, gaps["sentence"])
            if sentencing is not None:
                self._sentence(sentencing, violent)
        self._write_hearings()

    def _fit(self, days: float) -> None:
        """A closed case's journey is fitted to end a few days before it closed (`factor` scales the gaps in
        days, `short` the gaps in hours when the time is short); an open one's runs at the usual pace."""
        self.factor, self.short = 1.0, 1.0
        if self.life.closes_at is None:
            return
        room = (self.life.closes_at - self.charged_at).total_seconds() / 86400
        wanted = room - self.rng.uniform(4, 12) if room > 24 else room * 0.5
        self.factor = max(wanted, 0.01) / max(days, 1.0)
        self.short = min(self.factor, 1.0)

    def _later(self, moment: datetime, days: float = 0.0, hours: float = 0.0) -> datetime:
        return moment + timedelta(days=days * self.factor, hours=hours * self.short)

    # --- The state changes, as the services make them -------------------------------------------------------
    def _start(self, court: str, wording: str, violent: bool, custody: str) -> None:
        life, staff, rng, at = self.life, self.staff, self.rng, self.charged_at
        self.rows.add(Prosecution, id=self.id, case_id=life.case_id, court=court, witness_care_unit_id=staff.unit_id,
                      charged_at=at, charged_by_id=life.officer_id)
        person = random_person(rng)
        born = at.date() - timedelta(days=rng.randint(18 * 365, 60 * 365))
        self.rows.add(Defendant, prosecution_id=self.id, name=f"{person.given_name} {person.family_name}",
                      date_of_birth=born if rng.random() < 0.8 else None, custody=custody)
        self.rows.add(Charge, prosecution_id=self.id, wording=wording, violent_or_sexual=violent)
        event = life.event(Kind.PROSECUTION_STARTED, at, life.officer_id, prosecution=self.id, court=court,
                           unit=staff.unit_id, unit_name=staff.unit_name, unit_name_cy=staff.unit_name_cy,
                           charge=wording)
        life.open_commitment(rules.vps_offer_commitment(at, DEADLINES), at, opened_by_event_id=event,
                             owner_organisation_id=staff.unit_id, owner_person_id=None)

    def _offer_vps(self) -> None:
        """The VPS offered (about one offer in ten late), then made by about half and declined by a third."""
        life, rng = self.life, self.rng
        offer = life.open_of_kind(CommitmentKind.OFFER_VPS)[0]
        at = life.plausible_moment(offer.opened_at, offer.due_at, LATE_SHARE)
        if not life.happened(at):
            return
        self._entry(Entry.Kind.VPS_OFFERED, Kind.VPS_OFFERED, at, meets=offer)
        choice = rng.random()
        later = at + timedelta(days=rng.uniform(1, 14))
        if choice < 0.5 and life.happened(later):
            self._entry(Entry.Kind.VPS_MADE, Kind.VPS_MADE, later,
                        made_on=later.astimezone(LONDON).date().isoformat())
            self.vps_made = True
        elif choice < 0.8 and life.happened(later):
            self._entry(Entry.Kind.VPS_DECLINED, Kind.VPS_DECLINED, later)

    def _list(self, kind: str, after: datetime, gap: float) -> dict | None:
        """The listing is received within hours of the charge or the last hearing; the hearing `gap` days on,
        at ten or two o'clock."""
        received = self._later(after, hours=self.rng.uniform(1, 8))
        starts_at = max(_local_at(self._later(after, gap), self.rng.choice((10, 10, 14))),
                        self._later(received, hours=2))
        hearing = {"id": self.rows.ids.next(Hearing._meta.db_table), "kind": kind, "starts_at": starts_at,
                   "place": self.rng.choice(COURT_ROOMS), "status": Hearing.Status.LISTED, "listed": received}
        if self._news(CourtNews.HEARING_LISTED, received, hearing, hearing_kind=kind,
                      starts_at=starts_at.isoformat(), place=hearing["place"]) is None:
            return None
        self.hearings.append(hearing)
        return hearing

    def _move(self, hearing: dict, days: float) -> None:
        """Moved later, the news received some days before the date it was listed for."""
        was = hearing["starts_at"]
        received = max(was - timedelta(days=self.rng.uniform(3, 20) * self.short),
                       self._later(hearing["listed"], hours=1))
        moved_to = self._later(was, days)
        if received >= was or not self.life.happened(received):
            return
        hearing["status"], hearing["starts_at"] = Hearing.Status.MOVED, moved_to
        self._news(CourtNews.HEARING_MOVED, received, hearing, hearing_kind=hearing["kind"],
                   starts_at=moved_to.isoformat(), place=hearing["place"], was=was.isoformat())

    def _heard_at(self, hearing: dict) -> datetime:
        return self._later(hearing["starts_at"], hours=self.rng.uniform(1, 5))

    def _bail(self, hearing: dict) -> None:
        outcome = self.rng.choices(("granted", "remanded"), (70, 30))[0]
        conditions = "Not to contact the victim or go to their street" if outcome == "granted" else ""
        if self._result(hearing, CourtNews.BAIL_OUTCOME, self._heard_at(hearing), details=conditions,
                        bail=outcome) is not None:
            hearing.update(bail=outcome, bail_conditions=conditions, result=conditions)

    def _plea(self, hearing: dict, plea: str) -> datetime | None:
        """The plea; a not-guilty one means the Witness Care Unit owes a needs assessment. Returns when."""
        heard = self._heard_at(hearing)
        event = self._result(hearing, CourtNews.PLEA, heard, plea=plea)
        if event is None:
            return None
        hearing["plea"] = plea
        if plea != "guilty":
            self.life.open_commitment(rules.witness_needs_assessment_commitment(heard, DEADLINES), heard + NOTED,
                                      opened_by_event_id=event, owner_organisation_id=self.staff.unit_id,
                                      owner_person_id=None)
        return heard

    def _verdict(self, hearing: dict, verdict: str) -> datetime | None:
        """Returns when the verdict came if there is a sentence to come."""
        heard = self._later(self._heard_at(hearing), self.rng.choice((0, 0, 1, 2)))
        if self._result(hearing, CourtNews.VERDICT, heard, verdict=verdict) is None:
            return None
        hearing["verdict"] = verdict
        return heard if verdict != "not_guilty" else None

    def _sentence(self, hearing: dict, violent: bool) -> None:
        rng = self.rng
        custody_months = None
        if rng.random() < (0.4 if violent else 0.2):
            custody_months = rng.choice((4, 6, 8, 10, 12, 12, 15, 18, 24, 30, 36, 48))
        non_custodial = "" if custody_months else rng.choice(NON_CUSTODIAL)
        heard = self._heard_at(hearing)
        event = self._result(hearing, CourtNews.SENTENCE, heard, custody_months=custody_months,
                             non_custodial=non_custodial)
        if event is None:
            return
        hearing.update(custody_months=custody_months, non_custodial=non_custodial)
        if self.vps_made:
            use = rng.choices(("read_aloud", "given_to_judge", "not_used"), (45, 45, 10))[0]
            at = self._later(heard, hours=rng.uniform(0.3, 2))
            if self.life.happened(at):
                self._entry(Entry.Kind.VPS_AT_SENTENCING, Kind.VPS_AT_SENTENCING, at, use=use)
        if rules.qualifies_for_victim_contact_scheme(custody_months, violent) and self.staff.probation_id:
            referral = self.life.open_commitment(rules.vcs_referral_commitment(heard, DEADLINES), heard + NOTED,
                                                 opened_by_event_id=event, owner_organisation_id=self.staff.unit_id,
                                                 owner_person_id=None)
            self._refer_to_vcs(referral)

    def _refer_to_vcs(self, referral) -> None:
        life, staff = self.life, self.staff
        # Referred within days of the sentence, mostly: the case often closes soon after it.
        at = life.plausible_moment(referral.opened_at, min(referral.due_at, referral.opened_at + timedelta(days=4)),
                                   LATE_SHARE / 2)
        if not life.happened(at):
            return
        event = self._entry(Entry.Kind.VCS_REFERRED, Kind.VCS_REFERRED, at, meets=referral,
                            probation=staff.probation_id, probation_name=staff.probation_name,
                            probation_name_cy=staff.probation_name_cy)
        contact = life.open_commitment(rules.vcs_first_contact_commitment(at, DEADLINES), at, opened_by_event_id=event,
                                       owner_organisation_id=staff.probation_id, owner_person_id=None)
        contacted = life.plausible_moment(at, min(contact.due_at, at + timedelta(days=5)), 0.1)
        if life.happened(contacted):
            self._entry(Entry.Kind.VCS_CONTACTED, Kind.VCS_CONTACTED, contacted, meets=contact)

    def _witness_care(self, trial: dict) -> None:
        """After the not-guilty plea: the needs assessment, and for some special measures, a pre-trial visit
        and expenses information before the trial."""
        life, rng = self.life, self.rng
        owed = life.open_of_kind(CommitmentKind.WITNESS_NEEDS_ASSESSMENT)
        if not owed:
            return
        at = life.plausible_moment(owed[0].opened_at, owed[0].due_at, LATE_SHARE)
        if not life.happened(at):
            return
        needs = rng.sample(Need.values, rng.choice((0, 1, 1, 2)))
        note = "" if needs else "No particular needs: the victim is ready to give evidence."
        self._entry(Entry.Kind.NEEDS_ASSESSED, Kind.WITNESS_NEEDS_ASSESSED, at, meets=owed[0], note=note, needs=needs)
        before_trial = trial["starts_at"] - at
        if before_trial <= timedelta(days=2):
            return
        if needs and rng.random() < 0.6:
            measures = rng.sample(Measure.values, rng.choice((1, 1, 2)))
            asked = at + before_trial * rng.uniform(0.05, 0.2)
            decided = asked + before_trial * rng.uniform(0.1, 0.3)
            if life.happened(asked):
                self._entry(Entry.Kind.MEASURES_REQUESTED, Kind.SPECIAL_MEASURES_REQUESTED, asked, measures=measures)
            if life.happened(decided):
                decision = "granted" if rng.random() < 0.8 else "refused"
                self._entry(Entry.Kind.MEASURES_DECIDED, Kind.SPECIAL_MEASURES_DECIDED, decided, measures=measures,
                            decision=decision)
        later = at + before_trial * rng.uniform(0.6, 0.9)
        if rng.random() < 0.6 and life.happened(later):
            self._entry(Entry.Kind.EXPENSES, Kind.EXPENSES_INFORMATION_GIVEN, later)
        if rng.random() < 0.3 and life.happened(later):
            self._entry(Entry.Kind.PRE_TRIAL_VISIT, Kind.PRE_TRIAL_VISIT, later,
                        outcome=rng.choice(("offered", "done", "done", "declined")))

    # --- Rows ------------------------------------------------------------------------------------------
    def _result(self, hearing: dict, news: CourtNews, received: datetime, *, details: str = "", **data) -> int | None:
        """A hearing's result: heard, and news to tell. Returns the news event (None: not happened yet)."""
        event = self._news(news, received, hearing, details=details, hearing_kind=hearing["kind"], **data)
        if event is not None:
            hearing["status"] = Hearing.Status.HEARD
        return event

    def _news(self, news: CourtNews, received: datetime, hearing: dict | None, *, details: str = "",
              **data) -> int | None:
        """Recorded when it came in, with the commitment to tell the victim (counted from its receipt), and
        told mostly in time. Returns the event (None: not happened yet)."""
        life, rng = self.life, self.rng
        at = received + NOTED
        if not life.happened(at):
            return None
        hearing_id = hearing["id"] if hearing is not None else None
        event = life.event(Kind.COURT_NEWS_RECEIVED, at, self.wcu, prosecution=self.id, news=news.value,
                           received_at=received.isoformat(), hearing=hearing_id, details=details, **data)
        due = rules.court_news_commitment(news, received, life.enhanced, DEADLINES)
        commitment = life.open_commitment(due, at, opened_by_event_id=event, owner_organisation_id=self.staff.unit_id,
                                          owner_person_id=None)
        item_id = self.rows.ids.next(NewsItem._meta.db_table)
        told_at = life.plausible_moment(at, commitment.due_at, LATE_SHARE)
        told = {}
        if life.happened(told_at):
            how = rng.choices(TOLD_HOW, TOLD_WEIGHTS)[0]
            life.event(Kind.COURT_NEWS_TOLD, told_at, self.wcu, prosecution=self.id, news_item=item_id,
                       news=news.value, how=how)
            life.meet(commitment, told_at, self.wcu)
            told = {"told_at": told_at, "told_how": how, "told_by_id": self.wcu}
        self.rows.add(NewsItem, id=item_id, prosecution_id=self.id, hearing_id=hearing_id, kind=news.value,
                      received_at=received, details=details, recorded_by_id=self.wcu,
                      commitment_id=commitment.id, **told)
        return event

    def _entry(self, kind: str, event_kind: str, at: datetime, *, meets=None, note: str = "", **data) -> int:
        entry = self.rows.add(Entry, prosecution_id=self.id, kind=kind, at=at, by_id=self.wcu, data=data, note=note)
        event = self.life.event(event_kind, at, self.wcu, prosecution=self.id, entry=entry, note=note, **data)
        if meets is not None:
            self.life.meet(meets, at, self.wcu)
        return event

    def _write_hearings(self) -> None:
        for hearing in self.hearings:
            self.rows.add(Hearing, id=hearing["id"], prosecution_id=self.id, kind=hearing["kind"],
                          starts_at=hearing["starts_at"], place=hearing["place"], status=hearing["status"],
                          result=hearing.get("result", ""), plea=hearing.get("plea", ""),
                          verdict=hearing.get("verdict", ""), custody_months=hearing.get("custody_months"),
                          non_custodial=hearing.get("non_custodial", ""), bail=hearing.get("bail", ""),
                          bail_conditions=hearing.get("bail_conditions", ""))
