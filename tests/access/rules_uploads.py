"""Access rules for the uploaded files' URLs (see tests/access/rules.py for the personas and helpers).

Photographs of a property item: whoever may see the item (the officers and supervisor of its case's unit, the
force's property officers). Letters and documents: the officers and supervisor of the case's unit only (the
call handler who recorded the case and witness care see the case but not its letters; partners never). Anyone
else gets 404, as if the file did not exist. The file-serving URL is ruled here for a letter; each persona
against a photograph's address is in tests/uploads/test_access.py."""

from tests.access.rules import SIGN_IN, From, Rule, signed_in

PHOTOGRAPHS = signed_in(404, anonymous=SIGN_IN, officer=200, colleague=200, supervisor=200, property_officer=200)
LETTERS = signed_in(404, anonymous=SIGN_IN, officer=200, colleague=200, supervisor=200)

RULES: dict[str, Rule] = {
    "uploads:serve": Rule(LETTERS, kwargs={"key": From("letter_key")}),
    "uploads:photographs": Rule(PHOTOGRAPHS, kwargs={"item_id": From("item")}),
    "uploads:remove-photograph": Rule(PHOTOGRAPHS, kwargs={"key": From("photograph_key")}),
    "uploads:documents": Rule(LETTERS),
    "uploads:remove-document": Rule(LETTERS, kwargs={"key": From("letter_key")}),
}
