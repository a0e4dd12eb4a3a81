"""Access rules for the sharing URLs (see tests/access/rules.py for the personas and helpers).

Police side: the ledger is read like the case page, changes like a case change; approvals are for
supervisors only. Receiving side: the shared case is 200 only for those whose organisation it is shared
with in force: the partner (on consent, tests/access/objects_sharing.py) and the caseworker (the referral to
their service shares the case on the victim's consent, tests/access/objects_support.py); everyone else,
police included, gets 404 as if it did not exist."""

from tests.access.rules import API_LIST, CASE_CHANGE, CASE_PAGE, SUPERVISOR_ONLY, From, Rule, everyone, signed_in

RULES: dict[str, Rule] = {
    "sharing:ledger": Rule(CASE_PAGE),
    "sharing:record-consent": Rule(CASE_CHANGE),
    "sharing:share": Rule(CASE_CHANGE),
    "sharing:end": Rule(CASE_CHANGE, kwargs={"disclosure_id": From("disclosure")}),
    "sharing:approvals": Rule(signed_in(403, supervisor=200)),
    "sharing:decide": Rule(SUPERVISOR_ONLY, kwargs={"disclosure_id": From("safeguarding_request")}),
    "sharing:shared-cases": Rule(signed_in(200)),
    "sharing:shared-case": Rule(signed_in(404, partner=200, caseworker=200)),
    "api:shared-case-list": Rule(API_LIST),
    "api:shared-case-detail": Rule(everyone(404, partner=200, caseworker=200, anonymous=401),
                                   kwargs={"pk": From("case")}),
}
