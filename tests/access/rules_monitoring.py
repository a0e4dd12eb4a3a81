"""Access rules for the monitoring URLs (see tests/access/rules.py for the personas and helpers).

The Commissioner's figures are for the Commissioner's analysts only: 404 for every other member of staff (no
supervisor's view of their own units), as for any page that is not theirs; anyone not signed in is sent to
sign in. The quarterly report's PDF comes in the page's language when the link does not name one."""

from tests.access.rules import Rule, signed_in

FIGURES = signed_in(404, analyst=200)

RULES: dict[str, Rule] = {
    "monitoring:overview": Rule(FIGURES),
    "monitoring:compliance": Rule(FIGURES),
    "monitoring:fairness": Rule(FIGURES),
    "monitoring:satisfaction": Rule(FIGURES),
    "monitoring:quarterly-return": Rule(FIGURES),
    "monitoring:quarterly-report": Rule(FIGURES),
}
