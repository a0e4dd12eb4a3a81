"""API tokens for tests: a system account holding a role, and a client that sends its token."""

from rest_framework.test import APIClient

from tests.factories import MembershipFactory, UserFactory
from victimcare.api.models import Scope
from victimcare.api.tokens import issue_token

ALL_SCOPES = tuple(Scope.values)


def system_account(organisation, role, username: str = "test-system"):
    user = UserFactory(username=username, is_system_account=True)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def system_like(person, username: str = "test-system"):
    """A system account holding every role `person` holds: it sees what they see."""
    user = UserFactory(username=username, is_system_account=True)
    for membership in person.memberships.all():
        MembershipFactory(user=user, organisation=membership.organisation, role=membership.role)
    return user


def token_for(user, scopes=ALL_SCOPES, **fields) -> str:
    return issue_token(system=fields.pop("system", "Test system"), user=user, scopes=scopes, **fields)[1]


def token_client(user, scopes=ALL_SCOPES, **client_kwargs) -> APIClient:
    return APIClient(headers={"authorization": f"Token {token_for(user, scopes)}"}, **client_kwargs)
