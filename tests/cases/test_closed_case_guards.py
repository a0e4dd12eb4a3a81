import pytest

from victimcare.cases.services import CaseStateError, close_case, record_attendance
from victimcare.support.services import record_needs_assessment


@pytest.mark.parametrize(
    "change",
    [
        lambda case, actor: record_attendance(case, actor=actor),
        lambda case, actor: record_needs_assessment(case, ["emotional"], actor=actor),
    ],
    ids=["attendance", "needs-assessment"],
)
def test_a_closed_case_takes_no_new_entries(case, officer, change):
    close_case(case, actor=officer)
    entries_before = case.timeline.count()

    with pytest.raises(CaseStateError):
        change(case, officer)

    assert case.timeline.count() == entries_before
