"""Access rules for the portal URLs (see tests/access/rules.py for the personas and helpers)."""

from tests.access.rules import Rule

RULES: dict[str, Rule] = {}
