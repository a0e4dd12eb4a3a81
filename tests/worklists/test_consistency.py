"""Every count and list in the worklists agrees with what the case page shows for each case."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.worklists.conftest import make_case, owe
from victimcare.cases.services import close_case, grade_response, record_attendance, record_key_decision
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind, KeyDecision
from victimcare.charter.services import meet_commitment, waive_commitment

HORIZON_DAYS = 28


def case_page(client, case) -> dict:
    """What the case page says: open commitments and which of them are overdue."""
    rows = client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).context["commitment_rows"]
    open_rows = [row for row in rows if row.commitment.status == Commitment.Status.OPEN]
    return {
        "open": {row.commitment.pk for row in open_rows},
        "overdue": {row.commitment.pk for row in open_rows if row.overdue_by},
        "soon": {row.commitment.pk for row in open_rows
                 if row.commitment.due_at < timezone.now() + dt.timedelta(days=HORIZON_DAYS)},
    }


@pytest.fixture
def cases(unit, officer, colleague, call_handler, supervisor):
    now = timezone.now()
    made = []
    for n, officer_in_charge in enumerate([officer, officer, colleague, officer, None, colleague]):
        case = make_case(unit, officer_in_charge, call_handler)
        for hours in range(-n, n * 30, 17):
            owe(case, hours=hours - 0.5, kind=list(CommitmentKind)[n % len(CommitmentKind)])
        made.append(case)
    first, second, third, *_ = made
    grade_response(first, 1, actor=call_handler, rationale="Weapon seen", at=now - dt.timedelta(hours=3))
    record_key_decision(second, KeyDecision.CHARGED, actor=officer, at=now - dt.timedelta(days=12))
    informed = record_key_decision(second, KeyDecision.BAILED, actor=officer, at=now - dt.timedelta(days=9))
    meet_commitment(informed, actor=officer)
    grade_response(third, 3, actor=call_handler, rationale="No risk", at=now - dt.timedelta(hours=50))
    record_attendance(third, actor=colleague)
    waive_commitment(owe(third, hours=-4), actor=supervisor, reason="Victim asked for no contact")
    closed = make_case(unit, officer, call_handler)
    owe(closed, hours=-2)
    close_case(closed, actor=officer)
    return made


def test_my_cases_counts_equal_the_case_pages(client, personas, cases):
    for persona in ("officer", "colleague"):
        user = personas[persona]
        client.force_login(user)
        rows = client.get(reverse("worklists:my-cases")).context["rows"]
        assert {row.case.pk for row in rows} == {case.pk for case in cases if case.officer_id == user.pk}
        for row in rows:
            shown = case_page(client, row.case)
            assert row.case.open_count == len(shown["open"]), row.case
            assert row.case.overdue_count == len(shown["overdue"]), row.case
            assert bool(row.late_by) == bool(shown["overdue"])


def test_the_team_view_lists_what_the_case_pages_show(client, supervisor, officer, colleague, cases):
    client.force_login(supervisor)
    response = client.get(f"{reverse('worklists:team')}?days={HORIZON_DAYS}")
    rows = response.context["rows"]
    pages = {case.pk: case_page(client, case) for case in cases}

    listed = {row.commitment.pk for row in rows}
    assert len(listed) > 10 and any(row.late_by for row in rows), "the scene has too little to compare"
    assert listed == set().union(*(page["soon"] for page in pages.values()))
    assert {row.commitment.pk for row in rows if row.late_by} == set().union(*(p["overdue"] for p in pages.values()))

    counts = {c.officer_id: (c.overdue, c.due_soon) for c in response.context["per_officer"]}
    for officer_id in {case.officer_id for case in cases}:
        mine = [pages[case.pk] for case in cases if case.officer_id == officer_id]
        overdue = sum(len(page["overdue"]) for page in mine)
        soon = sum(len(page["soon"] - page["overdue"]) for page in mine)
        assert counts.get(officer_id, (0, 0)) == (overdue, soon), officer_id
