"""What the property app sets up for the access matrix: objects its URL arguments name (From("...")), and
the state the personas need (see tests/access/rules.py).

The shared `case` has one item ("item"), taken by the officer and held in a store of the case's force, whose
register the property_officer persona manages."""

from victimcare.property import services
from victimcare.property.models import Reason, Store


def make(case, personas) -> dict:
    force = services.force_of(case.unit)
    store = Store.objects.create(code="access-store", name_en="Newport Central property store",
                                 name_cy="Storfa eiddo Canol Casnewydd", force=force)
    item = services.seize_item(
        case, actor=personas["officer"], exhibit_reference="AM/1", description="Black Samsung phone",
        owner_is_victim=True, reason=Reason.EVIDENCE, photographs_allowed=True,
        review_on=case.opened_at.date().replace(year=case.opened_at.year + 1), taken_from="12 High Street",
        to_store=store, to_place="Shelf B3",
    )
    return {"item": item}
