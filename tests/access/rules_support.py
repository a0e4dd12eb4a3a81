"""Access rules for the support URLs (see tests/access/rules.py for the personas and helpers).

The directory is for all staff; changing it is for administrators only (403 for other staff). The
needs, choice and referral pages of a police case are changes to the case (officers and supervisors of
its unit). A referral is seen and worked only by caseworkers of the service it was sent to (or of its
hub): anyone else gets 404, as if it did not exist; the worklist is for caseworkers (403 for others)."""

from tests.access.rules import CASE_CHANGE, From, Rule, signed_in

SERVICE = {"service_id": From("service")}
REFERRAL = {"referral_id": From("referral")}
ADMINISTRATORS = signed_in(403, administrator=200, information_rights=403)

RULES: dict[str, Rule] = {
    "support:directory": Rule(signed_in(200)),
    "support:service": Rule(signed_in(200), kwargs=SERVICE),
    "support:service-add": Rule(ADMINISTRATORS),
    "support:service-edit": Rule(ADMINISTRATORS, kwargs=SERVICE),
    "support:service-deactivate": Rule(ADMINISTRATORS, kwargs=SERVICE),
    "support:needs": Rule(CASE_CHANGE),
    "support:choice": Rule(CASE_CHANGE),
    "support:refer": Rule(CASE_CHANGE),
    "support:referrals": Rule(signed_in(403, caseworker=200, other_caseworker=200)),
    "support:referral": Rule(signed_in(404, caseworker=200), kwargs=REFERRAL),
    # Turning the referral down with no reason: the caseworker sees the page again with the error (nothing
    # saved); everyone else, 404.
    "support:referral-update": Rule(signed_in(404, caseworker=200), method="post", data={"action": "reject"},
                                    kwargs=REFERRAL),
}
