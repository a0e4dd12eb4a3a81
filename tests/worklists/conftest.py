"""Cases with commitments falling due at chosen times, for the worklist tests."""

import datetime as dt

from django.utils import timezone

from tests.factories import CrimeFactory, VictimFactory
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
