"""A case with something in (nearly) every app: the access matrix's own set-up for each app (sharing, support,
neighbourhood, multi-agency, court, property, the outbox, the portal), plus the victim's personal details written
into free text wherever a person could write them, equality answers and a survey; then closed."""

import datetime as dt

import pytest

from tests.access import (
    objects_court,
    objects_multiagency,
    objects_neighbourhood,
    objects_notifications,
    objects_portal,
    objects_property,
    objects_sharing,
    objects_support,
)
from tests.factories import CrimeFactory, VictimFactory
from tests.uploads.conftest import pdf, upload
from victimcare.cases.services import close_case, open_case, record_key_decision
from victimcare.charter.rules import KeyDecision
from victimcare.equality.services import record_equality_answers
from victimcare.portal.services import send_victim_message
from victimcare.satisfaction.models import STAGES
from victimcare.satisfaction.services import record_survey_response
from victimcare.uploads.services import add_document
from victimcare.uploads.validation import check_document
from victimcare.victims.models import Victim

PERSONAL = {
    "given_name": "Gwenllian",
    "family_name": "Prosser-Ashdown",
    "phone": "07700 900456",
    "email": "gwenllian.prosser@example.org",
    "address": "12 Heol Fawr\nRhiwderin",
    "postcode": "NP10 8QZ",
    "communication_needs": "Prefers calls after 6pm, hard of hearing",
}
# What must be found nowhere after anonymisation (compared case-insensitively with every text column).
SEARCHED = ("Gwenllian", "Prosser-Ashdown", "07700 900456", "gwenllian.prosser@example.org", "Heol Fawr",
            "NP10 8QZ", "hard of hearing")


def personal_text() -> str:
    return f"{PERSONAL['given_name']} {PERSONAL['family_name']} on {PERSONAL['phone']}, {PERSONAL['email']}, " \
           f"{PERSONAL['address']} {PERSONAL['postcode']}"


@pytest.fixture
def victim(db):
    return VictimFactory(**PERSONAL, date_of_birth=dt.date(1984, 6, 9), preferred_language=Victim.Language.WELSH)


def rich_case(victim, unit, personas, *, close=True):
    case = open_case(victim=victim, crime=CrimeFactory(postcode=PERSONAL["postcode"],
                                                       location_description="On or near Heol Fawr"),
                     unit=unit, officer=personas["officer"], recorded_by=personas["call_handler"])
    record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=personas["officer"],
                        note=f"Spoke to {personal_text()}", tell_victim=f"Dear {PERSONAL['given_name']}, we arrested")
    made = {}
    for app in (objects_sharing, objects_support, objects_neighbourhood, objects_multiagency, objects_court,
                objects_property, objects_notifications, objects_portal):
        made.update(app.make(case, personas))
    add_document(case, check_document(upload(f"Letter to {PERSONAL['family_name']}.pdf", pdf())),
                 actor=personas["officer"], description=f"Letter from {PERSONAL['given_name']}",
                 direction="from_victim")
    send_victim_message(case, f"Please call me on {PERSONAL['phone']} - {PERSONAL['given_name']}")
    record_equality_answers(victim, answers={"sex": "female", "religion": "buddhist", "ethnicity": "mixed"},
                            how="staff", actor=personas["officer"], case=case)
    record_survey_response(case, ratings=dict.fromkeys(STAGES, 2), comments=f"{PERSONAL['given_name']} was happy",
                           how="phone", actor=personas["officer"])
    if close:
        close_case(case, actor=personas["officer"])
    case.refresh_from_db()
    return case, made


@pytest.fixture
def closed_case(victim, unit, personas):
    return rich_case(victim, unit, personas)[0]
