"""One generated case as it unfolds: its timeline entries and its commitments, each opened and ended the
way the charter's services open and end them (victimcare.charter.services), with due times from the
charter's own rules. Nothing here touches the database: rows go into a `Rows` batch."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from victimcare.cases.models import TimelineEvent
from victimcare.charter.models import Commitment, OverdueAlert
from victimcare.charter.rules import CommitmentDue
from victimcare.generator.rows import Rows

Kind = TimelineEvent.Kind
SWEEP_LAG = timedelta(minutes=5)  # the overdue sweep runs every five minutes (charter_scheduler --every 300)
CLOSED_BEFORE_MET = "Case closed before it was met"
CASE_OFFICER = object()


@dataclass
class CommitmentDraft:
    id: int
    kind: str
    standard: int
    owner_organisation_id: int
    owner_person_id: int | None
    opened_by_event_id: int | None
    opened_at: datetime
    due_at: datetime
    detail: dict
    status: str = Commitment.Status.OPEN
    closed_at: datetime | None = None
    closed_by_id: int | None = None
    overdue_recorded_at: datetime | None = None
    waive_reason: str = ""


@dataclass
class CaseLife:
    """The case's fixed facts and what has been written for it so far."""

    rows: Rows
    rng: random.Random
    now: datetime
    case_id: int
    crime_id: int
    victim_id: int
    unit_id: int
    officer_id: int | None
    opened_at: datetime
    closes_at: datetime | None  # None: still open now
    enhanced: bool
    facts: dict = field(default_factory=dict)  # what the domain parts read: category, outcome, dates, ...
    commitments: list[CommitmentDraft] = field(default_factory=list)

    @property
    def ends_at(self) -> datetime:
        """When the case stops changing: its closing, or now."""
        return self.closes_at or self.now

    def happened(self, at: datetime) -> bool:
        return at <= self.ends_at

    def event(self, kind: str, at: datetime, actor_id: int | None = None, **data) -> int:
        return self.rows.add(TimelineEvent, crime_id=self.crime_id, case_id=self.case_id, kind=kind,
                             occurred_at=at, recorded_at=at, actor_id=actor_id, data=data)

    def open_commitment(self, due: CommitmentDue, at: datetime, *, opened_by_event_id: int | None = None,
                        owner_organisation_id: int | None = None, owner_person_id=CASE_OFFICER) -> CommitmentDraft:
        if owner_person_id is CASE_OFFICER:
            owner_person_id = self.officer_id if owner_organisation_id in (None, self.unit_id) else None
        draft = CommitmentDraft(
            id=self.rows.ids.next(Commitment._meta.db_table), kind=due.kind.value, standard=due.standard,
            owner_organisation_id=owner_organisation_id or self.unit_id, owner_person_id=owner_person_id,
            opened_by_event_id=opened_by_event_id, opened_at=at, due_at=due.due_at, detail=due.detail,
        )
        self.commitments.append(draft)
        self.event(Kind.COMMITMENT_OPENED, at, None, commitment=draft.id, commitment_kind=draft.kind,
                   due_at=draft.due_at.isoformat())
        return draft

    def meet(self, draft: CommitmentDraft, at: datetime, actor_id: int | None) -> bool:
        """Met (on time or late) at `at`, if the case is still going then; False if it is not."""
        if draft.status != Commitment.Status.OPEN or not self.happened(at):
            return False
        self._note_overdue(draft, until=at)
        draft.status = Commitment.Status.MET if at <= draft.due_at else Commitment.Status.MET_LATE
        draft.closed_at, draft.closed_by_id = at, actor_id
        self._commitment_event(draft, Kind.COMMITMENT_MET, at, actor_id,
                               on_time=draft.status == Commitment.Status.MET)
        return True

    def meet_after(self, draft: CommitmentDraft, late_share: float, actor_id: int | None,
                   *, earliest: datetime | None = None) -> datetime | None:
        """Meet it at a plausible moment: before its due time, or (one time in 1/late_share) after it."""
        at = self.plausible_moment(earliest or draft.opened_at, draft.due_at, late_share)
        return at if self.meet(draft, at, actor_id) else None

    def plausible_moment(self, start: datetime, due: datetime, late_share: float) -> datetime:
        window = max((due - start).total_seconds(), 600.0)
        if self.rng.random() < late_share:
            return due + timedelta(seconds=self.rng.uniform(60, max(window, 86400.0) * 1.5))
        return start + timedelta(seconds=self.rng.uniform(0.05, 0.95) * window)

    def waive(self, draft: CommitmentDraft, at: datetime, actor_id: int | None, reason: str) -> None:
        self._note_overdue(draft, until=at)
        draft.status, draft.waive_reason = Commitment.Status.WAIVED, reason
        draft.closed_at, draft.closed_by_id = at, actor_id
        self._commitment_event(draft, Kind.COMMITMENT_WAIVED, at, actor_id, reason=reason)

    def miss(self, draft: CommitmentDraft, at: datetime, actor_id: int | None, reason: str) -> None:
        self._note_overdue(draft, until=at)
        draft.status, draft.closed_at, draft.closed_by_id = Commitment.Status.MISSED, at, actor_id
        self._commitment_event(draft, Kind.COMMITMENT_MISSED, at, actor_id, reason=reason)

    def open_of_kind(self, kind: str) -> list[CommitmentDraft]:
        return [draft for draft in self.commitments if draft.kind == kind and draft.status == Commitment.Status.OPEN]

    def finish(self, closing_actor_id: int | None) -> None:
        """Close the case if it closes (what is still owed is missed), note what is overdue now, and write
        the commitments and their overdue alerts."""
        if self.closes_at is not None:
            for draft in sorted(self.commitments, key=lambda d: (d.due_at, d.id)):
                if draft.status == Commitment.Status.OPEN:
                    self.miss(draft, self.closes_at, closing_actor_id, CLOSED_BEFORE_MET)
        else:
            for draft in self.commitments:
                if draft.status == Commitment.Status.OPEN:
                    self._note_overdue(draft, until=self.now)
        for draft in self.commitments:
            self._write(draft)

    def _note_overdue(self, draft: CommitmentDraft, *, until: datetime) -> None:
        """What the sweep did: once past its due time while still open, the commitment was recorded as
        overdue, on the timeline and for its owner (who has seen the alert unless it is recent)."""
        recorded_at = draft.due_at + SWEEP_LAG
        if draft.overdue_recorded_at is not None or recorded_at > until:
            return
        draft.overdue_recorded_at = recorded_at
        self._commitment_event(draft, Kind.COMMITMENT_OVERDUE, recorded_at, None,
                               owner_organisation=draft.owner_organisation_id, owner_person=draft.owner_person_id)
        seen = recorded_at + timedelta(hours=self.rng.uniform(1, 72))
        acknowledged = seen < self.now and self.rng.random() < 0.9
        self.rows.add(OverdueAlert, commitment_id=draft.id, owner_organisation_id=draft.owner_organisation_id,
                      owner_person_id=draft.owner_person_id, created_at=recorded_at,
                      acknowledged_at=seen if acknowledged else None,
                      acknowledged_by_id=(draft.owner_person_id or self.officer_id) if acknowledged else None)

    def _commitment_event(self, draft: CommitmentDraft, kind: str, at: datetime, actor_id, **data) -> int:
        return self.event(kind, at, actor_id, commitment=draft.id, commitment_kind=draft.kind, **data)

    def _write(self, draft: CommitmentDraft) -> None:
        self.rows.add(
            Commitment, id=draft.id, case_id=self.case_id, kind=draft.kind, standard=draft.standard,
            owner_organisation_id=draft.owner_organisation_id, owner_person_id=draft.owner_person_id,
            opened_by_event_id=draft.opened_by_event_id, opened_at=draft.opened_at, due_at=draft.due_at,
            detail=draft.detail, status=draft.status, overdue_recorded_at=draft.overdue_recorded_at,
            closed_at=draft.closed_at, closed_by_id=draft.closed_by_id, waive_reason=draft.waive_reason,
        )
