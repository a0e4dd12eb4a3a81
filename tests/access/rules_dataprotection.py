"""Access rules for the data protection URLs (see tests/access/rules.py for the personas and helpers).

The information rights officer's pages are theirs alone: 404 for every other member of staff (as for any page
that is not theirs), anyone not signed in is sent to sign in. Correcting the victim's details from the case page
is a change to the case: its unit's officers and supervisors."""

from tests.access.rules import CASE_CHANGE, From, Rule, signed_in

INFORMATION_RIGHTS = signed_in(404, information_rights=200)
VICTIM = {"victim_id": From("dp_victim")}
REQUEST = {"request_id": From("dp_request")}
REVIEW = {"review_id": From("dp_review")}

RULES: dict[str, Rule] = {
    "dataprotection:start": Rule(INFORMATION_RIGHTS),
    "dataprotection:victim": Rule(INFORMATION_RIGHTS, kwargs=VICTIM),
    "dataprotection:request-new": Rule(INFORMATION_RIGHTS, kwargs=VICTIM),
    "dataprotection:correct": Rule(INFORMATION_RIGHTS, kwargs=VICTIM),
    "dataprotection:request": Rule(INFORMATION_RIGHTS, kwargs=REQUEST),
    # The download itself: a POST, as it is recorded against the request and in each case's access log.
    "dataprotection:export": Rule(INFORMATION_RIGHTS, method="post", kwargs=REQUEST),
    "dataprotection:case-correct": Rule(CASE_CHANGE),
    "dataprotection:queue": Rule(INFORMATION_RIGHTS),
    "dataprotection:review": Rule(INFORMATION_RIGHTS, kwargs=REVIEW),
    # GET: the confirmation page that says it cannot be undone (the erasure is the POST, tested in
    # tests/dataprotection).
    "dataprotection:anonymise": Rule(INFORMATION_RIGHTS, kwargs=REVIEW),
}
