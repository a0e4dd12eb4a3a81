"""Access rules for the notifications URLs (see tests/access/rules.py for the personas and helpers).

A letter's PDF is seen by whoever may see its case (404 for anyone else, as if it did not exist)."""

from tests.access.rules import CASE_PAGE, From, Rule

RULES: dict[str, Rule] = {
    "notifications:letter": Rule(CASE_PAGE, kwargs={"message_id": From("letter")}),
}
