import pytest

from tests.factories import OrganisationFactory
from victimcare.organisations.models import Organisation


@pytest.fixture
def housing(db):
    return OrganisationFactory(code="newport-housing", kind=Organisation.Kind.PARTNER_AGENCY,
                               name_en="Newport Housing", name_cy="Tai Casnewydd")


@pytest.fixture
def assessed_case(case, call_handler):
    """The shared `case` with a first-contact assessment (risk, DASH score and needs) and a decision."""
    from django.utils import timezone

    from victimcare.cases.services import record_key_decision
    from victimcare.charter.rules import KeyDecision
    from victimcare.firstcontact.models import FirstContactAssessment

    FirstContactAssessment.objects.create(
        case=case, submission_key="sharing-test", recorded_by=call_handler, recorded_at=timezone.now(),
        needs={"impact": "Cannot sleep", "communication": "Plain language", "safe_ways": ["phone", "letter"],
               "safe_times": "Weekdays 9 to 3", "leave_messages": False},
        dash_asked=True, dash_score=15, risk_level="high",
    )
    record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=case.officer)
    case.victim.given_name, case.victim.family_name = "Ffion", "Morgan"
    case.victim.phone, case.victim.email, case.victim.address = "07700 900123", "ffion@example.org", "1 Stow Hill"
    case.victim.save()
    return case


def give_and_share(case, officer, organisation, items, summary="Please check in with her."):
    from victimcare.sharing.models import Decision, How, Purpose
    from victimcare.sharing.services import record_consent, share_with_consent

    record_consent(victim=case.victim, case=case, purpose=Purpose.SHARE_WITH_ORGANISATION, decision=Decision.GIVEN,
                   how=How.VERBAL, actor=officer, organisation=organisation)
    return share_with_consent(case, organisation, items, actor=officer, summary=summary)


def withdraw(case, officer, organisation):
    from victimcare.sharing.models import Decision, How, Purpose
    from victimcare.sharing.services import record_consent

    return record_consent(victim=case.victim, case=case, purpose=Purpose.SHARE_WITH_ORGANISATION,
                          decision=Decision.WITHDRAWN, how=How.WRITTEN, actor=officer, organisation=organisation)
