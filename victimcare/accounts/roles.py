"""Which organisations a user holds each role in, loaded once per user object."""

from collections import defaultdict

from victimcare.organisations.models import Membership

Role = Membership.Role

# Police staff who work cases and the control room. Victims' services, neighbourhood teams, partners,
# witness care and property officers each have their own screens.
POLICE_ROLES = frozenset({Role.CALL_HANDLER, Role.OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR})
# Roles that see figures and nothing else: a user holding only these gets 404 everywhere but the monitoring
# pages (victimcare/accounts/middleware.py, and the API's permission for token sign-ins).
FIGURES_ONLY_ROLES = frozenset({Role.ANALYST})
# The force's information rights officer: the data protection pages (victimcare/dataprotection) for the victims
# of the units within the organisations they hold it in.
DATA_PROTECTION_ROLES = frozenset({Role.INFORMATION_RIGHTS})


def roles_by_organisation(user) -> dict[str, frozenset[int]]:
    """{role: organisation ids}. Cached on the user object, so one query per request."""
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_roles_by_organisation", None)
    if cached is None:
        grouped: dict[str, set[int]] = defaultdict(set)
        for role, organisation_id in Membership.objects.filter(user=user).values_list("role", "organisation_id"):
            grouped[role].add(organisation_id)
        cached = {role: frozenset(ids) for role, ids in grouped.items()}
        user._roles_by_organisation = cached
    return cached


def has_role(user, *roles: str) -> bool:
    held = roles_by_organisation(user)
    return any(held.get(role) for role in roles)


def organisations_with_role(user, *roles: str) -> frozenset[int]:
    held = roles_by_organisation(user)
    ids: set[int] = set()
    for role in roles:
        ids |= held.get(role, frozenset())
    return frozenset(ids)


def sees_figures_only(user) -> bool:
    """True for a user whose every role is a figures-only role (the Commissioner's analyst)."""
    held = roles_by_organisation(user)
    return bool(held) and held.keys() <= FIGURES_ONLY_ROLES
