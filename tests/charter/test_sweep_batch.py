"""Recording overdue commitments a batch at a time (record_overdue_batch, as the sweep does): the same rows as
recording them one by one, in a number of queries that does not grow with the batch."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import CrimeFactory, VictimFactory
from victimcare.cases import services as cases
from victimcare.cases.models import TimelineEvent
from victimcare.charter import services as charter
from victimcare.charter.calendar import LONDON
from victimcare.charter.models import Commitment, OverdueAlert
from victimcare.charter.rules import CommitmentDue, CommitmentKind
from victimcare.charter.tasks import sweep_overdue_commitments
from victimcare.monitoring.models import CommitmentFact
from victimcare.monitoring.rebuild import CELLS, rebuild_figures
from victimcare.notifications.models import Message
from victimcare.notifications.services import queue_message

pytestmark = pytest.mark.django_db
LONG_AGO = dt.datetime(2025, 7, 4, 16, 0, tzinfo=LONDON)
SWEPT_AT = dt.datetime(2025, 8, 1, 9, 0, tzinfo=LONDON)


def open_case(unit, officer, recorded_by):
    return cases.open_case(victim=VictimFactory(), crime=CrimeFactory(), unit=unit, officer=officer,
                           recorded_by=recorded_by)


def overdue(case, *, kind=CommitmentKind.VICTIM_UPDATE, owner_organisation=None,
            owner_person=charter.CASE_OFFICER, due_at=LONG_AGO) -> Commitment:
    return charter.open_commitment(case, CommitmentDue(kind, due_at), owner_organisation=owner_organisation,
                                   owner_person=owner_person, at=due_at - dt.timedelta(days=1))


def imported(case, *, due_at) -> Commitment:
    """Written outside the services (a bulk import): not yet counted in the figures, no fact of its own."""
    return Commitment.objects.create(case=case, kind=CommitmentKind.VICTIM_UPDATE.value,
                                     standard=CommitmentKind.VICTIM_UPDATE.standard, owner_organisation=case.unit,
                                     owner_person=case.officer, opened_at=due_at - dt.timedelta(days=1), due_at=due_at)


@pytest.fixture
def mixed(unit, other_unit, officer, colleague, supervisor, call_handler):
    """Commitments owed in every way the sweep meets: by an officer with an email address, by one without (the
    reminder is held back), by an organisation only, one whose reminder was queued already, one whose
    figures' fact is missing, and some with nothing to record (not yet due, closed, recorded already)."""
    officer.email = "olwen.price@example.org"
    officer.save(update_fields=["email"])
    mine, colleagues = open_case(unit, officer, call_handler), open_case(unit, colleague, call_handler)
    to_record = [
        overdue(mine),
        overdue(mine, kind=CommitmentKind.INFORM_DECISION, due_at=LONG_AGO + dt.timedelta(days=3)),
        overdue(colleagues),
        overdue(mine, owner_organisation=other_unit, owner_person=None),
    ]
    reminded = overdue(mine, due_at=LONG_AGO - dt.timedelta(days=2))
    queue_message("staff_reminder", case=mine, staff_user=officer, key=f"staff-reminder-{reminded.pk}",
                  context={"commitment": reminded, "label_en": "x", "label_cy": "x", "case_url": "/"})
    unfacted = imported(colleagues, due_at=LONG_AGO - dt.timedelta(days=1))
    not_due = overdue(mine, due_at=timezone.now() + dt.timedelta(days=30))
    met = overdue(mine)
    charter.meet_commitment(met, actor=officer, at=LONG_AGO + dt.timedelta(hours=1))
    recorded = overdue(colleagues)
    charter.record_overdue(recorded, at=LONG_AGO + dt.timedelta(hours=1))
    return [*to_record, reminded, unfacted], [not_due, met, recorded]


def recorded_rows() -> dict:
    """What recording wrote, without ids that depend on the order rows were written in."""
    overdue_events = TimelineEvent.objects.filter(kind=TimelineEvent.Kind.COMMITMENT_OVERDUE)
    event_commitment = {event.pk: event.data["commitment"] for event in overdue_events}
    return {
        "commitments": sorted(Commitment.objects.values_list("pk", "overdue_recorded_at")),
        "events": sorted((event.case_id, event.crime_id, event.occurred_at, event.actor_id, sorted(event.data.items()))
                         for event in overdue_events),
        "alerts": sorted(OverdueAlert.objects.values_list("commitment", "owner_organisation", "owner_person",
                                                          "created_at", "acknowledged_at")),
        "messages": sorted(
            (message.key, message.kind, message.case_id, message.victim_id, message.staff_user_id, message.channel,
             message.language, message.to, message.subject, message.body, message.status, message.held_reason,
             message.created_at, message.not_before, message.next_attempt_at,
             event_commitment.get(message.cause_id, message.cause_id))
            for message in Message.objects.all()),
        # when, by the wall clock, a reminder was held back is not part of what recording decides
        "held": sorted(TimelineEvent.objects.filter(kind=TimelineEvent.Kind.MESSAGE_HELD).values_list("case", "kind")),
        "figures": figures(),
    }


def figures() -> dict:
    cells = {model.__name__: sorted(tuple(sorted((k, str(v)) for k, v in row.items() if k != "id"))
                                    for row in model.objects.values()) for model in CELLS}
    facts = sorted(tuple(sorted((k, str(v)) for k, v in row.items())) for row in CommitmentFact.objects.values())
    return {"cells": cells, "facts": facts}


def rows_after(record) -> dict:
    """The rows `record` leaves, then rolled back so that another way of recording starts from the same place."""
    with transaction.atomic():
        record()
        rows = recorded_rows()
        transaction.set_rollback(True)
    return rows


def test_a_batch_writes_exactly_what_recording_one_by_one_writes(mixed):
    to_record, nothing_to_record = mixed
    everything = [*to_record, *nothing_to_record]

    one_by_one = rows_after(lambda: [charter.record_overdue(commitment, at=SWEPT_AT) for commitment in everything])
    batch = rows_after(lambda: charter.record_overdue_batch(everything, at=SWEPT_AT))

    assert batch == one_by_one
    assert len(batch["alerts"]) == len(to_record) + 1  # the one recorded before
    assert not CommitmentFact.objects.filter(pk=to_record[5].pk).exists()  # rolled back
    assert any(dict(fact)["commitment_id"] == str(to_record[5].pk) for fact in batch["figures"]["facts"])
    reminders = [message for message in batch["messages"] if message[0] != f"staff-reminder-{to_record[4].pk}"]
    # to officers with an address, and held back for the one without (twice here, once recorded before)
    assert sorted(message[10] for message in reminders) == ["held", "held", "held", "queued", "queued"]


def test_a_batch_returns_what_it_recorded_and_leaves_the_rest(mixed):
    to_record, nothing_to_record = mixed

    recorded = charter.record_overdue_batch([*to_record, *nothing_to_record], at=SWEPT_AT)

    assert sorted(commitment.pk for commitment in recorded) == sorted(commitment.pk for commitment in to_record)
    assert charter.record_overdue_batch([*to_record, *nothing_to_record], at=SWEPT_AT) == []


def test_after_a_batch_the_figures_equal_a_full_recount(mixed):
    to_record, nothing_to_record = mixed
    charter.record_overdue_batch([*to_record, *nothing_to_record], at=SWEPT_AT)
    counted = figures()

    rebuild_figures()

    assert figures() == counted


def test_the_queries_of_a_batch_do_not_grow_with_its_size(unit, officer, call_handler):
    officer.email = "olwen.price@example.org"
    officer.save(update_fields=["email"])
    case = open_case(unit, officer, call_handler)
    small = [overdue(case) for _ in range(2)]
    large = [overdue(case) for _ in range(20)]

    with CaptureQueriesContext(connection) as two:
        assert len(charter.record_overdue_batch(small, at=SWEPT_AT)) == 2
    with CaptureQueriesContext(connection) as twenty:
        assert len(charter.record_overdue_batch(large, at=SWEPT_AT)) == 20

    assert len(twenty) == len(two)
    assert Message.objects.filter(status=Message.Status.QUEUED).count() == 22


def test_a_commitment_that_cannot_be_recorded_is_skipped_and_the_rest_of_its_batch_recorded(mixed):
    to_record, _ = mixed
    broken = to_record[0]
    Commitment.objects.filter(pk=broken.pk).update(kind="no_longer_a_kind")  # its reminder cannot be written

    assert sweep_overdue_commitments.call(batch_size=1000) == len(to_record) - 1

    assert not OverdueAlert.objects.filter(commitment=broken).exists()
    assert set(OverdueAlert.objects.values_list("commitment", flat=True)) >= {c.pk for c in to_record[1:]}
    assert sweep_overdue_commitments.call() == 0


def test_a_second_sweep_records_nothing(mixed):
    to_record, _ = mixed

    assert sweep_overdue_commitments.call() == len(to_record)
    rows = recorded_rows()
    assert sweep_overdue_commitments.call() == 0
    assert recorded_rows() == rows


def test_a_reminder_written_in_a_batch_is_the_message_queue_message_writes(unit, officer, call_handler):
    officer.email = "olwen.price@example.org"
    officer.save(update_fields=["email"])
    [recorded] = charter.record_overdue_batch([overdue(open_case(unit, officer, call_handler))], at=SWEPT_AT)
    in_batch = Message.objects.get(key=f"staff-reminder-{recorded.pk}")
    fields = [field.name for field in Message._meta.concrete_fields if field.name != "id"]
    written_in_batch = {name: getattr(in_batch, name) for name in fields}
    in_batch.delete()

    queued = queue_message("staff_reminder", case=recorded.case, staff_user=officer, cause=in_batch.cause,
                           at=SWEPT_AT, key=f"staff-reminder-{recorded.pk}",
                           context=charter._reminder_context(recorded))

    assert {name: getattr(queued, name) for name in fields} == written_in_batch
    assert queued.status == Message.Status.QUEUED
    assert "Overdue: " in queued.subject and recorded.case.crime.reference in queued.body
