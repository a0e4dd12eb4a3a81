"""Enough cases for the dashboards to show figures at the default small-number threshold (5): 40 cases in
Newport and Torfaen from January to June 2026, each owed a written acknowledgement (met on time, met late or
missed by a fixed pattern), half of them with survey answers. Used by the view, query-count and browser tests."""

import datetime as dt

from tests.factories import VictimFactory
from tests.monitoring.conftest import NEWPORT, TORFAEN, _crime, end_of, london
from tests.web.conftest import make_case
from victimcare.charter.rules import CommitmentDue, CommitmentKind
from victimcare.charter.services import meet_commitment, miss_commitment, open_commitment
from victimcare.satisfaction.models import STAGES
from victimcare.satisfaction.services import record_survey_response

PLACES = ((NEWPORT, "Newport", "violent-crime"), (TORFAEN, "Torfaen", "burglary"))


def add_plenty(unit, officer, call_handler, count: int = 40) -> list:
    cases = []
    for index in range(count):
        month = 1 + index % 6
        code, name, category = PLACES[index % 2]
        born = dt.date(2010 if index % 5 == 0 else 1980, 1, 1)
        case = make_case(unit, officer, call_handler, at=london(month, 1), crime=_crime(code, name, category),
                         victim=VictimFactory(date_of_birth=born, preferred_language="cy" if index % 3 else "en"))
        owed = open_commitment(case, CommitmentDue(CommitmentKind.WRITTEN_ACKNOWLEDGEMENT, end_of(month, 3)),
                               at=london(month, 1))
        if index % 4 == 3:
            miss_commitment(owed, actor=officer, reason="Not sent", at=london(month, 20))
        else:
            meet_commitment(owed, actor=officer, at=london(month, 2 if index % 4 else 5))
        if index % 4 < 2:  # 10 in Newport, 10 in Torfaen
            rating = 1 + index % 5
            record_survey_response(case, ratings=dict.fromkeys(STAGES, rating), how="phone", actor=officer,
                                   at=london(month, 25))
        cases.append(case)
    return cases
