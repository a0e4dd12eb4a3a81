import pytest

from victimcare.cases.services import grade_response


@pytest.fixture
def graded(case, call_handler):
    """The shared case, graded 2 by the call handler: awaiting attendance."""
    grade_response(case, 2, actor=call_handler, rationale="Caller frightened, suspect nearby")
    return case
