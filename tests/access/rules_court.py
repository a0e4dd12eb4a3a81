"""Access rules for the court URLs (see tests/access/rules.py for the personas and helpers).

The shared case is charged and its prosecution owned by the witness_care persona's unit
(tests/access/objects_court.py). Anyone who can see the case (its unit, the call handler who recorded it,
the owning Witness Care Unit) reads the prosecution page; everyone else gets 404. The witness care officer
manages it (news, hearings, witness care record); the others who can see the case get 403 on those forms.
Officers and supervisors of the case's unit record the charge (already recorded: the page says so and
links to the prosecution) and add defendants and charges, as does the Witness Care Unit."""

from tests.access.rules import CASE_PAGE, From, Rule, signed_in

# Who can see the case reads it; witness care (the owner) manages it; the rest of those who see it: 403.
MANAGE = {**CASE_PAGE, "officer": 403, "colleague": 403, "supervisor": 403, "call_handler": 403,
          "witness_care": 200}
ADD = {**CASE_PAGE, "call_handler": 403}
HEARING = {"hearing_id": From("hearing")}

RULES: dict[str, Rule] = {
    # The worklist: witness care officers only.
    "court:witness-care": Rule(signed_in(403, witness_care=200)),
    "court:prosecution": Rule(CASE_PAGE),
    "court:charge": Rule({**CASE_PAGE, "call_handler": 403, "witness_care": 403}),
    "court:defendant-add": Rule(ADD),
    "court:charge-add": Rule(ADD),
    "court:hearing-list": Rule(MANAGE),
    "court:hearing-move": Rule(MANAGE, kwargs=HEARING),
    "court:hearing-vacate": Rule(MANAGE, kwargs=HEARING),
    "court:hearing-result": Rule(MANAGE, kwargs={**HEARING, "result": "plea"}),
    "court:news-add": Rule(MANAGE),
    "court:news-told": Rule(MANAGE, kwargs={"news_id": From("news")}),
    "court:record": Rule(MANAGE, kwargs={"step": "needs"}),
}
