"""Access rules for the health checks and metrics (victimcare/operations; see tests/access/rules.py).

The health checks answer everyone alike, signed in or not, the analyst included: a load balancer has no session, and
they show nothing about anyone. /metrics is for Prometheus only, by a bearer token or an address allow-list; with
neither configured (as in the tests) it does not exist for anyone, whoever is signed in (tests/operations covers the
configured cases)."""

from tests.access.rules import Rule, everyone

RULES: dict[str, Rule] = {
    "operations:health-live": Rule(everyone(200, analyst=200)),
    "operations:health-ready": Rule(everyone(200, analyst=200)),
    "operations:metrics": Rule(everyone(404, analyst=404)),
}
