"""Reports recorded at first contact, meetings and flagged cases for the multi-agency tests."""

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from victimcare.firstcontact.services import Report, record_report
from victimcare.multiagency import services
from victimcare.multiagency.models import AgendaItem
from victimcare.sharing.models import Decision, How, Purpose
from victimcare.sharing.services import record_consent


def report(officer, *, victim_id=None, dash=None, domestic_abuse=True, honour_based=False,
           persistently_targeted=False, at=None, given_name="Megan", family_name="Pritchard"):
    """Record a report through first contact, as the wizard does, and return its case."""
    answers = {n: "yes" if n <= dash else "no" for n in range(1, 25)} if dash is not None else None
    return record_report(Report(
        victim_id=victim_id,
        victim={} if victim_id else {"given_name": given_name, "family_name": family_name, "phone": "07700 900456",
                                     "address": "1 High Street, Newport", "postcode": "NP20 1AA"},
        category="violent-crime", offence="coercive-control" if domestic_abuse else "assault",
        is_domestic_abuse=domestic_abuse, is_hate_crime=False, is_honour_based=honour_based,
        occurred_at=(at or timezone.now()) - dt.timedelta(hours=2), location_description="At home",
        is_persistently_targeted=persistently_targeted, dash_answers=answers,
    ), actor=officer, submission_key=str(uuid.uuid4()), at=at)


def consent_to_meeting(case, officer, decision=Decision.GIVEN):
    return record_consent(victim=case.victim, purpose=Purpose.MULTI_AGENCY_MEETING, decision=decision,
                          how=How.VERBAL, actor=officer, case=case)


@pytest.fixture
def flagged_case(officer):
    """A domestic abuse report with a DASH score of 16: flagged on first contact."""
    return report(officer, dash=16)


@pytest.fixture
def meeting(force, unit, officer, partner_agency, victim_service):
    return services.create_meeting(force=force, held_at=timezone.now() + dt.timedelta(days=7), title="Newport MARAC",
                                   chair=unit, attending=[partner_agency, victim_service], actor=officer)


@pytest.fixture
def listed(flagged_case, meeting, officer, partner_agency, victim_service) -> AgendaItem:
    """The flagged case on the meeting's agenda: with consent, partner_agency sees the incident summary and the
    victim's name, the victims' service the risk assessment."""
    consent_to_meeting(flagged_case, officer)
    referral = flagged_case.multi_agency_referrals.get()
    return services.add_to_agenda(meeting, referral, actor=officer, basis=AgendaItem.Basis.CONSENT, items_by_agency={
        partner_agency: ["incident_summary", "victim_name"], victim_service: ["risk_assessment"]})
