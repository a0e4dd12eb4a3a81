"""Case histories for the demo, built only through victimcare.cases.services at believable past times.

Each story is a function that takes an opened case and plays out what happened on it: the response, the
referral to support, the investigation decisions the victim must be told about, and perhaps the closing.
Times are placed against the due times the services return, so a story that meets a commitment on time,
late or never always does so, whatever the calendar (weekends, bank holidays, enhanced rights).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from victimcare.accounts.models import User
from victimcare.cases.models import Case
from victimcare.cases.services import (
    close_case,
    grade_response,
    record_attendance,
    record_key_decision,
    record_victim_informed,
)
from victimcare.charter.rules import CommitmentKind, KeyDecision
from victimcare.contact.choices import Channel, Language
from victimcare.contact.services import Terms, agree_contact, record_update
from victimcare.victims.models import Victim

LONDON = ZoneInfo("Europe/London")

ON_TIME, LATE, NEVER = "on time", "late", "never"

RATIONALES = {
    1: "Threat to life reported; suspect still present. Immediate attendance.",
    2: "Injured victim; suspect left the scene. Priority attendance.",
    3: "No immediate risk; victim prefers a visit at an agreed time.",
    4: "Victim content to be dealt with by phone; no lines of enquiry needing attendance.",
}

CLOSING_DECISIONS = {
    "Investigation complete; no suspect identified": [KeyDecision.NOT_INVESTIGATED],
    "Unable to prosecute suspect": [KeyDecision.SUSPECT_INTERVIEWED, KeyDecision.RELEASED_WITHOUT_CHARGE],
    "Local resolution": [KeyDecision.SUSPECT_INTERVIEWED],
    "Offender given a caution": [KeyDecision.SUSPECT_ARRESTED, KeyDecision.SUSPECT_INTERVIEWED],
}
PUBLIC_INTEREST_DECISIONS = [KeyDecision.SUSPECT_INTERVIEWED, KeyDecision.RELEASED_WITHOUT_CHARGE]
EARLY_DECISIONS = {
    "Awaiting court outcome": [KeyDecision.SUSPECT_ARRESTED, KeyDecision.CHARGED],
    "Under investigation": [KeyDecision.SUSPECT_ARRESTED, KeyDecision.RELEASED_UNDER_INVESTIGATION],
}
RECENT_DECISIONS = {
    "Awaiting court outcome": [KeyDecision.BAIL_CONDITIONS_CHANGED],
    "Under investigation": [
        KeyDecision.SUSPECT_INTERVIEWED, KeyDecision.BAILED, KeyDecision.RELEASED_UNDER_INVESTIGATION,
    ],
}
DECISION_NOTES = {
    KeyDecision.NOT_INVESTIGATED: "No further lines of enquiry; filed pending new information.",
    KeyDecision.SUSPECT_ARRESTED: "Suspect arrested and taken into custody.",
    KeyDecision.SUSPECT_INTERVIEWED: "Suspect interviewed under caution.",
    KeyDecision.RELEASED_WITHOUT_CHARGE: "Released without charge: not enough evidence to prosecute.",
    KeyDecision.BAILED: "Released on bail with conditions not to contact the victim.",
    KeyDecision.RELEASED_UNDER_INVESTIGATION: "Released under investigation while enquiries continue.",
    KeyDecision.BAIL_CONDITIONS_CHANGED: "Bail conditions varied by the court.",
    KeyDecision.CHARGED: "Charged on the authority of the Crown Prosecution Service.",
}


@dataclass(frozen=True)
class Cast:
    """Who acts on a case: the call handler grades it, the officer does the rest."""

    call_handler: User
    officer: User


@dataclass
class Story:
    case: Case
    cast: Cast
    rng: random.Random
    now: datetime

    def past(self, moment: datetime) -> datetime:
        """`moment`, or a minute ago if it would be in the future."""
        return min(moment, self.now - timedelta(minutes=1))

    def office_hours(self, moment: datetime) -> datetime:
        """`moment` moved into the working day (08:00 to 20:00 in London): later if it is before eight,
        earlier if after eight in the evening."""
        local = moment.astimezone(LONDON)
        if local.hour < 8:
            return local.replace(hour=self.rng.randint(8, 10), minute=self.rng.randint(0, 59))
        if local.hour >= 20:
            return local.replace(hour=self.rng.randint(16, 19), minute=self.rng.randint(0, 59))
        return moment

    def at_work(self, moment: datetime, start: datetime, due: datetime, timing: str) -> datetime:
        """`moment` in office hours, unless that would change whether it is on time or late."""
        moved = self.past(self.office_hours(moment))
        keeps_timing = (moved <= due) == (timing == ON_TIME) and moved > start
        return moved if keeps_timing else moment

    def done_by(self, start: datetime, due: datetime, timing: str) -> datetime:
        """When something owed since `start` and due at `due` was done: on time, or late by up to as long
        again as was allowed (minutes for an emergency, days for a decision)."""
        allowed = due - start
        if timing == ON_TIME:
            return self.past(start + allowed * self.rng.uniform(0.1, 0.7))
        return self.past(due + timedelta(minutes=5) + allowed * self.rng.uniform(0.1, 1.0))

    def done_in_office_hours(self, start: datetime, due: datetime, timing: str) -> datetime:
        return self.at_work(self.done_by(start, due, timing), start, due, timing)

    def days_later(self, moment: datetime, low: int, high: int) -> datetime:
        later = moment + timedelta(days=self.rng.randint(low, high), hours=self.rng.randint(0, 8))
        return self.past(self.office_hours(later))

    def hours_ago(self, low: int, high: int) -> datetime:
        return self.past(self.office_hours(self.now - timedelta(hours=self.rng.randint(low, high))))

    def days_ago(self, low: int, high: int) -> datetime:
        return self.past(self.office_hours(self.now - timedelta(days=self.rng.randint(low, high))))


# Steps -----------------------------------------------------------------------------------------


def response_grade(story: Story) -> int:
    crime = story.case.crime
    if crime.category == "violent-crime" or story.case.enhanced_rights:
        return story.rng.choice([1, 2, 2, 2])
    if crime.category in ("burglary", "robbery"):
        return story.rng.choice([2, 3])
    return story.rng.choice([3, 3, 4])


def respond(story: Story, timing: str = ON_TIME, *, regrade: bool = False) -> datetime:
    """Grade the call (re-grading once if asked, which waives the first target) and attend."""
    graded_at = story.case.opened_at + timedelta(minutes=story.rng.randint(2, 12))
    grade = 3 if regrade else response_grade(story)
    commitment = grade_response(story.case, grade, actor=story.cast.call_handler, rationale=RATIONALES[grade],
                                at=graded_at)
    if regrade:
        graded_at += timedelta(minutes=story.rng.randint(15, 50))
        commitment = grade_response(
            story.case, 2, actor=story.cast.call_handler, at=graded_at,
            rationale="Victim called back: the suspect has come back to the address. Upgraded to priority.",
        )
    attended_at = story.done_by(graded_at, commitment.due_at, timing)
    record_attendance(story.case, actor=story.cast.officer, at=attended_at)
    return attended_at


def refer(story: Story, consented_at: datetime, timing: str = ON_TIME) -> datetime:
    """The victim agrees to support (the consent ledger) and is referred to Connect Gwent (see
    victimcare.support.demo)."""
    from victimcare.support.demo import refer_in_story

    return refer_in_story(story, consented_at, timing)


def how_told(story: Story) -> str:
    victim = story.case.victim
    how = story.rng.choice(["by phone", "by phone", "in person", "by email", "by letter"])
    if victim.preferred_language == Victim.Language.WELSH:
        return f"{how}, in Welsh"
    if victim.needs_interpreter and victim.other_language:
        return f"{how}, with a {victim.other_language} interpreter"
    return how


def decide(story: Story, decision: KeyDecision, decided_at: datetime, timing: str = ON_TIME) -> datetime:
    """Record a decision and, unless `timing` is NEVER, tell the victim on time or late."""
    commitment = record_key_decision(story.case, decision, actor=story.cast.officer, at=story.past(decided_at),
                                     note=DECISION_NOTES[decision])
    if timing == NEVER:
        return commitment.opened_at
    told_at = story.done_in_office_hours(commitment.opened_at, commitment.due_at, timing)
    record_victim_informed(commitment, actor=story.cast.officer, at=told_at, how=how_told(story))
    return told_at


def decide_in_turn(story: Story, decisions: list[KeyDecision], start: datetime, timings: list[str]) -> datetime:
    moment = start
    for decision, timing in zip(decisions, timings, strict=True):
        moment = decide(story, decision, story.days_later(moment, 1, 12), timing)
    return moment


def close(story: Story, after: datetime) -> None:
    close_case(story.case, actor=story.cast.officer, at=story.days_later(after, 3, 30))


def closing_decisions(story: Story) -> list[KeyDecision]:
    outcome = story.case.crime.last_outcome
    if "public interest" in outcome:
        return PUBLIC_INTEREST_DECISIONS
    return CLOSING_DECISIONS.get(outcome, [KeyDecision.NOT_INVESTIGATED])


def early_decisions(story: Story) -> list[KeyDecision]:
    return EARLY_DECISIONS.get(story.case.crime.last_outcome, EARLY_DECISIONS["Under investigation"])


def recent_decision(story: Story) -> KeyDecision:
    choices = RECENT_DECISIONS.get(story.case.crime.last_outcome, RECENT_DECISIONS["Under investigation"])
    return story.rng.choice(choices)


UPDATE_SUMMARIES = [
    "Enquiries are continuing: CCTV from nearby shops has been requested.",
    "The officer is waiting for forensic results and will call again when they are back.",
    "House-to-house enquiries are done; no new witnesses have come forward yet.",
    "A suspect has been identified and the officer is planning the next steps.",
]


def agree_updates(story: Story, *, keep_up: bool = True) -> None:
    """Agree how to update the victim (in the last two months: the demo's crimes are older than this
    system), then give each update the agreement promises up to now: all of them, or (keep_up=False)
    stopping so that the latest is overdue."""
    victim = story.case.victim
    terms = Terms(
        channel=Channel.EMAIL if victim.email and story.rng.random() < 0.3 else Channel.PHONE,
        every_days=story.rng.choice([7, 14, 14, 28]),
        language=Language.WELSH if victim.preferred_language == Victim.Language.WELSH else Language.ENGLISH,
        preferred_times=story.rng.choice(["Any time", "After 5pm", "Weekday mornings"]),
    )
    agreed_at = story.days_ago(20, 60)
    agree_contact(story.case, terms, actor=story.cast.officer, at=agreed_at)
    for _update in range(12):
        owed = story.case.commitments.open().filter(kind=CommitmentKind.VICTIM_UPDATE).first()
        if owed is None or (not keep_up and owed.due_at < story.now):
            return
        given_at = story.done_in_office_hours(owed.opened_at, owed.due_at, ON_TIME)
        if given_at >= story.now - timedelta(minutes=5):
            return
        record_update(story.case, channel=terms.channel, language=terms.language,
                      summary=story.rng.choice(UPDATE_SUMMARIES), actor=story.cast.officer, at=given_at)


# Stories of closed cases -------------------------------------------------------------------------


def closed_all_on_time(story: Story) -> None:
    attended = respond(story)
    referred = refer(story, attended + timedelta(hours=story.rng.randint(1, 4)))
    decisions = closing_decisions(story)
    close(story, decide_in_turn(story, decisions, referred, [ON_TIME] * len(decisions)))


def closed_some_late(story: Story) -> None:
    attended = respond(story, LATE)
    referred = refer(story, attended + timedelta(hours=1), LATE)
    decisions = closing_decisions(story)
    close(story, decide_in_turn(story, decisions, referred, [ON_TIME] * (len(decisions) - 1) + [LATE]))


def closed_with_missed(story: Story) -> None:
    """The referral never sent and the last decision never told: both missed when the case closes."""
    attended = respond(story)
    consented = refer(story, attended + timedelta(hours=2), NEVER)
    decisions = closing_decisions(story)
    close(story, decide_in_turn(story, decisions, consented, [ON_TIME] * (len(decisions) - 1) + [NEVER]))


def closed_after_regrade(story: Story) -> None:
    attended = respond(story, regrade=True)
    referred = refer(story, attended + timedelta(hours=3))
    decisions = closing_decisions(story)
    close(story, decide_in_turn(story, decisions, referred, [ON_TIME] * len(decisions)))


# Stories of open cases -------------------------------------------------------------------------


def open_with_recent_decision(story: Story) -> None:
    """On track: a decision made in the last day, which the victim is still to be told about."""
    attended = respond(story)
    agree_updates(story)
    referred = refer(story, attended + timedelta(hours=2))
    decide_in_turn(story, early_decisions(story), referred, [ON_TIME, ON_TIME])
    decide(story, recent_decision(story), story.hours_ago(1, 20), NEVER)


def open_decision_overdue(story: Story) -> None:
    """A decision made two to six weeks ago that nobody has told the victim about."""
    attended = respond(story)
    agree_updates(story, keep_up=False)
    referred = refer(story, attended + timedelta(hours=2))
    decide_in_turn(story, early_decisions(story)[:1], referred, [ON_TIME])
    decide(story, recent_decision(story), story.days_ago(14, 40), NEVER)


def open_referral_overdue(story: Story) -> None:
    """The victim declined support at first, asked for it a week or more ago, and is still waiting."""
    attended = respond(story, LATE)
    decide_in_turn(story, early_decisions(story), attended, [ON_TIME, LATE])
    refer(story, story.days_ago(8, 25), NEVER)


def open_referral_just_agreed(story: Story) -> None:
    """Regraded at first contact; the victim agreed to a referral today, due within two working days."""
    attended = respond(story, regrade=True)
    decide_in_turn(story, early_decisions(story)[:1], attended, [ON_TIME])
    refer(story, story.hours_ago(1, 6), NEVER)


def open_awaiting_attendance(story: Story) -> None:
    """A call graded in the last hour or two that nobody has attended yet: on the control room's list,
    some still within target, some already late."""
    grade = story.rng.choice([1, 2, 2, 3])
    graded_at = story.past(story.now - timedelta(minutes=story.rng.randint(5, 120)))
    grade_response(story.case, grade, actor=story.cast.call_handler, rationale=RATIONALES[grade], at=graded_at)


Plot = Callable[[Story], None]

CLOSED_STORIES: list[Plot] = [
    closed_all_on_time, closed_all_on_time, closed_all_on_time, closed_some_late, closed_some_late,
    closed_with_missed, closed_after_regrade,
]
OPEN_STORIES: list[Plot] = [
    open_with_recent_decision, open_with_recent_decision, open_decision_overdue, open_decision_overdue,
    open_referral_overdue, open_referral_just_agreed, open_awaiting_attendance,
]


def story_plan(rng: random.Random, stories: list[Plot], count: int) -> list[Plot]:
    """`count` stories in the proportions of `stories`, every one at least once if count allows, shuffled."""
    plan = (stories * (count // len(stories) + 1))[:count]
    rng.shuffle(plan)
    return plan
