"""Cases with commitments falling due at chosen times, for the worklist tests."""

import datetime as dt

from django.utils import timezone

from tests.factories import CrimeFactory, UserFactory, VictimFactory
from victimcare.cases.services import open_case
from victimcare.charter.rules import CommitmentDue, CommitmentKind
from victimcare.charter.services import open_commitment


def make_case(unit, officer, recorded_by, *, reference=None, family_name=None, **circumstances):
    crime = CrimeFactory(reference=reference) if reference else CrimeFactory()
    victim = VictimFactory(family_name=family_name) if family_name else VictimFactory()
    return open_case(victim=victim, crime=crime, unit=unit, officer=officer, recorded_by=recorded_by,
                     **circumstances)


def owe(case, *, hours: float, kind=CommitmentKind.RESPONSE):
    """An open commitment on `case` due `hours` from now (negative: already overdue)."""
    return open_commitment(case, CommitmentDue(kind, timezone.now() + dt.timedelta(hours=hours)))


def officers_owing(unit, recorded_by, overdue: list[int]) -> list[str]:
    """An officer for each number in `overdue`, in charge of a case with that many overdue commitments and one due
    soon, named "Officer 00", "Officer 01"... in the order given, though created last first (so that their ids do
    not sort as their names do). Their names, in that order."""
    names = [f"Officer {n:02d}" for n in range(len(overdue))]
    for name, late in reversed(list(zip(names, overdue, strict=True))):
        case = make_case(unit, UserFactory(first_name="Officer", last_name=name.split()[1]), recorded_by)
        for hours in range(late):
            owe(case, hours=-hours - 1)
        owe(case, hours=1)
    return names
