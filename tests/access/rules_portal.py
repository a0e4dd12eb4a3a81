"""Access rules for the portal URLs (see tests/access/rules.py for the personas and helpers).

Portal pages are about the case the victim signed in to, so their URLs name no case: "victim" and
"other_victim" each get their own case's page (200); anyone not signed in to the portal, staff included,
is sent to the portal's sign-in page. The one portal URL naming something (a consent) answers 404 to
another victim. Signing in: open to everyone; a signed-in victim goes straight to their case.
The staff actions (reply to a message, acknowledge a complaint) are for the case's officers and
supervisor, like any change to the case."""

from tests.access.rules import CASE_CHANGE, From, Redirect, Rule, everyone

PORTAL_SIGN_IN = Redirect("portal:start")
HOME = Redirect("portal:home")
# Signed-in victims see their own case's page; everyone else is sent to sign in to the portal.
PAGE = everyone(PORTAL_SIGN_IN, victim=200, other_victim=200)
STAFF_CHANGE = {**CASE_CHANGE, "officer": 302, "colleague": 302, "supervisor": 302}
CONSENT = {"consent_id": From("consent")}

RULES: dict[str, Rule] = {
    "portal:start": Rule(everyone(200, victim=HOME, other_victim=HOME)),
    # No code asked for in this session: back to the first step.
    "portal:code": Rule(everyone(PORTAL_SIGN_IN)),
    "portal:sign-out": Rule(everyone(PORTAL_SIGN_IN), method="post"),
    # The language switch (Django's set_language): back where it was sent from.
    "portal:language": Rule(everyone(PORTAL_SIGN_IN), method="post", data={"language": "cy", "next": "/portal/"}),
    "portal:home": Rule(PAGE),
    "portal:updates": Rule(PAGE),
    "portal:message": Rule(PAGE),
    "portal:complaint": Rule(PAGE),
    "portal:consents": Rule(PAGE),
    "portal:support": Rule(PAGE),
    "portal:survey": Rule(PAGE),
    "portal:about-you": Rule(PAGE),
    "portal:consent-change": Rule(everyone(PORTAL_SIGN_IN, victim=Redirect("portal:consents"), other_victim=404),
                                  method="post", data={"decision": "withdrawn"}, kwargs=CONSENT),
    "portal:staff-reply": Rule(STAFF_CHANGE, method="post", data={"text": "We have arrested someone."},
                               kwargs={"event_id": From("victim_message")}),
    "portal:staff-acknowledge": Rule(STAFF_CHANGE, method="post", kwargs={"event_id": From("complaint")}),
}
