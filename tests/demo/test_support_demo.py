"""The support demo: the sample directory, and every state of a referral and of the victim's choice for
people to try (nia.jenkins at Connect Gwent, iwan.davies at New Pathways)."""


from django.utils import timezone

from victimcare.cases.models import TimelineEvent
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind
from victimcare.sharing.models import ConsentRecord, Decision, Purpose
from victimcare.support.models import NeedsAssessment, Referral, SupportService


def test_the_sample_directory_is_marked_and_linked(demo, db):
    assert SupportService.objects.count() == SupportService.objects.filter(is_sample=True).count() >= 7
    linked = set(SupportService.objects.exclude(organisation=None).values_list("organisation__code", flat=True))
    assert linked == {"connect-gwent", "victim-support-gwent", "new-pathways"}
    assert all("Sample entry" in s.summary_en and s.phone.startswith("01632 960") for s in SupportService.objects.all())


def test_referrals_in_every_status_to_the_hub_and_new_pathways(demo, db):
    for code in ("connect-gwent", "new-pathways"):
        statuses = set(Referral.objects.filter(service__organisation__code=code).values_list("status", flat=True))
        assert {"sent", "accepted", "in_progress"} <= statuses, code
    assert set(Referral.objects.values_list("status", flat=True)) == set(Referral.Status.values)
    now = timezone.now()
    for kind in (CommitmentKind.REFERRAL_RESPONSE, CommitmentKind.SUPPORT_CONTACT):
        assert Commitment.objects.filter(kind=kind).overdue(now).exists(), kind
        assert Commitment.objects.filter(kind=kind, owner_organisation__code="connect-gwent").exists()
    assert Commitment.objects.filter(kind=CommitmentKind.REFERRAL_RESPONSE,
                                     owner_organisation__code="new-pathways").overdue(now).exists()


def test_choices_declined_opted_out_and_came_back(demo, db):
    assert NeedsAssessment.objects.count() >= 10
    records = ConsentRecord.objects.filter(purpose=Purpose.SUPPORT_REFERRAL)
    assert records.filter(decision=Decision.REFUSED).exists()
    opted_out = records.filter(decision=Decision.WITHDRAWN, note__startswith="Feels recovered")
    assert opted_out.count() >= 4
    came_back = records.filter(decision=Decision.GIVEN, note__startswith="Came back")
    assert came_back.count() >= 2
    for record in came_back:
        assert Referral.objects.filter(case=record.case, status="declined_by_victim").exists()
        assert Referral.objects.filter(case=record.case, status="sent").exists()
    assert not TimelineEvent.objects.filter(occurred_at__gt=timezone.now()).exists()
    assert not TimelineEvent.objects.filter(kind=TimelineEvent.Kind.REFERRAL_CONSENT).exists(), \
        "the histories refer through the consent ledger now"

