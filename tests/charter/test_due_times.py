"""When each kind of commitment falls due, by the plain rules (no database): across weekends, England and
Wales bank holidays and both British Summer Time changes of 2026 (Sunday 29 March, clocks forward at
01:00 UTC; Sunday 25 October, clocks back at 01:00 UTC).

Working-day deadlines end at 23:59:59 London time of the last working day, counted from the London date
of the event. Response targets are minutes of absolute time (timedelta on an aware datetime), so a
48-hour target spanning a clock change still lasts exactly 48 hours. Updates fall due at the end of the
London day N calendar days after the agreement or the last update.

2026 bank holidays used: Good Friday 3 April, Easter Monday 6 April, summer bank holiday Monday 31 August,
Christmas Day Friday 25 December, Boxing Day (substitute) Monday 28 December; New Year's Day Friday
1 January 2027.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from victimcare.charter.calendar import LONDON
from victimcare.charter.rules import (
    DEFAULT_DEADLINES,
    CommitmentKind,
    CourtNews,
    KeyDecision,
    acknowledgement_commitment,
    complaint_acknowledgement_commitment,
    contact_agreement_commitment,
    court_news_commitment,
    inform_decision_commitment,
    multi_agency_action_commitment,
    needs_assessment_commitment,
    neighbourhood_acknowledgement_commitment,
    property_return_commitment,
    qualifies_for_victim_contact_scheme,
    referral_commitment,
    referral_response_commitment,
    response_commitment,
    services_information_commitment,
    support_contact_commitment,
    update_commitment,
    vcs_first_contact_commitment,
    vcs_referral_commitment,
    victim_message_reply_commitment,
    vps_offer_commitment,
    witness_needs_assessment_commitment,
)

BST = timedelta(hours=1)
GMT = timedelta(0)


def london(year, month, day, hour=0, minute=0, second=0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=LONDON)


def utc(year, month, day, hour=0, minute=0, second=0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


def end_of(year, month, day) -> datetime:
    return london(year, month, day, 23, 59, 59)


# The events the brief names, each in London time.
FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY = london(2026, 8, 28, 15, 0)
CHRISTMAS_EVE = london(2026, 12, 24, 15, 0)
# 23:30 UTC on Thursday 2 July 2026 is 00:30 BST on Friday 3 July: already the next London day.
SUMMER_LATE_EVENING = utc(2026, 7, 2, 23, 30)
# 23:30 UTC on Thursday 3 December 2026 is 23:30 GMT: still Thursday in London.
WINTER_LATE_EVENING = utc(2026, 12, 3, 23, 30)


def assert_same_instant_and_offset(due: datetime, expected: datetime, offset: timedelta) -> None:
    assert due == expected, f"{due.astimezone(LONDON)} != {expected}"
    assert due.astimezone(LONDON).utcoffset() == offset


def test_the_late_evening_events_are_where_the_tests_think():
    assert SUMMER_LATE_EVENING.astimezone(LONDON).date().isoformat() == "2026-07-03"
    assert WINTER_LATE_EVENING.astimezone(LONDON).date().isoformat() == "2026-12-03"


# --- Response (standard 2): minutes of absolute time ------------------------------------------------


@pytest.mark.parametrize("grade, graded, rural, due_utc, wall_clock", [
    # 48 hours from Friday noon GMT across the spring change: 48 real hours, 13:00 on the London clock.
    (3, london(2026, 3, 27, 12, 0), False, utc(2026, 3, 29, 12, 0), "2026-03-29 13:00 +0100"),
    # 48 hours from Friday noon BST across the autumn change: 11:00 on the London clock.
    (3, london(2026, 10, 23, 12, 0), False, utc(2026, 10, 25, 11, 0), "2026-10-25 11:00 +0000"),
    # 15 minutes from 00:50 GMT as the clocks go forward: 02:05 BST (01:05 never happens in London).
    (1, utc(2026, 3, 29, 0, 50), False, utc(2026, 3, 29, 1, 5), "2026-03-29 02:05 +0100"),
    # 60 minutes from 01:30 BST as the clocks go back: 01:30 again, now GMT.
    (2, utc(2026, 10, 25, 0, 30), False, utc(2026, 10, 25, 1, 30), "2026-10-25 01:30 +0000"),
    # 20 minutes for a rural grade 1, across the autumn change.
    (1, utc(2026, 10, 25, 0, 50), True, utc(2026, 10, 25, 1, 10), "2026-10-25 01:10 +0000"),
    # Weekends and bank holidays do not stop the clock: 24 hours from the Friday before the bank holiday.
    (4, FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY, False, utc(2026, 8, 29, 14, 0), "2026-08-29 15:00 +0100"),
    (3, FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY, False, utc(2026, 8, 30, 14, 0), "2026-08-30 15:00 +0100"),
    (3, CHRISTMAS_EVE, False, utc(2026, 12, 26, 15, 0), "2026-12-26 15:00 +0000"),
    (2, SUMMER_LATE_EVENING, False, utc(2026, 7, 3, 0, 30), "2026-07-03 01:30 +0100"),
])
@pytest.mark.parametrize("zone", [UTC, LONDON], ids=["given-in-utc", "given-in-london-time"])
def test_response_targets_are_absolute_time(grade, graded, rural, due_utc, wall_clock, zone):
    """The same instant given in UTC (as grade_response does) or in London time gives the same due time."""
    due = response_commitment(grade, graded.astimezone(zone), rural, DEFAULT_DEADLINES)
    assert due.kind == CommitmentKind.RESPONSE
    assert due.due_at == due_utc
    assert due.due_at.astimezone(UTC) - graded.astimezone(UTC) == timedelta(minutes=due.detail["target_minutes"])
    assert due.due_at.astimezone(LONDON).strftime("%Y-%m-%d %H:%M %z") == wall_clock


def test_a_response_target_from_a_london_time_is_absolute_time_too():
    graded = london(2026, 3, 27, 12, 0)
    due = response_commitment(3, graded, False, DEFAULT_DEADLINES)
    assert due.due_at == utc(2026, 3, 29, 12, 0)


# --- Working-day commitments -------------------------------------------------------------------------


def acknowledgement(at, enhanced=False):
    return acknowledgement_commitment(at, DEFAULT_DEADLINES)


def contact_agreement(at, enhanced=False):
    return contact_agreement_commitment(at, DEFAULT_DEADLINES)


def referral(at, enhanced=False):
    return referral_commitment(at, DEFAULT_DEADLINES)


def inform_decision(at, enhanced=False):
    return inform_decision_commitment(KeyDecision.CHARGED, at, enhanced, DEFAULT_DEADLINES)


def services_information(at, enhanced=False):
    return services_information_commitment(at, DEFAULT_DEADLINES)


def needs_assessment(at, enhanced=False):
    return needs_assessment_commitment(at, DEFAULT_DEADLINES)


def referral_response(at, enhanced=False):
    return referral_response_commitment(at, DEFAULT_DEADLINES)


def support_contact(at, enhanced=False):
    return support_contact_commitment(at, DEFAULT_DEADLINES)


def neighbourhood_acknowledgement(at, enhanced=False):
    return neighbourhood_acknowledgement_commitment(at, DEFAULT_DEADLINES)


def court_news(at, enhanced=False):
    return court_news_commitment(CourtNews.HEARING_LISTED, at, enhanced, DEFAULT_DEADLINES)


def bail_news(at, enhanced=False):
    return court_news_commitment(CourtNews.BAIL_OUTCOME, at, enhanced, DEFAULT_DEADLINES)


def witness_needs(at, enhanced=False):
    return witness_needs_assessment_commitment(at, DEFAULT_DEADLINES)


def vps_offer(at, enhanced=False):
    return vps_offer_commitment(at, DEFAULT_DEADLINES)


def vcs_referral(at, enhanced=False):
    return vcs_referral_commitment(at, DEFAULT_DEADLINES)


def vcs_first_contact(at, enhanced=False):
    return vcs_first_contact_commitment(at, DEFAULT_DEADLINES)


def property_return(at, enhanced=False):
    return property_return_commitment(at, DEFAULT_DEADLINES)


def victim_message_reply(at, enhanced=False):
    return victim_message_reply_commitment(at, DEFAULT_DEADLINES)


def complaint_acknowledgement(at, enhanced=False):
    return complaint_acknowledgement_commitment(at, DEFAULT_DEADLINES)


WORKING_DAY_RULES = {
    CommitmentKind.WRITTEN_ACKNOWLEDGEMENT: acknowledgement,
    CommitmentKind.CONTACT_AGREEMENT: contact_agreement,
    CommitmentKind.REFERRAL_TO_SUPPORT: referral,
    CommitmentKind.INFORM_DECISION: inform_decision,
    CommitmentKind.SERVICES_INFORMATION: services_information,
    CommitmentKind.NEEDS_ASSESSMENT: needs_assessment,
    CommitmentKind.REFERRAL_RESPONSE: referral_response,
    CommitmentKind.SUPPORT_CONTACT: support_contact,
    CommitmentKind.NEIGHBOURHOOD_ACKNOWLEDGEMENT: neighbourhood_acknowledgement,
    CommitmentKind.INFORM_COURT_NEWS: court_news,
    CommitmentKind.WITNESS_NEEDS_ASSESSMENT: witness_needs,
    CommitmentKind.OFFER_VPS: vps_offer,
    CommitmentKind.VCS_REFERRAL: vcs_referral,
    CommitmentKind.VCS_FIRST_CONTACT: vcs_first_contact,
    CommitmentKind.PROPERTY_RETURN: property_return,
    CommitmentKind.VICTIM_MESSAGE_REPLY: victim_message_reply,
    CommitmentKind.COMPLAINT_ACKNOWLEDGEMENT: complaint_acknowledgement,
}


@pytest.mark.parametrize("kind, enhanced, event, expected, offset", [
    # Friday 28 August 2026, 15:00: the weekend and the summer bank holiday (Monday 31st) do not count.
    (CommitmentKind.WRITTEN_ACKNOWLEDGEMENT, False, FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY, end_of(2026, 9, 1), BST),
    (CommitmentKind.CONTACT_AGREEMENT, False, FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY, end_of(2026, 9, 2), BST),
    (CommitmentKind.REFERRAL_TO_SUPPORT, False, FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY, end_of(2026, 9, 2), BST),
    (CommitmentKind.INFORM_DECISION, True, FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY, end_of(2026, 9, 1), BST),
    (CommitmentKind.INFORM_DECISION, False, FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY, end_of(2026, 9, 7), BST),
    # Thursday 24 December 2026: Christmas Day (Friday), the weekend, Boxing Day's substitute (Monday 28th),
    # and for five working days New Year's Day 2027 (Friday).
    (CommitmentKind.WRITTEN_ACKNOWLEDGEMENT, False, CHRISTMAS_EVE, end_of(2026, 12, 29), GMT),
    (CommitmentKind.CONTACT_AGREEMENT, False, CHRISTMAS_EVE, end_of(2026, 12, 30), GMT),
    (CommitmentKind.REFERRAL_TO_SUPPORT, False, CHRISTMAS_EVE, end_of(2026, 12, 30), GMT),
    (CommitmentKind.INFORM_DECISION, True, CHRISTMAS_EVE, end_of(2026, 12, 29), GMT),
    (CommitmentKind.INFORM_DECISION, False, CHRISTMAS_EVE, end_of(2027, 1, 5), GMT),
    # 23:30 UTC on Thursday 2 July is Friday in London: count from Friday.
    (CommitmentKind.WRITTEN_ACKNOWLEDGEMENT, False, SUMMER_LATE_EVENING, end_of(2026, 7, 6), BST),
    (CommitmentKind.CONTACT_AGREEMENT, False, SUMMER_LATE_EVENING, end_of(2026, 7, 7), BST),
    (CommitmentKind.REFERRAL_TO_SUPPORT, False, SUMMER_LATE_EVENING, end_of(2026, 7, 7), BST),
    (CommitmentKind.INFORM_DECISION, True, SUMMER_LATE_EVENING, end_of(2026, 7, 6), BST),
    (CommitmentKind.INFORM_DECISION, False, SUMMER_LATE_EVENING, end_of(2026, 7, 10), BST),
    # 23:30 UTC on Thursday 3 December is still Thursday in London: count from Thursday.
    (CommitmentKind.WRITTEN_ACKNOWLEDGEMENT, False, WINTER_LATE_EVENING, end_of(2026, 12, 4), GMT),
    (CommitmentKind.CONTACT_AGREEMENT, False, WINTER_LATE_EVENING, end_of(2026, 12, 7), GMT),
    (CommitmentKind.INFORM_DECISION, True, WINTER_LATE_EVENING, end_of(2026, 12, 4), GMT),
    # Across the spring change: from Thursday 26 March (GMT) the deadline ends on BST.
    (CommitmentKind.WRITTEN_ACKNOWLEDGEMENT, False, london(2026, 3, 27, 10), end_of(2026, 3, 30), BST),
    (CommitmentKind.CONTACT_AGREEMENT, False, london(2026, 3, 26, 10), end_of(2026, 3, 30), BST),
    (CommitmentKind.REFERRAL_TO_SUPPORT, False, london(2026, 3, 27, 10), end_of(2026, 3, 31), BST),
    (CommitmentKind.INFORM_DECISION, False, london(2026, 3, 25, 10), end_of(2026, 4, 1), BST),
    # ... and into Easter: Good Friday 3 April and Easter Monday 6 April are not working days.
    (CommitmentKind.WRITTEN_ACKNOWLEDGEMENT, False, london(2026, 4, 2, 16), end_of(2026, 4, 7), BST),
    (CommitmentKind.INFORM_DECISION, False, london(2026, 4, 1, 9), end_of(2026, 4, 10), BST),
    # Across the autumn change: from Friday 23 October (BST) the deadline ends on GMT.
    (CommitmentKind.WRITTEN_ACKNOWLEDGEMENT, False, london(2026, 10, 23, 10), end_of(2026, 10, 26), GMT),
    (CommitmentKind.CONTACT_AGREEMENT, False, london(2026, 10, 23, 10), end_of(2026, 10, 27), GMT),
    (CommitmentKind.REFERRAL_TO_SUPPORT, False, london(2026, 10, 22, 10), end_of(2026, 10, 26), GMT),
    (CommitmentKind.INFORM_DECISION, False, london(2026, 10, 21, 10), end_of(2026, 10, 28), GMT),
    # On the night of a change itself: Sunday counts from Monday.
    (CommitmentKind.WRITTEN_ACKNOWLEDGEMENT, False, utc(2026, 3, 29, 1, 30), end_of(2026, 3, 30), BST),
    (CommitmentKind.INFORM_DECISION, True, utc(2026, 10, 25, 1, 30), end_of(2026, 10, 26), GMT),
    # An event at the weekend: the first working day is the Monday.
    (CommitmentKind.WRITTEN_ACKNOWLEDGEMENT, False, london(2026, 6, 13, 11), end_of(2026, 6, 15), BST),
    (CommitmentKind.REFERRAL_TO_SUPPORT, False, london(2026, 6, 14, 23, 59), end_of(2026, 6, 16), BST),
    # Standards 5 and 6 (local policy defaults): services information with the acknowledgement (1 wd), the
    # needs assessment with the referral (2 wd), the service's answer and contact (2 wd each), the
    # neighbourhood team's acknowledgement (1 wd). From Christmas Eve the working days are Tue 29 and
    # Wed 30 December.
    (CommitmentKind.SERVICES_INFORMATION, False, CHRISTMAS_EVE, end_of(2026, 12, 29), GMT),
    (CommitmentKind.NEEDS_ASSESSMENT, False, CHRISTMAS_EVE, end_of(2026, 12, 30), GMT),
    (CommitmentKind.REFERRAL_RESPONSE, False, CHRISTMAS_EVE, end_of(2026, 12, 30), GMT),
    (CommitmentKind.SUPPORT_CONTACT, False, FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY, end_of(2026, 9, 2), BST),
    (CommitmentKind.NEIGHBOURHOOD_ACKNOWLEDGEMENT, False, FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY, end_of(2026, 9, 1), BST),
    (CommitmentKind.NEIGHBOURHOOD_ACKNOWLEDGEMENT, False, london(2026, 4, 2, 16), end_of(2026, 4, 7), BST),
    # Standard 8: a trial date received at 16:55 on the Friday before the August bank holiday is due by the
    # end of Tuesday; the Victim Contact Scheme referral 10 working days after a sentence on Christmas Eve.
    (CommitmentKind.INFORM_COURT_NEWS, False, london(2026, 8, 28, 16, 55), end_of(2026, 9, 1), BST),
    (CommitmentKind.INFORM_COURT_NEWS, True, london(2026, 8, 28, 16, 55), end_of(2026, 9, 1), BST),
    (CommitmentKind.WITNESS_NEEDS_ASSESSMENT, False, CHRISTMAS_EVE, end_of(2026, 12, 30), GMT),
    (CommitmentKind.OFFER_VPS, False, CHRISTMAS_EVE, end_of(2027, 1, 5), GMT),
    (CommitmentKind.VCS_REFERRAL, False, CHRISTMAS_EVE, end_of(2027, 1, 12), GMT),
    (CommitmentKind.VCS_FIRST_CONTACT, False, london(2026, 3, 20, 10), end_of(2026, 4, 21), BST),  # Easter: 2 days
    # Standard 9: property no longer needed on Thursday 2 April is due back after Easter, 10 working days on.
    (CommitmentKind.PROPERTY_RETURN, False, london(2026, 4, 2, 16), end_of(2026, 4, 20), BST),
    # The victim's portal: a message sent on Christmas Eve is answered by Wednesday 30 December (2 wd); a
    # complaint made on Thursday 2 April is acknowledged 10 working days on, after Easter (Victims' Code right 12).
    (CommitmentKind.VICTIM_MESSAGE_REPLY, False, CHRISTMAS_EVE, end_of(2026, 12, 30), GMT),
    (CommitmentKind.COMPLAINT_ACKNOWLEDGEMENT, False, london(2026, 4, 2, 16), end_of(2026, 4, 20), BST),
])

def test_working_day_deadlines(kind, enhanced, event, expected, offset):
    due = WORKING_DAY_RULES[kind](event, enhanced)
    assert due.kind == kind
    assert_same_instant_and_offset(due.due_at, expected, offset)


@pytest.mark.parametrize("news, enhanced, expected", [
    # Hearings, evidence and outcomes: 1 working day from receipt, whatever the victim's rights.
    *[(news, enhanced, end_of(2026, 9, 1)) for news in CourtNews if not news.is_bail_news
      for enhanced in (False, True)],
    # Bail outcomes, warrants and re-arrests: 5 working days, or 1 with enhanced rights.
    *[(news, False, end_of(2026, 9, 7)) for news in CourtNews if news.is_bail_news],
    *[(news, True, end_of(2026, 9, 1)) for news in CourtNews if news.is_bail_news],
])
def test_every_piece_of_court_news_has_its_deadline(news, enhanced, expected):
    due = court_news_commitment(news, london(2026, 8, 28, 16, 55), enhanced, DEFAULT_DEADLINES)
    assert due.kind == CommitmentKind.INFORM_COURT_NEWS and due.standard == 8
    assert due.detail["news"] == news.value
    assert_same_instant_and_offset(due.due_at, expected, BST)


@pytest.mark.parametrize("months, violent_or_sexual, qualifies", [
    (12, True, True), (11, True, False), (36, False, False), (None, True, False), (120, True, True),
])
def test_victim_contact_scheme_needs_12_months_for_a_violent_or_sexual_offence(months, violent_or_sexual, qualifies):
    assert qualifies_for_victim_contact_scheme(months, violent_or_sexual) is qualifies


def test_end_of_a_working_day_is_2259_utc_in_summer_and_2359_utc_in_winter():
    assert acknowledgement(FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY).due_at == utc(2026, 9, 1, 22, 59, 59)
    assert acknowledgement(CHRISTMAS_EVE).due_at == utc(2026, 12, 29, 23, 59, 59)


@pytest.mark.parametrize("kind", list(WORKING_DAY_RULES))
def test_an_event_one_second_before_london_midnight_and_one_at_midnight(kind):
    """Thursday 23:59:59 BST counts from Thursday; Friday 00:00 BST counts from Friday."""
    before = WORKING_DAY_RULES[kind](london(2026, 7, 2, 23, 59, 59)).due_at
    after = WORKING_DAY_RULES[kind](london(2026, 7, 3, 0, 0)).due_at
    assert before < after
    assert after.date() > before.date()


@pytest.mark.parametrize("kind", list(WORKING_DAY_RULES))
def test_every_working_day_deadline_ends_on_a_working_day_at_london_end_of_day(kind):
    start = london(2026, 1, 1, 9)
    for day in range(0, 365 * 24, 7):  # every 7 hours of 2026, so every time of day and every weekday
        due = WORKING_DAY_RULES[kind](start + timedelta(hours=day)).due_at.astimezone(LONDON)
        assert due.weekday() < 5
        assert (due.hour, due.minute, due.second) == (23, 59, 59)
        assert due.date().isoformat() not in {"2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
                                              "2026-08-31", "2026-12-25", "2026-12-28", "2027-01-01"}


# --- Updates as agreed (standard 4): calendar days, end of the London day ------------------------------


@pytest.mark.parametrize("since, every_days, expected, offset", [
    # Calendar days: weekends and bank holidays count.
    (FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY, 3, end_of(2026, 8, 31), BST),
    (FRIDAY_BEFORE_AUGUST_BANK_HOLIDAY, 1, end_of(2026, 8, 29), BST),
    (CHRISTMAS_EVE, 1, end_of(2026, 12, 25), GMT),
    (CHRISTMAS_EVE, 7, end_of(2026, 12, 31), GMT),
    (CHRISTMAS_EVE, 14, end_of(2027, 1, 7), GMT),
    # Across the clock changes: the end of the London day, whatever the offset.
    (london(2026, 3, 27, 10), 7, end_of(2026, 4, 3), BST),
    (london(2026, 3, 28, 23, 30), 1, end_of(2026, 3, 29), BST),
    (london(2026, 10, 22, 10), 7, end_of(2026, 10, 29), GMT),
    (london(2026, 10, 24, 23, 30), 1, end_of(2026, 10, 25), GMT),
    # From the London date: 23:30 UTC on Thursday 2 July is Friday 3 July in London.
    (SUMMER_LATE_EVENING, 1, end_of(2026, 7, 4), BST),
    (WINTER_LATE_EVENING, 1, end_of(2026, 12, 4), GMT),
    (SUMMER_LATE_EVENING, 28, end_of(2026, 7, 31), BST),
])
def test_update_due_times(since, every_days, expected, offset):
    due = update_commitment(since, every_days)
    assert due.kind == CommitmentKind.VICTIM_UPDATE
    assert due.detail == {"every_days": every_days}
    assert_same_instant_and_offset(due.due_at, expected, offset)


@pytest.mark.parametrize("every_days", [0, -1, 1.5, True, "7"])
def test_an_update_interval_must_be_a_positive_whole_number(every_days):
    with pytest.raises(ValueError, match="every_days"):
        update_commitment(CHRISTMAS_EVE, every_days)


@pytest.mark.parametrize("due_on, expected, offset", [
    (date(2026, 12, 24), end_of(2026, 12, 24), GMT),
    (date(2026, 3, 29), end_of(2026, 3, 29), BST),  # the day the clocks go forward
    (date(2026, 12, 25), end_of(2026, 12, 25), GMT),  # a date agreed at a meeting may be a holiday
])
def test_a_multi_agency_action_is_due_at_the_end_of_its_due_date(due_on, expected, offset):
    due = multi_agency_action_commitment(due_on, "Fit a door alarm")
    assert due.kind == CommitmentKind.MULTI_AGENCY_ACTION and due.standard == 7
    assert due.detail == {"description": "Fit a door alarm"}
    assert_same_instant_and_offset(due.due_at, expected, offset)


def test_every_kind_is_covered():
    assert {CommitmentKind.RESPONSE, CommitmentKind.VICTIM_UPDATE, CommitmentKind.MULTI_AGENCY_ACTION,
            *WORKING_DAY_RULES} == set(CommitmentKind)
