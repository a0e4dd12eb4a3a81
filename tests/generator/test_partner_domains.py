"""The generator's parts for victims' services, neighbourhood teams, sharing with partners and multi-agency
meetings: what they write is what the apps' services write, in plausible proportions, and the pages of the
people who work with it show it. On the package's one generated data set (conftest.generated)."""

from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from victimcare.accounts.models import User
from victimcare.cases.models import Case, TimelineEvent
from victimcare.charter.models import Commitment
from victimcare.multiagency.models import Action, AgendaItem, Meeting, MultiAgencyReferral
from victimcare.neighbourhood.models import IncidentNotice, LocalAction
from victimcare.sharing.models import ConsentRecord, Disclosure, Purpose
from victimcare.support.models import NeedsAssessment, Referral

pytestmark = pytest.mark.django_db(transaction=False)


def _generated():
    return Case.objects.filter(firstcontact_assessment__submission_key__startswith="generated-")


def _page(username: str, url: str) -> str:
    client = Client()
    client.force_login(User.objects.get(username=username))
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_every_report_owes_services_information_and_a_needs_assessment(generated):
    rows = generated.rows
    assert rows["charter_commitment"] > 0
    kinds = Counter(Commitment.objects.filter(case__timeline__kind=TimelineEvent.Kind.NEIGHBOURHOOD_NOTIFIED)
                    .values_list("kind", flat=True).distinct().order_by())
    assert {"services_information", "needs_assessment", "neighbourhood_acknowledgement"} <= set(kinds)
    generated_cases = _generated()
    owed = Commitment.objects.filter(case__in=generated_cases, kind="needs_assessment")
    assert owed.count() == generated_cases.count() >= generated.cases * 0.95
    met = owed.filter(status__in=("met", "met_late")).count()
    assert met / owed.count() > 0.8
    assert NeedsAssessment.objects.filter(case__in=generated_cases).count() == met
    informed = Commitment.objects.filter(case__in=generated_cases, kind="services_information")
    assert informed.filter(status__in=("met", "met_late")).count() == TimelineEvent.objects.filter(
        case__in=generated_cases, kind=TimelineEvent.Kind.SERVICES_INFORMATION_GIVEN).count()


def test_referrals_move_through_the_services_statuses(generated):
    referrals = Referral.objects.filter(case__in=_generated()).select_related("disclosure")
    total = referrals.count()
    assert generated.cases * 0.05 < total < generated.cases * 0.3
    statuses = Counter(referral.status for referral in referrals)
    assert statuses["closed"] > statuses["in_progress"] > 0
    assert statuses["declined_by_victim"] > 0 and statuses["victim_contacted"] + statuses["accepted"] > 0
    for referral in referrals:
        assert referral.disclosure.status == ("in_force" if referral.is_active else "ended")
        assert referral.consent.purpose == Purpose.SUPPORT_REFERRAL and referral.consent.decision == "given"
    response = Commitment.objects.filter(kind="referral_response", case__referrals__in=referrals).distinct()
    assert response.count() > total * 0.8
    assert {c.owner_organisation.kind for c in response.select_related("owner_organisation")} == {"victim_service"}
    assert response.filter(owner_person__isnull=False).count() == 0


def test_the_caseworkers_see_their_referrals(generated):
    referral = Referral.objects.filter(case__in=_generated(), service__organisation__code__in=(
        "connect-gwent", "victim-support-gwent"), status="in_progress").select_related("case__crime").first()
    assert referral is not None
    page = _page("nia.jenkins", reverse("support:referrals"))
    assert referral.case.crime.reference in page
    assert "Connect Gwent" in _page("nia.jenkins", reverse("support:referrals") + "?status=closed")
    detail = _page("nia.jenkins", reverse("support:referral", args=[referral.pk]))
    assert referral.case.crime.reference in detail
    if Referral.objects.filter(service__organisation__code="new-pathways",
                               case__in=_generated()).exists():
        assert "New Pathways" in _page("iwan.davies", reverse("support:referrals"))


def test_the_case_page_shows_the_referral_and_the_neighbourhood_team(generated):
    referral = Referral.objects.filter(case__in=_generated(), status="closed").select_related(
        "case__officer", "service").first()
    notice = IncidentNotice.objects.select_related("team").get(case=referral.case)
    page = _page(referral.case.officer.username, reverse("cases:support", args=[referral.case_id]))
    assert referral.service.name_en in page and notice.team.name_en in page
    # The whole timeline: the closing may be older than its newest entries, which are all the page shows at first.
    timeline = _page(referral.case.officer.username,
                     reverse("cases:timeline", args=[referral.case_id]) + "?timeline=all")
    assert "closed its support" in timeline


def test_every_report_reaches_a_neighbourhood_team(generated):
    notices = IncidentNotice.objects.filter(case__in=_generated())
    assert notices.count() > generated.cases * 0.9
    acknowledged = notices.filter(acknowledged_at__isnull=False)
    assert acknowledged.count() > notices.count() * 0.85
    assert all(n.commitment.owner_organisation_id == n.team_id for n in notices.select_related("commitment")[:200])
    assert 0 < LocalAction.objects.filter(notice__in=notices).count() < notices.count() * 0.3
    routed = Counter(notices.values_list("routed_by", flat=True))
    assert routed["ward"] > 0 and routed["default"] > 0
    page = _page("huw.thomas", reverse("neighbourhood:feed"))
    newport = notices.filter(team__code__in=("npt-newport-east", "npt-newport-west")).select_related("crime").order_by(
        "-received_at").first()
    assert newport.crime.reference in page


def test_partners_see_a_modest_list_of_shared_cases(generated):
    shared = Disclosure.objects.filter(organisation__code="newport-community-safety", case__in=_generated())
    assert shared.exists()
    in_force = shared.filter(status="in_force").select_related("case__crime")
    assert in_force.exists() and shared.filter(status="ended").exists()
    assert all(d.case.status == "open" for d in in_force)
    page = _page("mair.evans", reverse("sharing:shared-cases"))
    assert in_force.first().case.crime.reference in page
    consents = ConsentRecord.objects.filter(purpose__in=("share_with_organisation", "share_with_kind"),
                                            case__in=_generated())
    assert Counter(consents.values_list("decision", flat=True))["given"] > 0
    _page("owain.roberts", reverse("sharing:shared-cases"))


def test_high_risk_domestic_abuse_goes_to_a_fortnightly_meeting(generated):
    referrals = MultiAgencyReferral.objects.filter(case__in=_generated())
    assert referrals.exists()
    for referral in referrals.select_related("case__crime"):
        assert referral.case.crime.is_domestic_abuse or referral.status in ("withdrawn", "flagged")
    items = AgendaItem.objects.filter(referral__in=referrals).select_related("meeting")
    assert items.exists()
    meetings = Meeting.objects.filter(agenda__in=items).distinct()
    keys = Counter((m.local_authority_id, m.held_at.date()) for m in meetings)
    assert max(keys.values()) == 1
    assert {m.held_at.weekday() for m in meetings} == {3}
    actions = Action.objects.filter(agenda_item__in=items).select_related("commitment", "owner")
    assert actions.exists()
    assert all(a.commitment.owner_organisation_id == a.owner_id for a in actions)
    assert Counter(a.status for a in actions)["done"] > 0
    discussed = referrals.filter(status="discussed").select_related("case__officer").first()
    case_page = _page(discussed.case.officer.username, reverse("cases:support", args=[discussed.case_id]))
    assert discussed.agenda_items.get().meeting.title in case_page
    _page(discussed.case.officer.username, reverse("multiagency:meetings"))
    meeting = meetings.order_by("-held_at").first()
    page = _page("olwen.price", reverse("multiagency:meeting", args=[meeting.pk]))
    assert meeting.title in page
