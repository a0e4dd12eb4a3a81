"""Demo data for consent and sharing, added by victimcare.demo.loader after the demo cases are built.

On a few open Newport cases: consent given to Newport community safety (mair.evans sees those cases),
consent to partner agencies as a kind, consent given to Newport housing and later withdrawn (which ended
that sharing at once), a refusal, and a safeguarding override asked for by olwen.price awaiting
sara.rees's approval. One earlier override was approved by sara.rees."""

import datetime as dt

from django.contrib.auth import get_user_model

from victimcare.cases.models import Case
from victimcare.organisations.models import Organisation
from victimcare.sharing.models import Decision, How, Purpose, SharedItem
from victimcare.sharing.services import (
    decide_safeguarding_disclosure,
    record_consent,
    request_safeguarding_disclosure,
    share_with_consent,
)

NEWPORT = "gwent-police-newport"


def _cases(count: int) -> list[Case]:
    """Open Newport cases, one per victim, oldest first (so there is history to place events in)."""
    chosen, victims = [], set()
    for case in Case.objects.filter(unit__code=NEWPORT, status=Case.Status.OPEN).select_related("victim").order_by(
            "opened_at", "pk"):
        if case.victim_id not in victims:
            victims.add(case.victim_id)
            chosen.append(case)
        if len(chosen) == count:
            break
    return chosen


def _at(case, now, days: float) -> dt.datetime:
    """`days` after the case opened, but never later than an hour ago."""
    return min(case.opened_at + dt.timedelta(days=days), now - dt.timedelta(hours=1))


def load_demo(rng, now) -> None:
    cases = _cases(6)
    if len(cases) < 6:
        return
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["olwen.price", "gareth.lewis", "sara.rees"])}
    organisations = {o.code: o for o in Organisation.objects.filter(code__in=["newport-community-safety",
                                                                               "newport-housing"])}
    if len(users) < 3 or len(organisations) < 2:
        return
    olwen, gareth, sara = users["olwen.price"], users["gareth.lewis"], users["sara.rees"]
    safety, housing = organisations["newport-community-safety"], organisations["newport-housing"]
    named = Purpose.SHARE_WITH_ORGANISATION

    # 1. Consent given to community safety by name; incident summary and name shared.
    case = cases[0]
    record_consent(victim=case.victim, case=case, purpose=named, organisation=safety, decision=Decision.GIVEN,
                   how=How.VERBAL, actor=olwen, at=_at(case, now, 1), note="Happy for the council to help")
    share_with_consent(case, safety, [SharedItem.INCIDENT_SUMMARY, SharedItem.VICTIM_NAME], actor=olwen,
                       at=_at(case, now, 1.1), summary="Repeated anti-social behaviour outside the victim's flat; "
                                                        "please consider the area for the next patrol plan.")

    # 2. Consent to partner agencies as a kind, in writing; more shared with community safety.
    case = cases[1]
    record_consent(victim=case.victim, case=case, purpose=Purpose.SHARE_WITH_KIND,
                   organisation_kind=Organisation.Kind.PARTNER_AGENCY, decision=Decision.GIVEN, how=How.WRITTEN,
                   actor=gareth, at=_at(case, now, 2))
    share_with_consent(case, safety, [SharedItem.INCIDENT_SUMMARY, SharedItem.RISK_ASSESSMENT, SharedItem.NEEDS],
                       actor=gareth, at=_at(case, now, 2.1), summary="The victim would welcome a call about "
                                                                      "target hardening.")

    # 3. Consent given to housing, shared, then withdrawn through the portal: the sharing ended at once.
    case = cases[2]
    record_consent(victim=case.victim, case=case, purpose=named, organisation=housing, decision=Decision.GIVEN,
                   how=How.VERBAL, actor=olwen, at=_at(case, now, 1))
    share_with_consent(case, housing, [SharedItem.INCIDENT_SUMMARY, SharedItem.VICTIM_CONTACT], actor=olwen,
                       at=_at(case, now, 1.2), summary="Tenant may need a move; please contact her.")
    record_consent(victim=case.victim, case=case, purpose=named, organisation=housing, decision=Decision.WITHDRAWN,
                   how=How.PORTAL, actor=None, at=_at(case, now, 3), note="Sorted it out with the landlord herself")

    # 4. Consent refused; an officer asks for a safeguarding override, awaiting sara.rees.
    case = cases[3]
    record_consent(victim=case.victim, case=case, purpose=named, organisation=safety, decision=Decision.REFUSED,
                   how=How.VERBAL, actor=olwen, at=_at(case, now, 1))
    request_safeguarding_disclosure(
        case, safety, [SharedItem.INCIDENT_SUMMARY, SharedItem.RISK_ASSESSMENT], actor=olwen, at=_at(case, now, 1.5),
        justification="Two children live at the address and the suspect has returned twice this week; the "
                      "council's safeguarding team needs to know.",
        summary="Please raise at the next safeguarding hub.")

    # 5. An override asked for by gareth.lewis and approved by sara.rees: in force without consent.
    case = cases[4]
    request = request_safeguarding_disclosure(
        case, safety, [SharedItem.INCIDENT_SUMMARY, SharedItem.CASE_PROGRESS], actor=gareth, at=_at(case, now, 1),
        justification="Serious risk to a vulnerable neighbour; the victim could not be reached.")
    decide_safeguarding_disclosure(request, actor=sara, approve=True, note="Proportionate; review in a month",
                                   at=_at(case, now, 1.2))

    # 6. Survey consent given, multi-agency discussion refused.
    case = cases[5]
    record_consent(victim=case.victim, case=case, purpose=Purpose.SATISFACTION_SURVEY, decision=Decision.GIVEN,
                   how=How.VERBAL, actor=gareth, at=_at(case, now, 1))
    record_consent(victim=case.victim, case=case, purpose=Purpose.MULTI_AGENCY_MEETING, decision=Decision.REFUSED,
                   how=How.VERBAL, actor=gareth, at=_at(case, now, 1.1))
