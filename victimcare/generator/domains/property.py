"""Generated cases: the property part. For a share of burglaries, robberies, thefts, vehicle crimes and some
violence, the officer takes an item or two as victimcare.property.services records it: on the force's
register, its chain of custody starting with the seizure and booked into a demo store by the property
officer (some sent for examination and back), reviewed while held, then no longer needed (the return
commitment opens, owed by the case's unit and officer), the owner told, the return arranged and the item
returned. A few owners never collect: warned, and disposed of after the disposal rule's months if the case
lasts that long. Some items are still held when the case closes or now."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from victimcare.charter import rules
from victimcare.charter.calendar import LONDON
from victimcare.charter.rules import DEFAULT_DEADLINES as DEADLINES
from victimcare.generator.life import CaseLife, Kind
from victimcare.organisations.models import Membership
from victimcare.property.models import CustodyEntry, KeptInstead, Movement, PropertyItem, Reason, Store
from victimcare.property.rules import DisposalRule
from victimcare.property.services import DISPOSAL_REASON

# How often property is taken, by category (assumptions: stolen goods recovered, weapons and clothing from
# violence, the victim's own phone or bag kept as evidence).
TAKEN_SHARE = {"burglary": 0.3, "robbery": 0.35, "theft-from-the-person": 0.2, "vehicle-crime": 0.2,
               "bicycle-theft": 0.15, "other-theft": 0.08, "violent-crime": 0.06, "criminal-damage-arson": 0.04}
DESCRIPTIONS = {
    "burglary": ("Silver laptop, Dell, with charger", "Gold necklace and two rings in a jewellery box",
                 "Games console, PlayStation 5, with two controllers", "Flat-screen television, Samsung, 43 inch",
                 "Cordless drill and tool case, Makita"),
    "robbery": ("Black Samsung mobile phone in a cracked case", "Brown leather handbag with purse and bank cards",
                "Wallet with driving licence and £40 in cash", "Gold chain"),
    "theft-from-the-person": ("Black iPhone 13 in a blue case", "Purse with bank cards", "Wireless earphones, Apple"),
    "vehicle-crime": ("Satellite navigation unit, TomTom", "Car stereo, Pioneer", "Set of car keys on a fob",
                      "Toolbox taken from the van"),
    "bicycle-theft": ("Red mountain bicycle, Carrera", "Black road bicycle, Boardman", "Child's blue bicycle"),
    "other-theft": ("Garden strimmer, Bosch", "Mobile phone, Motorola", "Set of house keys on a key ring"),
    "violent-crime": ("Kitchen knife, 20 cm blade", "Blood-stained T-shirt", "Mobile phone with threatening messages",
                      "Baseball bat"),
    "criminal-damage-arson": ("Brick used to break the window", "Empty petrol can"),
}
# Weapons and the like: nobody's to give back; kept as evidence (in time destroyed, not in this part).
NOT_RETURNED = frozenset({"Kitchen knife, 20 cm blade", "Baseball bat", "Brick used to break the window",
                          "Empty petrol can"})
UNKNOWN_OWNER = "Not known: taken at the scene"
TAKEN_FROM = {"burglary": "The victim's home", "vehicle-crime": "The victim's vehicle",
              "robbery": "Recovered from the suspect", "theft-from-the-person": "Recovered from the suspect"}
OWNER_TOLD_HOW = ("Phoned the owner", "Phoned the owner", "Letter sent to the owner's home address",
                  "Email to the owner")
NORTH_STORE_AREAS = {"W06000018", "W06000019", "W06000020"}  # Caerphilly, Blaenau Gwent, Torfaen: Ystrad Mynach
WITH_OFFICER = "With the officer"
LABORATORY = "Forensic laboratory, Chepstow"
REVIEW_DAYS = 90  # as the demo's items: reviewed every three months while held
LATE_SHARE = 0.12  # returns made after the 10 working days (assumption)
UNCLAIMED_SHARE = 0.07  # owners who never collect (assumption)
STILL_HELD_SHARE = 0.1  # items kept when the case closes (an appeal, another case): assumption


@dataclass
class PropertyPlace:
    force_id: int
    keeper_ids: list[int]
    stores: dict[str, tuple[int, str, str, str]]  # "north"/"south": (id, name_en, name_cy, counter)
    rule: DisposalRule


def prepare(ctx) -> None:
    from victimcare.property.services import disposal_rule

    stores = {code: (pk, name_en, name_cy or name_en) for pk, code, name_en, name_cy in
              Store.objects.filter(force_id=ctx.force_id).values_list("pk", "code", "name_en", "name_cy")}
    if not stores:
        ctx.extra["property"] = None
        return
    ordered = sorted(stores.values())
    south = stores.get("newport-central", ordered[0])
    north = stores.get("ystrad-mynach", ordered[-1])
    keepers = list(Membership.objects.filter(organisation_id=ctx.force_id, role=Membership.Role.PROPERTY_OFFICER)
                   .order_by("user_id").values_list("user_id", flat=True))
    ctx.extra["property"] = PropertyPlace(
        force_id=ctx.force_id, keeper_ids=keepers,
        stores={"south": (*south, f"{_town(south[1])} front counter"),
                "north": (*north, f"{_town(north[1])} front counter")},
        rule=disposal_rule())


def _town(store_name: str) -> str:
    return store_name.replace(" property store", "")


def add(life: CaseLife, ctx) -> None:
    place = ctx.extra.get("property")
    category = life.facts["category"]
    if place is None or life.rng.random() >= TAKEN_SHARE.get(category, 0.0):
        return
    count = 2 if life.rng.random() < 0.2 else 1
    for _ in range(count):
        Item(life, place, category).run()


class Item:
    def __init__(self, life: CaseLife, place: PropertyPlace, category: str):
        self.life, self.place, self.rng, self.rows = life, place, life.rng, life.rows
        self.category = category
        self.id = self.rows.ids.next(PropertyItem._meta.db_table)
        self.exhibit = f"GP/{self.id:06d}"
        self.officer = life.officer_id
        keepers = place.keeper_ids
        self.keeper = keepers[self.rng.randrange(len(keepers))] if keepers else self.officer
        area = life.facts["place"].local_authority_code
        self.store = place.stores["north" if area in NORTH_STORE_AREAS else "south"]
        self.entries = 0
        self.where = (None, "")  # (store id, place): where the last entry left it
        self.values: dict = {}

    def run(self) -> None:
        life, rng = self.life, self.rng
        seized = life.opened_at + timedelta(hours=rng.uniform(0.5, 6))
        if not life.happened(seized):
            return
        description = rng.choice(DESCRIPTIONS[self.category])
        owner_is_victim = description not in NOT_RETURNED
        reason = (Reason.EXAMINATION if not owner_is_victim or rng.random() < 0.05 else
                  Reason.SAFEKEEPING if rng.random() < 0.08 else Reason.EVIDENCE)
        victim = life.facts["victim"]
        owner_name = victim.full_name if owner_is_victim else UNKNOWN_OWNER
        photographs = rng.random() < 0.5
        self.values = {
            "case_id": life.case_id, "force_id": self.place.force_id, "exhibit_reference": self.exhibit,
            "description": description, "owner_is_victim": owner_is_victim, "owner_name": owner_name,
            "owner_contact": victim.contact if owner_is_victim else "", "reason": reason,
            "photographs_allowed": photographs, "review_on": _day(seized) + timedelta(days=REVIEW_DAYS),
            "seized_at": seized, "seized_by_id": self.officer}
        taken_from = TAKEN_FROM.get(self.category, "The scene of the crime")
        entry = self._custody(Movement.SEIZED, seized, self.officer, None, taken_from, None, WITH_OFFICER)
        life.event(Kind.PROPERTY_SEIZED, seized, self.officer, item=self.id, exhibit=self.exhibit,
                   description=description[:200], reason=reason, entry=entry, **self._places(None, taken_from,
                                                                                             None, WITH_OFFICER))
        at = seized + timedelta(hours=rng.uniform(2, 30))
        shelf = f"Shelf {chr(65 + self.id % 26)}{1 + self.id % 40}"
        at = self._move(Movement.BOOKED_IN, at, self.keeper, self.store[0], shelf)
        if at is not None and (reason == Reason.EXAMINATION or rng.random() < 0.1):
            at = self._examine(at, shelf)
        if at is not None:
            self._afterwards(seized, at)
        self._write()

    def _afterwards(self, seized: datetime, at: datetime) -> None:
        """Reviewed while held; no longer needed before the case closes (safekept items within days), or still
        held; then the owner told and the item returned, or (a few) never claimed."""
        life, rng = self.life, self.rng
        if not self.values["owner_is_victim"]:
            kept, released = True, life.ends_at
        elif self.values["reason"] == Reason.SAFEKEEPING:
            kept, released = False, at + timedelta(days=rng.uniform(1, 10))
        elif life.closes_at is not None:  # mostly in the weeks before the case closes, in time to go back
            kept = rng.random() < STILL_HELD_SHARE
            earliest, latest = at + timedelta(days=1), life.closes_at - timedelta(days=21)
            released = (latest - (latest - earliest) * rng.random() ** 2 if latest > earliest
                        else at + (life.closes_at - at) * 0.3)
        else:
            kept = rng.random() < 0.6
            released = seized + timedelta(days=rng.uniform(3, 120))
        released = max(released, at + timedelta(hours=1))
        until = life.ends_at if kept or not life.happened(released) else released
        self._reviews(until)
        if kept or not life.happened(released):
            return
        self._release(released)

    def _reviews(self, until: datetime) -> None:
        """Each review (most on time, the next three months on); the last may be past when the item leaves."""
        review_on = self.values["review_on"]
        while True:
            reviewed = _at_day(review_on) - timedelta(days=self.rng.uniform(0, 6))
            if self.rng.random() < 0.15:
                reviewed += timedelta(days=self.rng.uniform(7, 30))  # reviewed late, past its date
            if reviewed > until or not self.life.happened(reviewed):
                break
            review_on = _day(reviewed) + timedelta(days=REVIEW_DAYS)
            self.life.event(Kind.PROPERTY_REVIEWED, reviewed, self.officer, item=self.id, exhibit=self.exhibit,
                            next_review=review_on.isoformat(), note="")
        self.values["review_on"] = review_on

    def _release(self, released: datetime) -> None:
        life, rng = self.life, self.rng
        kept_instead = KeptInstead.PHOTOGRAPH if self.values["photographs_allowed"] and rng.random() < 0.3 else ""
        event = life.event(Kind.PROPERTY_NO_LONGER_NEEDED, released, self.officer, item=self.id, exhibit=self.exhibit,
                           kept_instead=kept_instead, note="")
        commitment = life.open_commitment(rules.property_return_commitment(released, DEADLINES), released,
                                          opened_by_event_id=event)
        self.values.update(status=PropertyItem.Status.NO_LONGER_NEEDED, kept_instead=kept_instead,
                           no_longer_needed_at=released, return_commitment_id=commitment.id)
        told = released + timedelta(hours=rng.uniform(1, 60))
        if not life.happened(told):
            return
        how = rng.choice(OWNER_TOLD_HOW)
        told_on = _day(told)
        disposal_on = self.place.rule.disposal_date(told_on)
        self.values.update(owner_told_at=told, owner_told_how=how)
        life.event(Kind.PROPERTY_OWNER_TOLD, told, self.officer, item=self.id, exhibit=self.exhibit, how=how,
                   disposal_on=disposal_on.isoformat())
        if rng.random() < UNCLAIMED_SHARE:
            self._unclaimed(told_on, disposal_on, commitment)
            return
        returned = life.plausible_moment(told, commitment.due_at, LATE_SHARE)
        if rng.random() < 0.7:  # a date and place agreed with the owner
            return_on = _day(returned) if _day(returned) >= told_on else told_on
            counter = self.store[3] if rng.random() < 0.8 else "The owner's home"
            self.values.update(status=PropertyItem.Status.RETURN_ARRANGED, return_on=return_on, return_place=counter)
            life.event(Kind.PROPERTY_RETURN_ARRANGED, told, self.officer, item=self.id, exhibit=self.exhibit,
                       on=return_on.isoformat(), place=counter, note="")
        if not life.happened(returned):
            return
        entry = self._custody(Movement.RETURNED_TO_OWNER, returned, self.keeper, *self.where, None,
                              self.values["owner_name"])
        self.values.update(status=PropertyItem.Status.RETURNED, returned_at=returned)
        life.event(Kind.PROPERTY_RETURNED, returned, self.keeper, item=self.id, exhibit=self.exhibit, entry=entry,
                   note="")
        life.meet(commitment, returned, self.keeper)

    def _unclaimed(self, told_on, disposal_on, commitment) -> None:
        """Never collected: warned before the disposal date, and disposed of once it has passed."""
        life = self.life
        warnings = []
        for days, on in self.place.rule.warning_dates(told_on).items():
            at = _at_day(on) + timedelta(hours=6)
            if not life.happened(at):
                break
            warnings.append(days)
            life.event(Kind.PROPERTY_DISPOSAL_WARNING, at, None, item=self.id, exhibit=self.exhibit, days=days,
                       disposal_on=disposal_on.isoformat(), owner=life.unit_id)
        self.values["disposal_warnings"] = sorted(warnings, reverse=True)
        disposed = _at_day(disposal_on) + timedelta(days=self.rng.uniform(0, 20), hours=11)
        if not life.happened(disposed):
            return
        note = "Sold at auction; proceeds to the property fund."
        entry = self._custody(Movement.DISPOSED, disposed, self.keeper, *self.where, None, "Disposed of", note=note)
        self.values.update(status=PropertyItem.Status.DISPOSED, disposed_at=disposed)
        life.event(Kind.PROPERTY_DISPOSED, disposed, self.keeper, item=self.id, exhibit=self.exhibit, entry=entry,
                   note=note)
        life.waive(commitment, disposed, self.keeper, DISPOSAL_REASON)

    def _examine(self, at: datetime, shelf: str) -> datetime | None:
        sent = at + timedelta(days=self.rng.uniform(1, 10))
        if self._move(Movement.SENT_FOR_EXAMINATION, sent, self.keeper, None, LABORATORY) is None:
            return None
        back = sent + timedelta(days=self.rng.uniform(14, 45))
        return self._move(Movement.RETURNED_FROM_EXAMINATION, back, self.keeper, self.store[0], shelf)

    # --- Rows ------------------------------------------------------------------------------------------
    def _move(self, movement: str, at: datetime, actor: int, to_store, to_place: str) -> datetime | None:
        """The next entry in the chain and its timeline entry (services.record_movement); None: not yet."""
        if not self.life.happened(at):
            return None
        from_store, from_place = self.where
        entry = self._custody(movement, at, actor, from_store, from_place, to_store, to_place)
        self.life.event(Kind.PROPERTY_MOVED, at, actor, item=self.id, exhibit=self.exhibit, movement=movement,
                        entry=entry, note="", **self._places(from_store, from_place, to_store, to_place))
        return at

    def _custody(self, movement: str, at: datetime, actor: int, from_store, from_place: str, to_store,
                 to_place: str, note: str = "") -> int:
        self.entries += 1
        self.where = (to_store, to_place)
        return self.rows.add(CustodyEntry, item_id=self.id, sequence=self.entries, movement=movement, actor_id=actor,
                             at=at, from_store_id=from_store, from_place=from_place, to_store_id=to_store,
                             to_place=to_place[:200], note=note, recorded_at=at)

    def _places(self, from_store, from_place: str, to_store, to_place: str) -> dict:
        source, target = self._label(from_store, from_place), self._label(to_store, to_place)
        return {"from": source[0], "from_cy": source[1], "to": target[0], "to_cy": target[1]}

    def _label(self, store, place: str) -> tuple[str, str]:
        if store is None:
            return place, place
        _, name_en, name_cy, _ = self.store
        return (f"{name_en}, {place}", f"{name_cy}, {place}") if place else (name_en, name_cy)

    def _write(self) -> None:
        store, place = self.where
        self.rows.add(PropertyItem, id=self.id, current_store_id=store, current_place=place[:200], **self.values)


def _day(moment: datetime):
    return moment.astimezone(LONDON).date()


def _at_day(day) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=LONDON)
