"""The sharing demo: each state is there for people to try."""

from victimcare.sharing.access import shared_case_ids
from victimcare.sharing.models import ConsentRecord, Disclosure, LawfulBasis
from victimcare.sharing.services import CONSENT_WITHDRAWN


def test_the_demo_shows_sharing_in_each_state(demo, db):
    from victimcare.organisations.models import Organisation

    safety = Organisation.objects.get(code="newport-community-safety")
    housing = Organisation.objects.get(code="newport-housing")
    assert len(shared_case_ids([safety.pk])) >= 3
    ended = Disclosure.objects.get(organisation=housing, ended_reason=CONSENT_WITHDRAWN)
    assert ended.status == Disclosure.Status.ENDED
    assert ended.case_id not in shared_case_ids([housing.pk])
    waiting = Disclosure.objects.get(status=Disclosure.Status.AWAITING_APPROVAL, requested_by__username="olwen.price",
                                     organisation=safety, justification__startswith="Two children live")
    assert waiting.requested_by.username == "olwen.price" and waiting.lawful_basis == LawfulBasis.SAFEGUARDING
    assert waiting.case.unit.code == "gwent-police-newport"
    approved = Disclosure.objects.get(lawful_basis=LawfulBasis.SAFEGUARDING, status=Disclosure.Status.IN_FORCE,
                                      requested_by__username="gareth.lewis", organisation=safety,
                                      justification__startswith="Serious risk")
    assert approved.decided_by.username == "sara.rees"
    assert {"given", "refused", "withdrawn"} <= set(ConsentRecord.objects.values_list("decision", flat=True))
    for disclosure in Disclosure.objects.all():
        assert disclosure.requested_at >= disclosure.case.opened_at
