"""Charter standard 4: the contact agreement, the updates it promises, and failed attempts."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest

from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import CaseStateError, close_case
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.charter.services import deadlines, open_commitment
from victimcare.contact import services
from victimcare.contact.choices import KEY_EVENTS_ONLY_REASON
from victimcare.contact.models import ContactAgreement, VictimUpdate
from victimcare.contact.services import Terms

LONDON = ZoneInfo("Europe/London")
Kind = TimelineEvent.Kind
UPDATE = rules.CommitmentKind.VICTIM_UPDATE


def london(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def updates(case):
    return case.commitments.filter(kind=UPDATE)


def open_agreement_commitment(case, reported_at):
    return open_commitment(case, rules.contact_agreement_commitment(reported_at, deadlines()), at=reported_at)


@pytest.mark.parametrize(("agreed", "status"), [
    (london(2026, 11, 4, 16, 0), Commitment.Status.MET),  # reported Monday: due end of Wednesday
    (london(2026, 11, 5, 9, 0), Commitment.Status.MET_LATE),
], ids=["on-time", "late"])
def test_the_agreement_meets_its_commitment(case, officer, agreed, status):
    commitment = open_agreement_commitment(case, london(2026, 11, 2, 10, 0))
    assert commitment.due_at == london(2026, 11, 4, 23, 59, 59)

    agreement = services.agree_contact(case, Terms(channel="phone", every_days=14), actor=officer, at=agreed)

    commitment.refresh_from_db()
    assert commitment.status == status
    assert agreement.version == 1
    event = case.timeline.get(kind=Kind.CONTACT_AGREED)
    assert event.data == {"channel": "phone", "every_days": 14, "version": 1}
    assert event.actor == officer
    assert case.access_log.filter(action=CaseAccessLog.Action.CHANGED, what="agreed how to update the victim").exists()


def test_an_agreement_with_no_commitment_to_meet_is_simply_recorded(case, officer):
    services.agree_contact(case, Terms(channel="email"), actor=officer)
    assert ContactAgreement.objects.current().get(case=case).channel == "email"
    assert not updates(case).exists()  # only on key events: no update commitment


@pytest.mark.parametrize(("agreed", "every_days", "due"), [
    # Clocks go back on Sunday 25 October 2026: due at the end of 27 October London time (GMT).
    (london(2026, 10, 20, 11, 0), 7, dt.datetime(2026, 10, 27, 23, 59, 59, tzinfo=dt.UTC)),
    # Half past midnight on the 21st in London is still the 20th in UTC: the London date counts.
    (london(2026, 10, 21, 0, 30), 7, dt.datetime(2026, 10, 28, 23, 59, 59, tzinfo=dt.UTC)),
    (london(2026, 10, 14, 9, 0), 14, dt.datetime(2026, 10, 28, 23, 59, 59, tzinfo=dt.UTC)),
    # Clocks go forward on Sunday 29 March 2026: the end of 5 April is 22:59:59 UTC.
    (london(2026, 3, 22, 0, 30), 14, dt.datetime(2026, 4, 5, 22, 59, 59, tzinfo=dt.UTC)),
    # Calendar days: Christmas, Boxing Day and New Year's Day are not skipped.
    (london(2026, 12, 18, 15, 0), 7, london(2026, 12, 25, 23, 59, 59)),
    (london(2026, 12, 24, 10, 0), 14, london(2027, 1, 7, 23, 59, 59)),
    (london(2026, 12, 4, 17, 0), 28, london(2027, 1, 1, 23, 59, 59)),
    # A Saturday is a day like any other for "every 7 days".
    (london(2026, 11, 21, 12, 0), 7, london(2026, 11, 28, 23, 59, 59)),
], ids=["bst-end-7", "bst-after-midnight-7", "bst-end-14", "bst-start-14", "christmas-7", "new-year-14",
        "new-year-28", "weekend-7"])
def test_the_first_update_is_due_every_so_many_days(case, officer, agreed, every_days, due):
    services.agree_contact(case, Terms(channel="phone", every_days=every_days), actor=officer, at=agreed)
    commitment = updates(case).get()
    assert commitment.status == Commitment.Status.OPEN
    assert commitment.due_at == due
    assert commitment.detail["every_days"] == every_days


def test_the_agreement_deadline_counts_working_days_over_christmas(case, officer):
    # Reported Wednesday 23 December 2026: 2 working days skip Christmas (Fri), the weekend and
    # Boxing Day's substitute (Mon 28th): due the end of Tuesday 29 December.
    commitment = open_agreement_commitment(case, london(2026, 12, 23, 14, 0))
    assert commitment.due_at == london(2026, 12, 29, 23, 59, 59)
    services.agree_contact(case, Terms(channel="visit", every_days=7), actor=officer, at=london(2026, 12, 29, 20, 0))
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.MET


def test_an_update_meets_the_commitment_and_opens_the_next(case, officer):
    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer, at=london(2026, 11, 2, 10, 0))
    first = updates(case).get()

    update = services.record_update(case, channel="phone", language="cy", summary="Suspect identified",
                                    actor=officer, at=london(2026, 11, 6, 15, 0))

    first.refresh_from_db()
    assert first.status == Commitment.Status.MET
    following = updates(case).get(status=Commitment.Status.OPEN)
    assert following.due_at == london(2026, 11, 13, 23, 59, 59)
    assert following.opened_by_event == update.event
    assert update.succeeded and not update.outside_agreement
    assert update.event.data == {"channel": "phone", "language": "cy", "summary": "Suspect identified"}


def test_a_late_update_is_met_late(case, officer):
    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer, at=london(2026, 11, 2, 10, 0))
    services.record_update(case, channel="phone", language="en", summary="No news", actor=officer,
                           at=london(2026, 11, 10, 9, 0))
    assert updates(case).get(status__in=["met", "met_late"]).status == Commitment.Status.MET_LATE
    assert updates(case).get(status="open").due_at == london(2026, 11, 17, 23, 59, 59)


def test_an_update_by_another_channel_is_allowed_and_noted(case, officer):
    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer)
    update = services.record_update(case, channel="letter", language="en", summary="Letter sent", actor=officer)
    assert update.outside_agreement
    assert updates(case).filter(status=Commitment.Status.MET).count() == 1


def test_a_failed_attempt_meets_nothing(case, officer):
    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer)
    commitment = updates(case).get()

    attempt = services.record_failed_attempt(case, channel="phone", reason="no_answer", note="Rang twice",
                                             actor=officer)

    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN
    assert updates(case).count() == 1
    assert not attempt.succeeded and attempt.failure_reason == "no_answer"
    event = case.timeline.get(kind=Kind.UPDATE_ATTEMPT_FAILED)
    assert event.data == {"channel": "phone", "reason": "no_answer", "note": "Rang twice"}


def test_changing_the_frequency_replans_the_open_update(case, officer):
    services.agree_contact(case, Terms(channel="phone", every_days=28), actor=officer, at=london(2026, 10, 1, 10, 0))
    commitment = updates(case).get()
    assert commitment.due_at == london(2026, 10, 29, 23, 59, 59)

    agreement = services.change_agreement(case, Terms(channel="phone", every_days=7), actor=officer,
                                          at=london(2026, 10, 5, 10, 0))

    assert agreement.version == 2
    assert ContactAgreement.objects.filter(case=case).count() == 2
    assert ContactAgreement.objects.current().get(case=case) == agreement
    assert ContactAgreement.objects.get(case=case, version=1).superseded_at == london(2026, 10, 5, 10, 0)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN
    assert commitment.due_at == london(2026, 10, 8, 23, 59, 59)  # 7 days from the agreement
    assert updates(case).count() == 1  # re-planned, not a second commitment
    replanned = case.timeline.get(kind=Kind.COMMITMENT_REPLANNED)
    assert replanned.data["commitment_kind"] == UPDATE
    assert replanned.data["due_at"] == london(2026, 10, 8, 23, 59, 59).isoformat()
    assert replanned.data["previous_due_at"] == london(2026, 10, 29, 23, 59, 59).isoformat()
    assert case.timeline.filter(kind=Kind.CONTACT_AGREED).last().data["version"] == 2


def test_changing_the_frequency_counts_from_the_last_update(case, officer):
    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer, at=london(2026, 10, 1, 10, 0))
    services.record_update(case, channel="phone", language="en", summary="x", actor=officer,
                           at=london(2026, 10, 6, 10, 0))
    services.change_agreement(case, Terms(channel="phone", every_days=28), actor=officer,
                              at=london(2026, 10, 9, 10, 0))
    assert updates(case).get(status="open").due_at == london(2026, 11, 3, 23, 59, 59)  # across the BST end


def test_changing_other_terms_leaves_the_due_time_alone(case, officer):
    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer)
    services.change_agreement(case, Terms(channel="email", every_days=7, times_not_to_contact="Weekends"),
                              actor=officer)
    assert not case.timeline.filter(kind=Kind.COMMITMENT_REPLANNED).exists()
    assert updates(case).count() == 1


def test_switching_to_key_events_only_waives_the_open_update(case, officer):
    services.agree_contact(case, Terms(channel="phone", every_days=14), actor=officer)
    services.change_agreement(case, Terms(channel="phone", every_days=None), actor=officer)
    commitment = updates(case).get()
    assert commitment.status == Commitment.Status.WAIVED
    assert commitment.waive_reason == KEY_EVENTS_ONLY_REASON
    # An update now opens nothing new.
    services.record_update(case, channel="phone", language="en", summary="Charged", actor=officer)
    assert updates(case).count() == 1


def test_switching_from_key_events_only_to_a_frequency_opens_an_update(case, officer):
    services.agree_contact(case, Terms(channel="phone"), actor=officer, at=london(2026, 11, 2, 10, 0))
    services.change_agreement(case, Terms(channel="phone", every_days=14), actor=officer,
                              at=london(2026, 11, 3, 10, 0))
    assert updates(case).get().due_at == london(2026, 11, 17, 23, 59, 59)


def test_agree_twice_or_change_before_agreeing_is_refused(case, officer):
    with pytest.raises(services.ContactStateError):
        services.change_agreement(case, Terms(channel="phone"), actor=officer)
    services.agree_contact(case, Terms(channel="phone"), actor=officer)
    with pytest.raises(services.ContactStateError):
        services.agree_contact(case, Terms(channel="email"), actor=officer)
    assert ContactAgreement.objects.filter(case=case).count() == 1


def test_nothing_is_recorded_on_a_closed_case(case, officer):
    close_case(case, actor=officer)
    with pytest.raises(CaseStateError):
        services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer)
    with pytest.raises(CaseStateError):
        services.record_update(case, channel="phone", language="en", summary="x", actor=officer)
    assert not ContactAgreement.objects.exists() and not VictimUpdate.objects.exists()


def test_terms_refuse_nonsense():
    with pytest.raises(ValueError, match="every_days"):
        Terms(channel="phone", every_days=0)
    with pytest.raises(ValueError, match="channel"):
        Terms(channel="pigeon")


# --- Idempotency: no commitment is ever created twice for the same event -----------------------------

def test_the_agreement_sent_twice_is_recorded_once(case, officer):
    open_agreement_commitment(case, london(2026, 11, 2, 10, 0))
    key = str(uuid.uuid4())
    first = services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer, idempotency_key=key)
    again = services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer, idempotency_key=key)
    assert again.pk == first.pk
    assert ContactAgreement.objects.filter(case=case).count() == 1
    assert updates(case).count() == 1
    assert case.timeline.filter(kind=Kind.CONTACT_AGREED).count() == 1


def test_a_change_sent_twice_is_one_version(case, officer):
    services.agree_contact(case, Terms(channel="phone", every_days=28), actor=officer)
    key = str(uuid.uuid4())
    first = services.change_agreement(case, Terms(channel="phone", every_days=7), actor=officer, idempotency_key=key)
    again = services.change_agreement(case, Terms(channel="phone", every_days=7), actor=officer, idempotency_key=key)
    assert again.pk == first.pk
    assert ContactAgreement.objects.filter(case=case).count() == 2
    assert case.timeline.filter(kind=Kind.COMMITMENT_REPLANNED).count() == 1


def test_an_update_sent_twice_opens_one_next_commitment(case, officer):
    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer)
    key = str(uuid.uuid4())
    first = services.record_update(case, channel="phone", language="en", summary="x", actor=officer,
                                   idempotency_key=key)
    again = services.record_update(case, channel="phone", language="en", summary="x", actor=officer,
                                   idempotency_key=key)
    assert again.pk == first.pk
    assert updates(case).count() == 2
    assert VictimUpdate.objects.count() == 1


def test_a_failed_attempt_sent_twice_is_recorded_once(case, officer):
    key = str(uuid.uuid4())
    for _ in range(2):
        services.record_failed_attempt(case, channel="phone", reason="wrong_number", actor=officer,
                                       idempotency_key=key)
    assert VictimUpdate.objects.count() == 1
    assert case.timeline.filter(kind=Kind.UPDATE_ATTEMPT_FAILED).count() == 1
