"""Access rules for staff accounts: the second step of signing in, Your account, and an administrator's reset of
another user's two-factor authentication (see tests/access/rules.py for the personas and helpers).

The matrix signs staff personas in with force_login, which (tests/conftest.py) gives a session that has passed
the two-factor step: so the two-factor pages send them on (to their start page, or Your account), and the
pages behind them are tested unverified in tests/accounts/test_two_factor.py. The analyst may use their own
account pages (victimcare/accounts/middleware.py FIGURES_ONLY_VIEWS) but not the administrator's."""

from tests.access.rules import PERSONAS, PORTAL_PERSONAS, SIGN_IN, START, Redirect, Rule, everyone, signed_in

ACCOUNT = Redirect("accounts:account")
_OWN = {"analyst": 200}
# Administrators only: 403 for other staff (a page about the system, not an object to hide), 404 for the analyst.
ADMINISTRATORS_ONLY = {**dict.fromkeys(PERSONAS, 403), **dict.fromkeys(PORTAL_PERSONAS, SIGN_IN), "anonymous": SIGN_IN,
                       "analyst": 404, "administrator": 200}

RULES: dict[str, Rule] = {
    "accounts:two-factor": Rule(signed_in(Redirect("cases:list"), **START)),
    "accounts:two-factor-set-up": Rule(signed_in(ACCOUNT, analyst=ACCOUNT)),
    "accounts:account": Rule(signed_in(200, **_OWN)),
    # New codes are shown once: with none waiting in the session, the page sends you to Your account.
    "accounts:recovery-codes": Rule(signed_in(ACCOUNT, analyst=ACCOUNT)),
    "accounts:new-recovery-codes": Rule(signed_in(Redirect("accounts:recovery-codes"),
                                                  analyst=Redirect("accounts:recovery-codes")), method="post"),
    "accounts:sign-out-everywhere": Rule(everyone(Redirect("accounts:sign-in"), analyst=Redirect("accounts:sign-in"),
                                                  anonymous=Redirect("accounts:sign-in")), method="post"),
    "accounts:users": Rule(ADMINISTRATORS_ONLY),
    "accounts:reset-two-factor": Rule(ADMINISTRATORS_ONLY, kwargs={"username": "officer"}),
}
