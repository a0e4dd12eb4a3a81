"""Access rules for the property URLs (see tests/access/rules.py for the personas and helpers).

The register is the property officers' (their force's items, by store): 403 for everyone else. An item is
seen by the officers and supervisor of its case's unit and by the force's property officers; anyone else gets
404, as if it did not exist. Officers record what happens to their cases' items (seizure through the case,
review, no longer needed); property officers book in, move and dispose of them (403 the other way round);
both record the owner told, the return arranged and the return."""

from tests.access.rules import CASE_CHANGE, SIGN_IN, From, Rule, signed_in

ITEM = signed_in(404, anonymous=SIGN_IN, officer=200, colleague=200, supervisor=200, property_officer=200)
ITEM_ARGS = {"item_id": From("item")}

RULES: dict[str, Rule] = {
    "property:register": Rule(signed_in(403, property_officer=200)),
    "property:seize": Rule(CASE_CHANGE),
    "property:item": Rule(ITEM, kwargs=ITEM_ARGS),
    "property:move": Rule(ITEM, kwargs=ITEM_ARGS),
    "property:review": Rule({**ITEM, "property_officer": 403}, kwargs=ITEM_ARGS),
    "property:no-longer-needed": Rule({**ITEM, "property_officer": 403}, kwargs=ITEM_ARGS),
    "property:owner-told": Rule(ITEM, kwargs=ITEM_ARGS),
    "property:arrange-return": Rule(ITEM, kwargs=ITEM_ARGS),
    "property:returned": Rule(ITEM, kwargs=ITEM_ARGS),
    "property:dispose": Rule({**ITEM, "officer": 403, "colleague": 403, "supervisor": 403}, kwargs=ITEM_ARGS),
}
