"""Who gets what at every URL of the project: the access rules tests/access/test_url_matrix.py checks.

Every URL pattern the resolver knows must have a rule here, or the matrix test fails: a new URL is not
finished until someone has written down who may use it. A rule gives, for each persona, the HTTP
status expected (or a redirect to a named URL) when that persona requests the URL for the shared
`case` fixture: a case in the officer's unit, owned by the officer, recorded by the call handler, with
one open commitment to tell the victim about a decision.

Personas (tests/conftest.py): anonymous; officer and colleague (the case's unit); other_officer
(another unit); supervisor (the case's unit); call_handler (recorded the case); administrator (staff
and superuser, manages the system, sees no cases); caseworker (a victims' service the case is referred
to) and other_caseworker (a service with no referral); neighbourhood (the team whose ward the case's
crime is in); partner (an agency the case is shared with, on the victim's consent) and other_partner
(an agency with nothing shared); witness_care (the Witness Care Unit; the case has been charged),
property_officer (the force's property store), analyst (the Commissioner's analyst: figures only) and
information_rights (the force's information rights officer: the data protection pages, no case page).
What each app sets up for these lives in tests/access/objects_<app>.py.
"""

import re
from dataclasses import dataclass, field

PERSONAS = ("anonymous", "officer", "colleague", "other_officer", "supervisor", "call_handler", "administrator",
            "caseworker", "other_caseworker", "neighbourhood", "partner", "other_partner", "witness_care",
            "property_officer", "analyst", "information_rights", "victim", "other_victim")
# The victim portal's personas: signed in to the portal (crime reference, surname, date of birth and a
# one-time code), not as staff. "victim" for the shared case, "other_victim" for another victim's case. A
# rule that does not name them gives them what it gives anonymous: to the staff screens they are strangers.
PORTAL_PERSONAS = ("victim", "other_victim")
# Personas added with court and property (standard 8 and 9). A rule that does not name them gives them what
# it gives other_officer: police staff with no part in the case. Rules for pages they use name them.
LATER_PERSONAS = ("witness_care", "property_officer")
# The Commissioner's analyst sees figures, never a case or a person: 404 at every URL but the monitoring
# pages, home, signing in and out and the language switch (victimcare/accounts/middleware.py). A rule that
# does not name the analyst expects 404; `everyone` and `signed_in` leave the analyst out unless named.
FIGURES_ONLY = ("analyst",)
# The information rights officer (data protection) holds no role on a case: a rule that does not name them gives
# them what it gives the administrator (both are force staff who see no case), except on the Django admin's pages,
# which they cannot use (they are not staff): there they get what everyone gets (`admin_pages`).
DEFAULTS_TO_ADMINISTRATOR = ("information_rights",)
# Roles outside the police unit: none of them sees a police case page or changes a case.
OUTSIDE_POLICE = ("caseworker", "other_caseworker", "neighbourhood", "partner", "other_partner", "property_officer")
# Police-only screens that are not about one case (the control room, recording a report).
NOT_POLICE = dict.fromkeys((*OUTSIDE_POLICE, "witness_care"), 403)


@dataclass(frozen=True)
class Redirect:
    """A redirect whose Location path (query string aside) is the URL named `to`."""

    to: str
    status: int = 302

    def __str__(self) -> str:
        return f"{self.status}->{self.to}"


@dataclass(frozen=True)
class AdminAnswers:
    """The Django admin answers for itself (a page, its own redirect, its own 403 or 404): anything
    but a redirect to its sign-in page or a server error. Used for the administrator on admin pages
    whose outcome depends on the model's admin options and on the object (there is none)."""

    def __str__(self) -> str:
        return "admin-answers"


@dataclass(frozen=True)
class From:
    """A URL argument taken from the test's objects: "case", "crime" or "commitment" (its pk)."""

    source: str


Outcome = int | Redirect | AdminAnswers

SIGN_IN = Redirect("accounts:sign-in")
ADMIN_SIGN_IN = Redirect("admin:login")
ADMIN_ANSWERS = AdminAnswers()

# How URL arguments are filled when a rule does not say. Admin object ids are "0": no such object.
DEFAULT_KWARGS: dict[str, From | str] = {
    "case_id": From("case"),
    "commitment_id": From("commitment"),
    "crime_id": From("crime"),
    "object_id": "0",
    "content_type_id": "0",
    "app_label": "auth",
    "url": "no-such-page/",
}


@dataclass(frozen=True)
class Rule:
    expected: dict[str, Outcome]
    method: str = "get"
    data: dict | None = None
    json: bool = False
    kwargs: dict[str, From | str] = field(default_factory=dict)

    def __post_init__(self):
        if "other_officer" in self.expected:
            defaults = dict.fromkeys(LATER_PERSONAS, self.expected["other_officer"])
            object.__setattr__(self, "expected", {**defaults, **self.expected})
        if "administrator" in self.expected:
            defaults = dict.fromkeys(DEFAULTS_TO_ADMINISTRATOR, self.expected["administrator"])
            object.__setattr__(self, "expected", {**defaults, **self.expected})
        if "anonymous" in self.expected:
            defaults = dict.fromkeys(PORTAL_PERSONAS, self.expected["anonymous"])
            object.__setattr__(self, "expected", {**defaults, **self.expected})
        object.__setattr__(self, "expected", {**dict.fromkeys(FIGURES_ONLY, 404), **self.expected})
        missing = set(PERSONAS) - set(self.expected)
        extra = set(self.expected) - set(PERSONAS)
        if missing or extra:
            raise ValueError(f"A rule needs exactly the personas {PERSONAS}: missing {missing}, unknown {extra}")


def everyone(outcome: Outcome, **overrides: Outcome) -> dict[str, Outcome]:
    """`outcome` for every staff persona; the portal personas get what anonymous gets unless named."""
    staff = {**dict.fromkeys(set(PERSONAS) - set(FIGURES_ONLY), outcome), **overrides}
    for persona in DEFAULTS_TO_ADMINISTRATOR:
        staff[persona] = overrides.get(persona, staff["administrator"])
    portal = {persona: staff["anonymous"] for persona in PORTAL_PERSONAS if persona not in overrides}
    return {**staff, **portal}


def admin_pages(outcome: Outcome, administrator: Outcome) -> dict[str, Outcome]:
    """The Django admin's own pages: the administrator (staff) gets `administrator`, everyone else `outcome`."""
    return everyone(outcome, administrator=administrator, **dict.fromkeys(DEFAULTS_TO_ADMINISTRATOR, outcome))


def signed_in(outcome: Outcome, *, anonymous: Outcome = SIGN_IN, **overrides: Outcome) -> dict[str, Outcome]:
    return everyone(outcome, anonymous=anonymous, **overrides)


# --- Staff screens ---------------------------------------------------------------------------------
# A case page: the case's unit (officers, supervisor) and the call handler who recorded it see it;
# anyone else gets 404, as if it did not exist; anonymous users are sent to sign in.
CASE_PAGE = {
    "anonymous": SIGN_IN,
    "officer": 200,
    "colleague": 200,
    "other_officer": 404,
    "supervisor": 200,
    "call_handler": 200,
    "administrator": 404,
    **dict.fromkeys(OUTSIDE_POLICE, 404),
    # The Witness Care Unit keeps the victim informed from charge, so it sees a charged case.
    "witness_care": 200,
}
# Changing a case: officers and supervisors of its unit. The call handler and witness care can see it, so 403.
CASE_CHANGE = {**CASE_PAGE, "call_handler": 403, "witness_care": 403}
# The access log: a supervisor of the case's unit only. 404 for everyone else, even those who can see
# the case: simpler than a 403 and no less true.
SUPERVISOR_ONLY = {**CASE_PAGE, "officer": 404, "colleague": 404, "call_handler": 404, "witness_care": 404}

# --- The API ---------------------------------------------------------------------------------------
# No credentials: 401 (TokenAuthentication is the first authentication class, so the API asks for a
# token rather than redirecting to a sign-in page).
API_LIST = signed_in(200, anonymous=401)
API_CASE = {**CASE_PAGE, "anonymous": 401}
API_CASE_CHANGE = {**API_CASE, "officer": 201, "colleague": 201, "supervisor": 201, "call_handler": 403,
                   "witness_care": 403}

START = {
    "caseworker": Redirect("support:referrals"), "other_caseworker": Redirect("support:referrals"),
    "witness_care": Redirect("court:witness-care"), "property_officer": Redirect("property:register"),
    "neighbourhood": Redirect("neighbourhood:feed"),
    "partner": Redirect("sharing:shared-cases"), "other_partner": Redirect("sharing:shared-cases"),
    "analyst": Redirect("monitoring:overview"), "information_rights": Redirect("dataprotection:start"),
}

RULES: dict[str, Rule] = {
    # Home and signing in send each user to their start page: partners, caseworkers and neighbourhood
    # teams to their own worklists (see victimcare/accounts/views.py START_PAGES).
    "home": Rule(everyone(Redirect("cases:list"), **START)),
    # Signing in and out
    "accounts:sign-in": Rule(signed_in(Redirect("cases:list"), anonymous=200, **START)),
    "accounts:sign-out": Rule(everyone(Redirect("accounts:sign-in"), analyst=Redirect("accounts:sign-in")),
                              method="post"),
    "set_language": Rule(everyone(Redirect("home"), analyst=Redirect("home")), method="post",
                         data={"language": "cy", "next": "/"}),
    # Staff screens
    "cases:list": Rule(signed_in(200)),
    "cases:detail": Rule(CASE_PAGE),
    # The case page's other sections: whoever may see the summary may see them.
    "cases:contact": Rule(CASE_PAGE),
    "cases:support": Rule(CASE_PAGE),
    "cases:court": Rule(CASE_PAGE),
    "cases:documents": Rule(CASE_PAGE),
    "cases:timeline": Rule(CASE_PAGE),
    "cases:record-decision": Rule(CASE_CHANGE),
    "cases:record-informed": Rule(CASE_CHANGE),
    "cases:access-log": Rule(SUPERVISOR_ONLY),
    # Closing a case: as any change to it.
    "cases:close": Rule(CASE_CHANGE),
    # Response (standard 2). The control room: call handlers, officers and supervisors (their own
    # units, or the call handler's force); administrators hold none of those roles.
    "response:control-room": Rule(signed_in(200, administrator=403, **NOT_POLICE)),
    # The response pages exist only while a report awaits attendance; the shared case was never
    # graded, so everyone gets 404 (tests/response/test_views.py covers a case awaiting attendance).
    # The Witness Care Unit sees the charged case but may not act on the response: 403.
    "response:dispatch": Rule(signed_in(404, witness_care=403)),
    "response:attendance": Rule(signed_in(404, witness_care=403)),
    "response:declined": Rule(signed_in(404, witness_care=403)),
    "response:regrade": Rule(signed_in(404, witness_care=403)),
    # API description: public, it holds no data.
    "api:schema": Rule(everyone(200)),
    "api:docs": Rule(everyone(200)),
    # API
    "api:crime-list": Rule(API_LIST),
    "api:crime-detail": Rule(API_CASE, kwargs={"pk": From("crime")}),
    "api:case-list": Rule(API_LIST),
    "api:case-detail": Rule(API_CASE, kwargs={"pk": From("case")}),
    "api:case-timeline": Rule(API_CASE, kwargs={"pk": From("case")}),
    "api:case-decisions": Rule(
        API_CASE_CHANGE, method="post", data={"decision": "charged", "note": ""}, json=True, kwargs={"pk": From("case")}
    ),
    "api:commitment-list": Rule(API_LIST),
    "api:commitment-detail": Rule(API_CASE, kwargs={"pk": From("commitment")}),
    # Any other path under /api/ ending in a slash: the API's JSON 404, to everyone.
    "api:not-found": Rule(everyone(404), kwargs={"rest": "no-such-thing/"}),
    # API tokens: administrators only (403 for anyone else signed in). Token 0 does not exist: 404 to them.
    "api-tokens:list": Rule(signed_in(403, administrator=200, information_rights=403)),
    "api-tokens:issue": Rule(signed_in(403, administrator=200, information_rights=403)),
    "api-tokens:revoke": Rule(signed_in(403, administrator=404, information_rights=403), kwargs={"token_id": "0"}),
    # Django admin: named pages with a fixed outcome; the rest are covered by `admin_rule`.
    "admin:index": Rule(admin_pages(ADMIN_SIGN_IN, administrator=200)),
    "admin:login": Rule(admin_pages(200, administrator=Redirect("admin:index"))),
    # GET does not sign out (Django's LogoutView is POST only); the admin sends non-staff to its index.
    "admin:logout": Rule(admin_pages(Redirect("admin:index"), administrator=405)),
    "admin:app_list": Rule(admin_pages(ADMIN_SIGN_IN, administrator=200)),
    "admin:password_change": Rule(admin_pages(ADMIN_SIGN_IN, administrator=200)),
    "admin:password_change_done": Rule(admin_pages(ADMIN_SIGN_IN, administrator=200)),
    "admin:jsi18n": Rule(admin_pages(ADMIN_SIGN_IN, administrator=200)),
}

# Admin pages per registered model, and the admin's unnamed patterns (the object shortcut and the
# catch-all): only staff get past the admin's sign-in page.
_ADMIN_MODEL_PAGE = re.compile(r"^admin:\w+_(changelist|add|change|delete|history)$")
_ADMIN_OTHER_PAGE = {"admin:autocomplete", "admin:view_on_site"}
_ADMIN_UNNAMED = re.compile(r"^admin/(\w+/\w+/<path:object_id>/|\(\?P<url>\.\*\)\$)$")


def admin_rule(identifier: str) -> Rule | None:
    if identifier.endswith("_changelist") and _ADMIN_MODEL_PAGE.match(identifier):
        return Rule(admin_pages(ADMIN_SIGN_IN, administrator=200))
    if _ADMIN_MODEL_PAGE.match(identifier) or identifier in _ADMIN_OTHER_PAGE or _ADMIN_UNNAMED.match(identifier):
        return Rule(admin_pages(ADMIN_SIGN_IN, administrator=ADMIN_ANSWERS))
    return None


def rule_for(identifier: str) -> Rule | None:
    """The rule for a URL: by its namespaced name, or (unnamed patterns) by its full route."""
    return RULES.get(identifier) or admin_rule(identifier)


# --- Worklists -------------------------------------------------------------------------------------
# My cases: any member of staff; it lists only the open cases they are officer in charge of (none for
# a call handler or an administrator). Team: supervisors only; 403 for other staff (it is a page about
# their own units, not a case, so there is nothing whose existence to hide). Reassigning a case: a
# supervisor of its unit; 404 for those who cannot see the case, 403 for those who can.
RULES.update({
    "worklists:my-cases": Rule(signed_in(200)),
    "worklists:team": Rule(signed_in(403, supervisor=200)),
    "worklists:reassign": Rule({**CASE_PAGE, "officer": 403, "colleague": 403, "call_handler": 403,
                                "witness_care": 403}),
})

# Contact agreements and updates (charter standard 4): changes to the case, for its unit.
RULES.update({
    "contact:agreement": Rule(CASE_CHANGE),
    "contact:record-update": Rule(CASE_CHANGE),
    "contact:record-failed-attempt": Rule(CASE_CHANGE),
})

# Recording a report (charter standard 3): call handlers, officers and supervisors (any unit); an
# administrator gets 403. A wizard page for a wizard not in the session sends them back to the start.
# The written acknowledgement follows the case; marking it given (POST) redirects back to it.
_RECORDERS = signed_in(200, administrator=403, **NOT_POLICE)
_NO_WIZARD = signed_in(Redirect("report:start"), administrator=403, **NOT_POLICE)
_WIZARD = {"wizard_id": "00000000-0000-4000-8000-000000000000"}
RULES.update({
    "report:start": Rule(_RECORDERS),
    **{f"report:{step}": Rule(_NO_WIZARD, kwargs=_WIZARD) for step in (
        "victim", "victim-details", "incident", "thrive", "needs", "vulnerability", "dash", "proposals", "check",
        "done")},
    "report:acknowledgement": Rule(CASE_PAGE),
    "report:acknowledgement-given": Rule({**CASE_PAGE, "officer": 302, "colleague": 302, "supervisor": 302,
                                          "witness_care": 403,
                                          "call_handler": 302}, method="post"),
})


# --- Rules kept beside each later domain area ------------------------------------------------------
# Each app's URLs are ruled in tests/access/rules_<app>.py (a RULES dict, built from the helpers above);
# imported last, as they use the names defined in this module.
from tests.access import (  # noqa: E402
    rules_accounts,
    rules_court,
    rules_dataprotection,
    rules_equality,
    rules_monitoring,
    rules_multiagency,
    rules_neighbourhood,
    rules_notifications,
    rules_operations,
    rules_portal,
    rules_property,
    rules_sharing,
    rules_support,
    rules_uploads,
)

for _app_rules in (rules_operations, rules_support, rules_neighbourhood, rules_sharing, rules_multiagency, rules_court,
                   rules_property,
                   rules_notifications, rules_portal, rules_equality, rules_monitoring, rules_dataprotection,
                   rules_uploads, rules_accounts):
    _clash = set(_app_rules.RULES) & set(RULES)
    if _clash:
        raise ValueError(f"URLs ruled twice: {sorted(_clash)}")
    RULES.update(_app_rules.RULES)
