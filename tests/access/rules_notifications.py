"""Access rules for the notifications URLs (see tests/access/rules.py for the personas and helpers)."""

from tests.access.rules import Rule

RULES: dict[str, Rule] = {}
