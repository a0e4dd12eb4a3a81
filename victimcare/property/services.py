"""State changes for property, one named function each. Each runs in a transaction, writes the timeline entry
with the acting user and logs the change on the case. The chain of custody only grows through
add_custody_entry, which refuses a gap, an out-of-order or future time, anything after the item left police
hands, and a movement the item's state does not allow, naming the field at fault."""

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from victimcare.cases.models import Case, TimelineEvent
from victimcare.cases.services import log_change, once, record_event, require_open
from victimcare.charter import rules as charter_rules
from victimcare.charter.services import deadlines, meet_commitment, open_commitment, waive_commitment
from victimcare.notifications import victim_messages
from victimcare.notifications.models import Message
from victimcare.notifications.services import queue_message
from victimcare.notifications.victim_messages import portal_url
from victimcare.organisations.models import Membership, Organisation
from victimcare.property.models import (
    ALLOWED_AFTER,
    CustodyEntry,
    KeptInstead,
    Movement,
    PropertyItem,
    place_label,
    same_place,
    to_the_minute,
)
from victimcare.property.rules import DisposalRule

logger = logging.getLogger(__name__)
Kind = TimelineEvent.Kind
Status = PropertyItem.Status
DISPOSAL_REASON = "Unclaimed: disposed of under the Police (Property) Regulations 1997"

# Which movements may follow the last one: models.ALLOWED_AFTER (CustodyEntry.save() checks it too).
# Movements recorded on the movement page; seizure, return and disposal have their own.
ORDINARY_MOVEMENTS = (Movement.BOOKED_IN, Movement.MOVED, Movement.SENT_FOR_EXAMINATION,
                      Movement.RETURNED_FROM_EXAMINATION, Movement.RELEASED)


class PropertyError(Exception):
    """The change cannot be made as asked. `field` names the form field at fault (None: the whole form);
    the message is English, translated with `translated()`."""

    def __init__(self, message: str, field: str | None = None, **params):
        self.message, self.field, self.params = message, field, params
        super().__init__(message % params if params else message)

    def translated(self) -> str:
        text = gettext(self.message)
        return text % self.params if self.params else text


def disposal_rule() -> DisposalRule:
    """settings.PROPERTY_DISPOSAL_RULE; the defaults where not set."""
    return DisposalRule.from_setting(getattr(settings, "PROPERTY_DISPOSAL_RULE", None))


def force_of(organisation: Organisation) -> Organisation:
    """The police force an organisation (a unit) belongs to: the first FORCE up its parent chain."""
    current = organisation
    while current is not None and current.kind != Organisation.Kind.FORCE:
        current = current.parent
    return current or organisation


def _bilingual_place(store, place: str) -> dict[str, str]:
    with translation.override("en"):
        english = place_label(store, place)
    with translation.override("cy"):
        welsh = place_label(store, place)
    return {"en": english, "cy": welsh}


@transaction.atomic
def add_custody_entry(item: PropertyItem, movement: str, *, actor, at, from_store=None, from_place: str = "",
                      to_store=None, to_place: str = "", note: str = "", now=None) -> CustodyEntry:
    """Add the next entry to the item's chain of custody, or refuse (PropertyError naming the field)."""
    now = now or timezone.now()
    from_place, to_place, note = (from_place or "").strip(), (to_place or "").strip(), (note or "").strip()
    locked = PropertyItem.objects.select_for_update().get(pk=item.pk)
    last = CustodyEntry.objects.filter(item=locked).select_related("to_store").order_by("-sequence").first()
    if movement not in Movement.values:
        raise PropertyError(gettext_noop("Choose the movement"), "movement")
    if at is None:
        raise PropertyError(gettext_noop("Enter when it happened"), "at")
    if at > now:
        raise PropertyError(gettext_noop("The time of a movement cannot be in the future"), "at")
    if last is None and movement != Movement.SEIZED:
        raise PropertyError(gettext_noop("The first entry in a chain of custody must be the seizure"), "movement")
    if last is not None:
        if not ALLOWED_AFTER[last.movement]:
            raise PropertyError(gettext_noop("Nothing can be recorded after the item was %(last)s"), "movement",
                                last=str(Movement(last.movement).label).lower())
        if movement not in ALLOWED_AFTER[last.movement]:
            raise PropertyError(gettext_noop("“%(movement)s” cannot follow “%(last)s”"), "movement",
                                movement=str(Movement(movement).label), last=str(Movement(last.movement).label))
        if not same_place(from_store, from_place, last.to_store, last.to_place):
            raise PropertyError(gettext_noop("The item was last recorded at %(where)s: a movement must start where "
                                             "the last one ended"), "from_place", where=last.to_label)
        if at < to_the_minute(last.at):  # times are entered to the minute
            raise PropertyError(gettext_noop("The time cannot be before the last entry in the chain (%(when)s)"),
                                "at", when=timezone.localtime(last.at).strftime("%d/%m/%Y %H:%M"))
    elif not from_place and from_store is None:
        raise PropertyError(gettext_noop("Enter where the item was taken from"), "from_place")
    if to_store is None and not to_place:
        raise PropertyError(gettext_noop("Enter where the item went"), "to_place")
    for store, field in ((from_store, "from_store"), (to_store, "to_store")):
        if store is not None and store.force_id != locked.force_id:
            raise PropertyError(gettext_noop("Choose one of the force's property stores"), field)
    entry = CustodyEntry.objects.create(
        item=locked, sequence=(last.sequence + 1) if last else 1, movement=movement, actor=actor, at=at,
        from_store=from_store, from_place=from_place[:200], to_store=to_store, to_place=to_place[:200], note=note,
        recorded_at=now,
    )
    PropertyItem.objects.filter(pk=locked.pk).update(current_store=to_store, current_place=to_place[:200])
    item.current_store, item.current_place = to_store, to_place[:200]
    return entry


def _event_places(entry: CustodyEntry) -> dict:
    source, target = _bilingual_place(entry.from_store, entry.from_place), _bilingual_place(entry.to_store,
                                                                                             entry.to_place)
    return {"from": source["en"], "from_cy": source["cy"], "to": target["en"], "to_cy": target["cy"]}


def _lock(item: PropertyItem) -> PropertyItem:
    locking = PropertyItem.objects.select_for_update(of=("self",))  # not the nullable commitment (PostgreSQL)
    return locking.select_related("case", "return_commitment").get(pk=item.pk)


@transaction.atomic
def _seize(case, actor, at, idempotency_key, channel, **fields) -> PropertyItem:
    require_open(case)
    force = force_of(case.unit)
    reference = (fields["exhibit_reference"] or "").strip().upper()
    if not reference:
        raise PropertyError(gettext_noop("Enter the exhibit reference"), "exhibit_reference")
    if PropertyItem.objects.filter(force=force, exhibit_reference=reference).exists():
        raise PropertyError(gettext_noop("Exhibit reference %(reference)s is already on the force's register"),
                            "exhibit_reference", reference=reference)
    description = (fields["description"] or "").strip()
    if not description:
        raise PropertyError(gettext_noop("Enter a description of the item"), "description")
    owner_name = (fields.get("owner_name") or "").strip()
    owner_contact = (fields.get("owner_contact") or "").strip()
    if fields["owner_is_victim"]:
        victim = case.victim
        owner_name = owner_name or victim.full_name
        owner_contact = owner_contact or victim.phone or victim.email
    elif not owner_name:
        raise PropertyError(gettext_noop("Enter the owner's name"), "owner_name")
    review_on = fields["review_on"]
    if review_on is None or review_on <= timezone.localtime(at).date():
        raise PropertyError(gettext_noop("The review date must be after the day the item was taken"), "review_on")
    item = PropertyItem.objects.create(
        case=case, force=force, exhibit_reference=reference, description=description,
        owner_is_victim=fields["owner_is_victim"], owner_name=owner_name[:200], owner_contact=owner_contact[:300],
        reason=fields["reason"], photographs_allowed=fields["photographs_allowed"], review_on=review_on,
        seized_at=at, seized_by=actor,
    )
    entry = add_custody_entry(item, Movement.SEIZED, actor=actor, at=at, from_place=fields["taken_from"],
                              to_store=fields.get("to_store"), to_place=fields.get("to_place", ""),
                              note=fields.get("note", ""))
    record_event(case, Kind.PROPERTY_SEIZED, actor, at, idempotency_key=idempotency_key, item=item.pk,
                 exhibit=reference, description=description[:200], reason=item.reason, entry=entry.pk,
                 **_event_places(entry))
    log_change(case, actor, "recorded property taken", channel)
    return item


def seize_item(case: Case, *, actor, exhibit_reference: str, description: str, owner_is_victim: bool, reason: str,
               photographs_allowed: bool, review_on, taken_from: str, to_store=None, to_place: str = "",
               owner_name: str = "", owner_contact: str = "", note: str = "", at=None, channel="web",
               idempotency_key=None) -> PropertyItem:
    """Put an item taken on the case on the force's register, its chain of custody starting with the seizure
    (from where it was taken, to where it went)."""
    at = at or timezone.now()
    return once(case, idempotency_key, lambda: _seize(
        case, actor, at, idempotency_key, channel, exhibit_reference=exhibit_reference, description=description,
        owner_is_victim=owner_is_victim, owner_name=owner_name, owner_contact=owner_contact, reason=reason,
        photographs_allowed=photographs_allowed, review_on=review_on, taken_from=taken_from, to_store=to_store,
        to_place=to_place, note=note,
    ), lambda event: PropertyItem.objects.get(pk=event.data["item"]))


def _replay(item):
    return lambda event: PropertyItem.objects.get(pk=item.pk)


def record_movement(item: PropertyItem, movement: str, *, actor, at, from_store=None, from_place: str = "",
                    to_store=None, to_place: str = "", note: str = "", channel="web", idempotency_key=None,
                    now=None) -> CustodyEntry:
    """Book in, move, send for or return from examination, release: the next entry in the chain."""
    case = item.case

    def perform():
        if movement not in ORDINARY_MOVEMENTS:
            raise PropertyError(gettext_noop("Choose the movement"), "movement")
        locked = _lock(item)
        entry = add_custody_entry(locked, movement, actor=actor, at=at, from_store=from_store, from_place=from_place,
                                  to_store=to_store, to_place=to_place, note=note, now=now)
        record_event(case, Kind.PROPERTY_MOVED, actor, at, idempotency_key=idempotency_key, item=locked.pk,
                     exhibit=locked.exhibit_reference, movement=movement, entry=entry.pk, note=entry.note,
                     **_event_places(entry))
        log_change(case, actor, "recorded a property movement", channel)
        return entry

    return once(case, idempotency_key, perform,
                lambda event: CustodyEntry.objects.get(pk=event.data["entry"]))


def _require_status(item: PropertyItem, *statuses) -> None:
    if item.status not in statuses:
        raise PropertyError(gettext_noop("This cannot be done: the item is %(status)s"), None,
                            status=str(Status(item.status).label).lower())


def review_item(item: PropertyItem, *, actor, next_review, note: str = "", at=None, channel="web",
                idempotency_key=None) -> PropertyItem:
    """The item is still needed: record the review and the next review date."""
    case = item.case

    def perform():
        moment = at or timezone.now()
        locked = _lock(item)
        _require_status(locked, Status.HELD)
        if next_review is None or next_review <= timezone.localtime(moment).date():
            raise PropertyError(gettext_noop("The next review date must be in the future"), "next_review")
        locked.review_on = next_review
        locked.save(update_fields=["review_on"])
        record_event(case, Kind.PROPERTY_REVIEWED, actor, moment, idempotency_key=idempotency_key, item=locked.pk,
                     exhibit=locked.exhibit_reference, next_review=next_review.isoformat(), note=(note or "").strip())
        log_change(case, actor, "reviewed property", channel)
        return locked

    return once(case, idempotency_key, perform, _replay(item))


def mark_no_longer_needed(item: PropertyItem, *, actor, kept_instead: str = "", note: str = "", at=None,
                          channel="web", idempotency_key=None) -> PropertyItem:
    """The item (or its original, a photograph or copy being kept instead) can go back to its owner: the
    return commitment opens, owed by the case's unit and its officer in charge."""
    case = item.case

    def perform():
        moment = at or timezone.now()
        locked = _lock(item)
        _require_status(locked, Status.HELD)
        if kept_instead not in KeptInstead.values:
            raise PropertyError(gettext_noop("Choose what is kept instead of the original"), "kept_instead")
        if kept_instead and not locked.photographs_allowed:
            raise PropertyError(gettext_noop("Photographs or copies of this item may not be kept instead of the "
                                             "original"), "kept_instead")
        last = CustodyEntry.objects.filter(item=locked).order_by("-sequence").first()
        if last is not None and last.movement == Movement.SENT_FOR_EXAMINATION:
            raise PropertyError(gettext_noop("The item is away for examination: record its return from examination "
                                             "first"))
        event = record_event(case, Kind.PROPERTY_NO_LONGER_NEEDED, actor, moment, idempotency_key=idempotency_key,
                             item=locked.pk, exhibit=locked.exhibit_reference, kept_instead=kept_instead,
                             note=(note or "").strip())
        commitment = open_commitment(case, charter_rules.property_return_commitment(moment, deadlines()),
                                     opened_by_event=event, owner_organisation=case.unit, at=moment)
        locked.status, locked.kept_instead, locked.no_longer_needed_at = Status.NO_LONGER_NEEDED, kept_instead, moment
        locked.return_commitment = commitment
        locked.save(update_fields=["status", "kept_instead", "no_longer_needed_at", "return_commitment"])
        log_change(case, actor, "marked property no longer needed", channel)
        return locked

    return once(case, idempotency_key, perform, _replay(item))


def record_owner_told(item: PropertyItem, *, actor, how: str, at=None, channel="web",
                      idempotency_key=None) -> PropertyItem:
    """The owner was told the item can be collected: the disposal clock starts."""
    case = item.case

    def perform():
        moment = at or timezone.now()
        locked = _lock(item)
        _require_status(locked, Status.NO_LONGER_NEEDED, Status.RETURN_ARRANGED)
        text = (how or "").strip()
        if not text:
            raise PropertyError(gettext_noop("Enter how the owner was told"), "how")
        if locked.owner_told_at is not None:
            raise PropertyError(gettext_noop("The owner has already been told"))
        if locked.no_longer_needed_at and moment < to_the_minute(locked.no_longer_needed_at):
            raise PropertyError(gettext_noop("The owner cannot have been told before the item was no longer needed"),
                                "at")
        if moment > timezone.now():
            raise PropertyError(gettext_noop("The time cannot be in the future"), "at")
        locked.owner_told_at, locked.owner_told_how = moment, text[:200]
        locked.save(update_fields=["owner_told_at", "owner_told_how"])
        disposal_on = disposal_rule().disposal_date(timezone.localtime(moment).date())
        event = record_event(case, Kind.PROPERTY_OWNER_TOLD, actor, moment, idempotency_key=idempotency_key,
                             item=locked.pk, exhibit=locked.exhibit_reference, how=locked.owner_told_how,
                             disposal_on=disposal_on.isoformat())
        log_change(case, actor, "recorded the property owner was told", channel)
        victim_messages.property_owner_told(locked, disposal_on=disposal_on, cause=event)  # the victim, in writing
        return locked

    return once(case, idempotency_key, perform, _replay(item))


def arrange_return(item: PropertyItem, *, actor, on, place: str, note: str = "", at=None, channel="web",
                   idempotency_key=None) -> PropertyItem:
    """A date and place agreed with the owner for the return (it can be re-arranged)."""
    case = item.case

    def perform():
        moment = at or timezone.now()
        locked = _lock(item)
        _require_status(locked, Status.NO_LONGER_NEEDED, Status.RETURN_ARRANGED)
        if on is None or on < timezone.localtime(moment).date():
            raise PropertyError(gettext_noop("The return date must be today or in the future"), "on")
        text = (place or "").strip()
        if not text:
            raise PropertyError(gettext_noop("Enter where the item will be returned"), "place")
        locked.status, locked.return_on, locked.return_place = Status.RETURN_ARRANGED, on, text[:200]
        locked.save(update_fields=["status", "return_on", "return_place"])
        record_event(case, Kind.PROPERTY_RETURN_ARRANGED, actor, moment, idempotency_key=idempotency_key,
                     item=locked.pk, exhibit=locked.exhibit_reference, on=on.isoformat(), place=locked.return_place,
                     note=(note or "").strip())
        log_change(case, actor, "arranged the return of property", channel)
        return locked

    return once(case, idempotency_key, perform, _replay(item))


def record_returned(item: PropertyItem, *, actor, at=None, note: str = "", channel="web",
                    idempotency_key=None) -> PropertyItem:
    """The owner has the item back: the chain ends "returned to owner" and the return commitment is met
    (late if after its due time)."""
    case = item.case

    def perform():
        moment = at or timezone.now()
        locked = _lock(item)
        _require_status(locked, Status.NO_LONGER_NEEDED, Status.RETURN_ARRANGED)
        entry = add_custody_entry(locked, Movement.RETURNED_TO_OWNER, actor=actor, at=moment,
                                  from_store=locked.current_store, from_place=locked.current_place,
                                  to_place=locked.owner_name, note=note)
        locked.status, locked.returned_at = Status.RETURNED, moment
        locked.save(update_fields=["status", "returned_at"])
        record_event(case, Kind.PROPERTY_RETURNED, actor, moment, idempotency_key=idempotency_key, item=locked.pk,
                     exhibit=locked.exhibit_reference, entry=entry.pk, note=entry.note)
        if locked.return_commitment is not None and locked.return_commitment.status == "open":
            meet_commitment(locked.return_commitment, actor=actor, at=moment)
        log_change(case, actor, "recorded property returned to its owner", channel)
        return locked

    return once(case, idempotency_key, perform, _replay(item))


def dispose_item(item: PropertyItem, *, actor, at=None, note: str = "", channel="web",
                 idempotency_key=None) -> PropertyItem:
    """An unclaimed item, past the disposal date, is disposed of: the chain ends "disposed" and the return
    commitment is waived."""
    case = item.case

    def perform():
        moment = at or timezone.now()
        locked = _lock(item)
        _require_status(locked, Status.NO_LONGER_NEEDED, Status.RETURN_ARRANGED)
        rule = disposal_rule()
        if locked.owner_told_at is None:
            raise PropertyError(gettext_noop("The owner must be told the item can be collected before it can be "
                                             "disposed of"))
        told_on = timezone.localtime(locked.owner_told_at).date()
        if not rule.may_dispose(told_on, timezone.localtime(moment).date()):
            raise PropertyError(gettext_noop("The item cannot be disposed of before %(day)s"), None,
                                day=rule.disposal_date(told_on).strftime("%d/%m/%Y"))
        entry = add_custody_entry(locked, Movement.DISPOSED, actor=actor, at=moment, from_store=locked.current_store,
                                  from_place=locked.current_place, to_place="Disposed of", note=note)
        locked.status, locked.disposed_at = Status.DISPOSED, moment
        locked.save(update_fields=["status", "disposed_at"])
        record_event(case, Kind.PROPERTY_DISPOSED, actor, moment, idempotency_key=idempotency_key, item=locked.pk,
                     exhibit=locked.exhibit_reference, entry=entry.pk, note=entry.note)
        if locked.return_commitment is not None and locked.return_commitment.status == "open":
            waive_commitment(locked.return_commitment, actor=actor, reason=DISPOSAL_REASON, at=moment)
        log_change(case, actor, "recorded property disposed of", channel)
        return locked

    return once(case, idempotency_key, perform, _replay(item))


# --- Unclaimed property: the disposal warnings ----------------------------------------------------
def unclaimed():
    """Items told-about and not collected: the ones the disposal rule applies to."""
    return PropertyItem.objects.awaiting_return().filter(owner_told_at__isnull=False)


def disposal_date(item: PropertyItem, rule: DisposalRule | None = None) -> dt.date | None:
    if item.owner_told_at is None:
        return None
    return (rule or disposal_rule()).disposal_date(timezone.localtime(item.owner_told_at).date())


# The outbox messages of a disposal warning (templates in notifications/messages/<kind>/).
DISPOSAL_WARNING = "property_disposal_warning"  # to the owner, when the owner is the victim
DISPOSAL_REMINDER = "property_disposal_reminder"  # to the property officers of the item's force


def reminded_staff(item: PropertyItem) -> list:
    """Who is reminded of an unclaimed item's disposal warnings: the property officers of the force whose register
    it is on (every store of the force is theirs); if the force has none, the case's officer in charge."""
    officers = list(get_user_model().objects.filter(
        is_active=True, memberships__organisation_id=item.force_id,
        memberships__role=Membership.Role.PROPERTY_OFFICER).distinct().order_by("pk"))
    if officers:
        return officers
    officer = item.case.officer
    return [officer] if officer is not None and officer.is_active else []


def _queue_disposal_warning(item: PropertyItem, *, days: int, disposal_on: dt.date, event, now) -> None:
    """The warning in writing, through the outbox and once each (a key per warning and recipient): to the owner
    if the owner is the victim (language, channel and quiet hours from their agreement), and a reminder to each
    property officer, which says whether the owner was reminded."""
    store = item.current_store
    place = item.return_place or (store.address if store is not None and store.address else "")
    return_on = item.return_on if item.return_on and item.return_on >= timezone.localtime(now).date() else None
    to_owner = None
    if item.owner_is_victim:
        to_owner = queue_message(DISPOSAL_WARNING, case=item.case, cause=event, at=now,
                                 key=f"{DISPOSAL_WARNING}:{item.pk}:{days}",
                                 context={"item": item, "store": store, "place": place, "return_on": return_on,
                                          "disposal_on": disposal_on, "portal_url": portal_url()})
    context = {"item": item, "disposal_on": disposal_on, "told_on": timezone.localtime(item.owner_told_at).date(),
               "owner_reminded": to_owner is not None and to_owner.status != Message.Status.HELD,
               "item_url": settings.SITE_URL.rstrip("/") + reverse("property:item", kwargs={"item_id": item.pk})}
    for user in reminded_staff(item):
        queue_message(DISPOSAL_REMINDER, case=item.case, staff_user=user, cause=event, at=now, context=context,
                      key=f"{DISPOSAL_REMINDER}:{item.pk}:{days}:{user.pk}")


@transaction.atomic
def warn_of_disposal(item: PropertyItem, *, now, rule: DisposalRule) -> int:
    """Record each disposal warning due by `now` and not yet recorded (once each), and send it: to the owner if
    they are the victim, and to the property officers. Returns how many."""
    locked = _lock(item)
    if locked.status not in (Status.NO_LONGER_NEEDED, Status.RETURN_ARRANGED) or locked.owner_told_at is None:
        return 0
    told_on = timezone.localtime(locked.owner_told_at).date()
    due = rule.warnings_due(told_on, timezone.localtime(now).date(), set(locked.disposal_warnings))
    disposal_on = rule.disposal_date(told_on)
    for days in due:
        event = record_event(locked.case, Kind.PROPERTY_DISPOSAL_WARNING, None, now,
                             idempotency_key=f"property-{locked.pk}-disposal-warning-{days}", item=locked.pk,
                             exhibit=locked.exhibit_reference, days=days, disposal_on=disposal_on.isoformat(),
                             owner=locked.case.unit_id)
        _queue_disposal_warning(locked, days=days, disposal_on=disposal_on, event=event, now=now)
    if due:
        locked.disposal_warnings = sorted({*locked.disposal_warnings, *due}, reverse=True)
        locked.save(update_fields=["disposal_warnings"])
    return len(due)


def sweep_disposal_warnings(now=None) -> int:
    """Record every disposal warning now due, once. Returns how many were recorded."""
    now = now or timezone.now()
    rule = disposal_rule()
    recorded = 0
    for item in unclaimed().order_by("owner_told_at", "id"):
        try:
            recorded += warn_of_disposal(item, now=now, rule=rule)
        except Exception:
            logger.exception("Could not record the disposal warnings of property item %s", item.pk)
    return recorded
