"""The demo shows court and witness care working: charged cases owned by gwent-witness-care, hearings past and
upcoming, news told on time, late and not yet (one overdue), and a sentence referred to probation-gwent."""


from django.test import Client
from django.urls import reverse
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.charter.models import Commitment
from victimcare.court.models import Hearing, NewsItem, Prosecution


def test_charged_cases_owned_by_the_witness_care_unit(demo, db):
    prosecutions = list(Prosecution.objects.select_related("witness_care_unit", "case"))
    assert len(prosecutions) == 4
    assert {p.witness_care_unit.code for p in prosecutions} == {"gwent-witness-care"}
    assert all(p.case.status == "open" for p in prosecutions)
    now = timezone.now()
    assert Hearing.objects.filter(starts_at__lt=now).exists() and Hearing.objects.filter(starts_at__gt=now).exists()


def test_news_told_on_time_late_and_overdue(demo, db):
    now = timezone.now()
    states = {(item.commitment.status, item.commitment.is_overdue(now)) for item in
              NewsItem.objects.select_related("commitment")}
    assert ("met", False) in states and ("met_late", False) in states and ("open", True) in states


def test_a_sentence_referred_to_probation(demo, db):
    referral = Commitment.objects.get(kind="vcs_referral")
    assert referral.status == "met"
    contact = Commitment.objects.get(kind="vcs_first_contact")
    assert contact.owner_organisation.code == "probation-gwent"


def test_the_witness_care_officer_sees_the_worklist(demo, db):
    client = Client()
    client.force_login(User.objects.get(username="bethan.owen"))
    page = client.get(reverse("court:witness-care")).content.decode()
    assert "Overdue" in page and "Cardiff Crown Court" in page
