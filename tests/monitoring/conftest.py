"""A small known dataset for the Commissioner's figures: two victims, eight commitments with outcomes
chosen by hand, so every figure can be worked out on paper (see test_figures.py)."""

import datetime as dt

import pytest

from tests.factories import CrimeFactory, LocalAuthorityFactory, LsoaFactory, VictimFactory
from tests.web.conftest import make_case
from victimcare.charter.calendar import LONDON
from victimcare.charter.rules import CommitmentDue, CommitmentKind
from victimcare.charter.services import meet_commitment, miss_commitment, open_commitment, waive_commitment

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=LONDON)
NEWPORT, TORFAEN = "W06000022", "W06000020"


def london(month, day, hour=9, minute=0):
    return dt.datetime(2026, month, day, hour, minute, tzinfo=LONDON)


def end_of(month, day):
    return dt.datetime(2026, month, day, 23, 59, 59, tzinfo=LONDON)


def _crime(code, name, category):
    area = LocalAuthorityFactory(code=code, name_en=name, name_cy=name)
    return CrimeFactory(category=category, lsoa=LsoaFactory(code=f"L{code[1:]}", name=f"{name} 001A",
                                                            local_authority=area))


@pytest.fixture
def known(unit, officer, call_handler):
    """Case A: Newport, violent crime, a 16-year-old (enhanced rights). Case B: Torfaen, burglary, 40.

    #  case kind                     opened  due     outcome
    1  A    written_acknowledgement  2 Mar   3 Mar   met 2 Mar 10:30 (90 min)
    2  B    written_acknowledgement  5 Mar   6 Mar   met late 9 Mar 09:00 (5,760 min)
    3  A    victim_update            1 Apr   8 Apr   missed
    4  B    victim_update            2 Apr   9 Apr   waived
    5  A    inform_decision          1 May   2 May   open: overdue (an earlier month)
    6  B    inform_decision          1 Jun   3 Jun   open: overdue (this month, before now)
    7  B    referral_to_support      10 Jun  20 Jun  open: not yet due
    8  A    referral_to_support      1 Jun   5 Jun   met 2 Jun 09:00 (1,440 min)
    """
    a = make_case(unit, officer, call_handler, at=london(3, 1), is_vulnerable=True,
                  victim=VictimFactory(date_of_birth=dt.date(2010, 1, 1)),
                  crime=_crime(NEWPORT, "Newport", "violent-crime"))
    b = make_case(unit, officer, call_handler, at=london(3, 1),
                  victim=VictimFactory(date_of_birth=dt.date(1986, 1, 1)),
                  crime=_crime(TORFAEN, "Torfaen", "burglary"))
    assert a.enhanced_rights and not b.enhanced_rights

    def commitment(case, kind, opened, due):
        return open_commitment(case, CommitmentDue(kind, due), at=opened)

    K = CommitmentKind
    c = {
        1: commitment(a, K.WRITTEN_ACKNOWLEDGEMENT, london(3, 2), end_of(3, 3)),
        2: commitment(b, K.WRITTEN_ACKNOWLEDGEMENT, london(3, 5), end_of(3, 6)),
        3: commitment(a, K.VICTIM_UPDATE, london(4, 1), end_of(4, 8)),
        4: commitment(b, K.VICTIM_UPDATE, london(4, 2), end_of(4, 9)),
        5: commitment(a, K.INFORM_DECISION, london(5, 1), end_of(5, 2)),
        6: commitment(b, K.INFORM_DECISION, london(6, 1), end_of(6, 3)),
        7: commitment(b, K.REFERRAL_TO_SUPPORT, london(6, 10), end_of(6, 20)),
        8: commitment(a, K.REFERRAL_TO_SUPPORT, london(6, 1), end_of(6, 5)),
    }
    meet_commitment(c[1], actor=officer, at=london(3, 2, 10, 30))
    meet_commitment(c[2], actor=officer, at=london(3, 9))
    miss_commitment(c[3], actor=officer, reason="Case closed", at=london(4, 20))
    waive_commitment(c[4], actor=officer, reason="Victim asked for no updates", at=london(4, 3))
    meet_commitment(c[8], actor=officer, at=london(6, 2))
    return {"a": a, "b": b, "commitments": c}
