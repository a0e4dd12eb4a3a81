"""Demo data for property, added by victimcare.demo.loader after the demo cases are built.

Two stores of Gwent Police (Newport Central, Ystrad Mynach; rhys.parry is their property officer) and items
on the oldest demo cases in every state: held with the review ahead and past its review date (one back from
examination), no longer needed and awaiting return (one on time, one overdue with the return arranged),
returned, unclaimed and warned of disposal, unclaimed and due for disposal, and disposed of.
"""

from datetime import timedelta

from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.cases.models import Case
from victimcare.organisations.models import Organisation
from victimcare.property import services
from victimcare.property.models import KeptInstead, Movement, Reason, Store
from victimcare.property.rules import add_months

STORES = (
    ("newport-central", "Newport Central property store", "Storfa eiddo Canol Casnewydd",
     "Newport Central Police Station, Cardiff Road, Newport NP20 2EH"),
    ("ystrad-mynach", "Ystrad Mynach property store", "Storfa eiddo Ystrad Mynach",
     "Ystrad Mynach Police Station, Ystrad Mynach, Hengoed CF82 7FU"),
)
ITEMS = (
    ("Black Samsung mobile phone in a cracked case", Reason.EVIDENCE),
    ("Red mountain bicycle, Carrera, frame number C4471", Reason.EVIDENCE),
    ("Brown leather handbag with purse and bank cards", Reason.EVIDENCE),
    ("Kitchen knife, 20 cm blade", Reason.EXAMINATION),
    ("Silver laptop, Dell, with charger", Reason.EVIDENCE),
    ("Set of house keys on a Cardiff City key ring", Reason.FOUND),
    ("Gold wedding ring", Reason.SAFEKEEPING),
    ("Blue rucksack with school books", Reason.EVIDENCE),
)


def _seize(case, officer, store, number, description, reason, at, *, review_in_days):
    initials = f"{officer.first_name[:1]}{officer.last_name[:1]}".upper() or "XX"
    item = services.seize_item(
        case, actor=officer, exhibit_reference=f"{initials}/{number}", description=description, owner_is_victim=True,
        reason=reason, photographs_allowed=number % 2 == 0, review_on=(timezone.localtime(at) + timedelta(
            days=review_in_days)).date(), taken_from="The victim's home", to_place="With the officer", at=at)
    return item


def _book_in(item, keeper, store, at, place):
    services.record_movement(item, Movement.BOOKED_IN, actor=keeper, at=at, from_place="With the officer",
                             to_store=store, to_place=place)


def _told_and_dispose(item, officer, keeper, told_at, now, *, dispose: bool):
    services.mark_no_longer_needed(item, actor=officer, at=told_at - timedelta(days=1))
    item = services.record_owner_told(item, actor=officer, how="Letter sent to the owner's home address",
                                      at=told_at)
    rule = services.disposal_rule()
    for day in rule.warning_dates(timezone.localtime(told_at).date()).values():
        moment = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time())) + timedelta(hours=6)
        if moment <= now:
            services.warn_of_disposal(item, now=moment, rule=rule)
    if dispose:
        disposal_day = services.disposal_date(item, rule)
        moment = timezone.make_aware(timezone.datetime.combine(disposal_day, timezone.datetime.min.time())) + timedelta(
            hours=11)
        if moment <= now:
            services.dispose_item(item, actor=keeper, at=moment, note="Sold at auction; proceeds to the property fund.")
    return item


def load_demo(rng, now) -> None:
    force = Organisation.objects.filter(code="gwent-police", kind=Organisation.Kind.FORCE).first()
    keeper = User.objects.filter(username="rhys.parry").first()
    default_officer = User.objects.filter(username="olwen.price").first()
    if None in (force, keeper, default_officer) or Store.objects.filter(force=force).exists():
        return
    stores = [Store.objects.create(code=code, name_en=en, name_cy=cy, force=force, address=address)
              for code, en, cy, address in STORES]
    cases = list(Case.objects.open().filter(opened_at__lt=now - timedelta(days=400)).select_related("officer", "unit")
                 .order_by("opened_at", "id")[:len(ITEMS)])
    if len(cases) < len(ITEMS):
        return
    year_ago = add_months(timezone.localdate(now), -12)

    def told_at(days_after_a_year_ago):
        day = year_ago + timedelta(days=days_after_a_year_ago)
        return timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time())) + timedelta(hours=10)

    for number, (case, (description, reason)) in enumerate(zip(cases, ITEMS, strict=True), start=1):
        officer = case.officer or default_officer
        store = stores[number % 2]
        seized = case.opened_at + timedelta(hours=2)
        item = _seize(case, officer, store, number, description, reason, seized, review_in_days=90)
        _book_in(item, keeper, store, seized + timedelta(hours=20), f"Shelf {chr(64 + number)}{number}")
        where = (store, f"Shelf {chr(64 + number)}{number}")
        if number == 1:  # disposed of, unclaimed
            _told_and_dispose(item, officer, keeper, told_at(-40), now, dispose=True)
        elif number == 2:  # unclaimed, past the disposal date
            _told_and_dispose(item, officer, keeper, told_at(-5), now, dispose=False)
        elif number == 3:  # unclaimed, warned: disposal in 20 days
            _told_and_dispose(item, officer, keeper, told_at(20), now, dispose=False)
        elif number == 4:  # held, back from examination, review date passed
            sent = now - timedelta(days=60)
            services.record_movement(item, Movement.SENT_FOR_EXAMINATION, actor=keeper, at=sent, from_store=where[0],
                                     from_place=where[1], to_place="Forensic laboratory, Chepstow")
            services.record_movement(item, Movement.RETURNED_FROM_EXAMINATION, actor=keeper,
                                     at=sent + timedelta(days=21), from_place="Forensic laboratory, Chepstow",
                                     to_store=where[0], to_place=where[1])
            services.review_item(item, actor=officer, next_review=timezone.localdate(now) - timedelta(days=5),
                                 at=now - timedelta(days=95))
        elif number == 5:  # held, review ahead
            services.review_item(item, actor=officer, next_review=timezone.localdate(now) + timedelta(days=20),
                                 at=now - timedelta(days=10))
        elif number == 6:  # returned
            released = now - timedelta(days=12)
            services.mark_no_longer_needed(item, actor=officer, at=released)
            services.record_owner_told(item, actor=officer, how="Phoned the owner", at=released + timedelta(hours=3))
            services.arrange_return(item, actor=officer, on=timezone.localdate(now) - timedelta(days=8),
                                    place="Newport Central front counter", at=released + timedelta(hours=3))
            services.record_returned(item, actor=keeper, at=released + timedelta(days=4), note="Collected in person.")
        elif number == 7:  # awaiting return, overdue, return arranged
            released = now - timedelta(days=25)
            services.mark_no_longer_needed(item, actor=officer, at=released)
            services.record_owner_told(item, actor=officer, how="Phoned the owner", at=released + timedelta(days=2))
            services.arrange_return(item, actor=officer, on=timezone.localdate(now) + timedelta(days=3),
                                    place="Ystrad Mynach front counter", at=now - timedelta(days=1))
        else:  # awaiting return, on time; a photograph kept instead of the original
            services.mark_no_longer_needed(item, actor=officer, at=now - timedelta(days=2),
                                           kept_instead=KeptInstead.PHOTOGRAPH)
