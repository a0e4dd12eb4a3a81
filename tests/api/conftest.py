import pytest
from rest_framework.test import APIClient

from tests.factories import CrimeFactory, VictimFactory
from victimcare.cases.services import open_case


@pytest.fixture
def api():
    """An API client; `api.as_user(user)` signs it in (session), `api.as_user(None)` signs it out."""

    class Client(APIClient):
        def as_user(self, user):
            self.logout()
            if user is not None:
                self.force_login(user)
            return self

    return Client()


@pytest.fixture
def make_case(unit, call_handler):
    """Open another case; by default in the officer's unit, recorded by the call handler."""

    def make(*, unit=unit, recorded_by=call_handler, crime=None, **fields):
        return open_case(
            victim=VictimFactory(), crime=crime or CrimeFactory(), unit=unit, recorded_by=recorded_by, **fields
        )

    return make
