"""The support pages: the directory and its administration, the police case pages (needs, choice,
referral), and the caseworker's worklist and referral page, with who may see what."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CrimeFactory, LocalAuthorityFactory, VictimFactory
from victimcare.cases.models import CaseAccessLog
from victimcare.cases.services import open_case
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind
from victimcare.sharing.models import ConsentRecord, Decision, How, Purpose
from victimcare.support import services
from victimcare.support.models import NeedsAssessment, Referral, SupportNeed, SupportService
from victimcare.support.samples import load_sample_services


def referred(case, officer, service, **kwargs):
    services.record_support_choice(case, Decision.GIVEN, how=How.VERBAL, actor=officer, **kwargs)
    return services.send_referral(case, service, actor=officer, needs=[SupportNeed.EMOTIONAL], note="Lives alone")


# --- The directory -------------------------------------------------------------------------------------
def test_the_directory_lists_services_with_samples_tagged_and_filters(client, officer, service, other_service):
    load_sample_services()
    client.force_login(officer)
    page = client.get(reverse("support:directory")).content.decode()
    assert "Sample data" in page and "Age Cymru Gwent" in page and "Victim Support Gwent" in page
    assert "01632 960014" in page
    filtered = client.get(reverse("support:directory"), {"need": "sexual_violence"}).content.decode()
    assert "New Pathways" in filtered and "Age Cymru Gwent" not in filtered
    by_language = client.get(reverse("support:directory"), {"language": "cy", "category": "burglary"})
    assert "New Pathways" not in by_language.content.decode()  # violent crime only
    assert "Add a service" not in page, "only administrators manage the directory"


def test_the_directory_filters_by_area(client, officer, service):
    torfaen = LocalAuthorityFactory(code="W06000020", name_en="Torfaen", name_cy="Tor-faen")
    newport = LocalAuthorityFactory(code="W06000022", name_en="Newport", name_cy="Casnewydd")
    local = SupportService.objects.create(name_en="Torfaen only", name_cy="Tor-faen yn unig", summary_en="x",
                                          summary_cy="x", languages=["en"])
    local.local_authorities.add(torfaen)
    client.force_login(officer)
    in_newport = client.get(reverse("support:directory"), {"area": newport.pk}).content.decode()
    assert "Torfaen only" not in in_newport and "Victim Support Gwent" in in_newport
    assert "Torfaen only" in client.get(reverse("support:directory"), {"area": torfaen.pk}).content.decode()


def test_the_directory_in_welsh(client, officer, service):
    client.cookies.load({"django_language": "cy"})
    client.force_login(officer)
    page = client.get(reverse("support:directory"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert "Gwasanaethau i ddioddefwyr" in page and "Cymorth i Ddioddefwyr Gwent" in page


def test_query_count_of_the_directory_does_not_grow(client, officer, django_assert_max_num_queries):
    load_sample_services()
    client.force_login(officer)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("support:directory")).status_code == 200
    for number in range(10):
        SupportService.objects.create(name_en=f"Extra {number}", name_cy=f"Ychwanegol {number}", summary_en="x",
                                      summary_cy="x", languages=["en"])
    with django_assert_max_num_queries(8):
        assert client.get(reverse("support:directory")).status_code == 200


def test_an_administrator_adds_changes_and_takes_out_a_service(client, administrator, officer):
    client.force_login(administrator)
    bad = client.post(reverse("support:service-add"), {"name_en": "Calm", "email": "not-an-email", "min_age": "30",
                                                       "max_age": "20", "languages": ""})
    assert bad.status_code == 200 and not SupportService.objects.exists()
    page = bad.content.decode()
    for error in ("Enter the name in Welsh", "Enter an email address in the correct format",
                  "Oldest age must be the same as or more than the youngest age",
                  "Enter the languages the service works in"):
        assert error in page
    added = client.post(reverse("support:service-add"), {
        "name_en": "Calm", "name_cy": "Tawel", "summary_en": "Listening", "summary_cy": "Gwrando",
        "needs": ["emotional"], "languages": "en, cy, Polish", "phone": "01632 960099", "min_age": "18"})
    service = SupportService.objects.get()
    assert added.status_code == 302 and service.languages == ["en", "cy", "Polish"] and service.min_age == 18
    client.post(reverse("support:service-edit", kwargs={"service_id": service.pk}), {
        "name_en": "Calm line", "name_cy": "Llinell dawel", "summary_en": "Listening", "summary_cy": "Gwrando",
        "needs": ["emotional", "mental_health"], "languages": "en", "is_sample": "on"})
    service.refresh_from_db()
    assert service.name_en == "Calm line" and service.is_sample and service.needs == ["emotional", "mental_health"]
    client.post(reverse("support:service-deactivate", kwargs={"service_id": service.pk}))
    service.refresh_from_db()
    assert not service.is_active
    client.force_login(officer)
    assert ">Calm line</a>" not in client.get(reverse("support:directory")).content.decode()
    assert client.get(reverse("support:service", kwargs={"service_id": service.pk})).status_code == 404
    assert client.get(reverse("support:service-edit", kwargs={"service_id": service.pk})).status_code == 403


# --- On a police case ----------------------------------------------------------------------------------
def test_the_officer_records_needs_choice_and_refers(client, officer, case, service):
    client.force_login(officer)
    url = reverse("support:needs", kwargs={"case_id": case.pk})
    nothing = client.post(url, {})
    assert "Select the support the victim needs, or that they need none now" in nothing.content.decode()
    assert not NeedsAssessment.objects.exists()
    client.post(url, {"needs": ["emotional", "safety"], "notes": "Lives alone", "submission_id": "2f7c6f3e-1d1e-4c"
                      "9e-9b8f-6f6a3c7f9d10"})
    assert NeedsAssessment.objects.get().needs == ["emotional", "safety"]

    refer_url = reverse("support:refer", kwargs={"case_id": case.pk})
    assert "has not agreed to be referred" in client.get(refer_url).content.decode()
    assert client.post(refer_url, {"service": service.pk}).status_code == 200 and not Referral.objects.exists()

    choice_url = reverse("support:choice", kwargs={"case_id": case.pk})
    client.post(choice_url, {"decision": "given", "how": "written"})
    record = ConsentRecord.objects.get(purpose=Purpose.SUPPORT_REFERRAL)
    assert record.decision == Decision.GIVEN and record.how == How.WRITTEN and record.recorded_by == officer
    client.post(choice_url, {"decision": "given", "how": "written"})  # sent twice: recorded once
    assert ConsentRecord.objects.filter(purpose=Purpose.SUPPORT_REFERRAL).count() == 1

    form = client.get(refer_url).content.decode()
    assert "Victim Support Gwent" in form and 'value="emotional" checked' in form
    sent = client.post(refer_url, {"service": service.pk, "needs": ["emotional"], "note": "Evenings"})
    section = reverse("cases:support", kwargs={"case_id": case.pk})
    assert sent.status_code == 302 and sent["Location"] == section
    referral = Referral.objects.get()
    assert referral.service == service and referral.note == "Evenings" and referral.sent_by == officer
    panel = client.get(section).content.decode()
    assert "Support for the victim" in panel and "Wants support" in panel and "Emotional support" in panel


def test_opting_out_without_consent_is_an_error_on_the_field(client, officer, case):
    client.force_login(officer)
    response = client.post(reverse("support:choice", kwargs={"case_id": case.pk}),
                           {"decision": "withdrawn", "how": "verbal"})
    assert "cannot opt out of it" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_the_call_handler_who_recorded_the_case_may_not_change_its_support(client, call_handler, case):
    client.force_login(call_handler)
    assert client.post(reverse("support:choice", kwargs={"case_id": case.pk}),
                       {"decision": "given", "how": "verbal"}).status_code == 403
    assert not ConsentRecord.objects.exists()


def test_query_count_of_the_case_pages(client, officer, case, service, django_assert_max_num_queries):
    referred(case, officer, service)
    client.force_login(officer)
    for name in ("needs", "choice", "refer"):
        with django_assert_max_num_queries(16):
            assert client.get(reverse(f"support:{name}", kwargs={"case_id": case.pk})).status_code == 200


# --- For the service -----------------------------------------------------------------------------------
def test_the_caseworker_sees_their_referrals_and_works_one(client, officer, caseworker, case, service):
    referral = referred(case, officer, service)
    client.force_login(caseworker)
    worklist = client.get(reverse("support:referrals")).content.decode()
    assert case.victim.full_name in worklist and "Accept or turn down" in worklist
    url = reverse("support:referral", kwargs={"referral_id": referral.pk})
    page = client.get(url).content.decode()
    assert case.victim.full_name in page and case.victim.phone in page and "Lives alone" in page
    assert CaseAccessLog.objects.filter(case=case, user=caseworker, action="viewed", what="support referral").exists()

    update = reverse("support:referral-update", kwargs={"referral_id": referral.pk})
    no_reason = client.post(update, {"action": "reject"})
    assert "Enter why the service is turning the referral down" in no_reason.content.decode()
    client.post(update, {"action": "accept"})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert case.commitments.get(kind=CommitmentKind.SUPPORT_CONTACT).status == Commitment.Status.OPEN
    impossible = client.post(update, {"action": "started"}, follow=True)
    assert "That cannot be done" in impossible.content.decode()
    client.post(update, {"action": "contacted"})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.VICTIM_CONTACTED
    assert case.commitments.get(kind=CommitmentKind.SUPPORT_CONTACT).status == Commitment.Status.MET
    history = client.get(url).content.decode()
    assert "Victim Support Gwent accepted the referral." in history
    assert "Victim Support Gwent contacted the victim." in history
    assert CaseAccessLog.objects.filter(case=case, user=caseworker, action="changed").count() == 2


def test_after_the_victim_opts_out_the_service_no_longer_sees_their_details(client, officer, caseworker, case,
                                                                           service):
    referral = referred(case, officer, service)
    services.record_support_choice(case, Decision.WITHDRAWN, how=How.VERBAL, actor=officer, note="Recovered")
    client.force_login(caseworker)
    assert client.get(reverse("support:referral", kwargs={"referral_id": referral.pk})).status_code == 404
    assert client.get(reverse("sharing:shared-case", kwargs={"case_id": case.pk})).status_code == 404
    ended = client.get(reverse("support:referrals"), {"status": "closed"}).content.decode()
    assert case.crime.reference in ended and "Declined by the victim" in ended
    for detail in (case.victim.full_name, case.victim.phone, "Lives alone"):
        assert detail not in ended


def _post_step(client, referral, action, **data):
    return client.post(reverse("support:referral-update", kwargs={"referral_id": referral.pk}),
                       {"action": action, **data})


ENDING_STEPS = {
    "reject": {"reason": "Outside our area"},
    "close": {"outcome": "Support completed"},
    "declined": {"how": "verbal", "note": "Has family support"},
}


@pytest.mark.parametrize("action", list(ENDING_STEPS))
def test_once_the_service_ends_a_referral_it_no_longer_sees_the_victim(client, officer, caseworker, case, service,
                                                                       action):
    referral = referred(case, officer, service)
    referral_url = reverse("support:referral", kwargs={"referral_id": referral.pk})
    shared_url = reverse("sharing:shared-case", kwargs={"case_id": case.pk})
    client.force_login(caseworker)
    if action == "close":
        _post_step(client, referral, "accept")
    assert client.get(referral_url).status_code == 200
    assert case.victim.full_name in client.get(shared_url).content.decode()
    key = "0b5a0c1e-7d1f-4d55-9a3c-2c7e3f1d2a44"

    done = _post_step(client, referral, action, submission_id=key, **ENDING_STEPS[action])

    assert done.status_code == 302 and done["Location"] == reverse("support:referrals") + "?status=closed"
    assert client.get(referral_url).status_code == 404
    assert _post_step(client, referral, "accept").status_code == 404
    assert client.get(shared_url).status_code == 404
    lists = [client.get(reverse("support:referrals"), {"status": status}) for status in ("active", "closed")]
    for listed in lists:
        page = listed.content.decode()
        assert case.victim.full_name not in page and case.victim.phone not in page and "Lives alone" not in page
        assert referral_url not in page
    ended = lists[1].content.decode()
    referral.refresh_from_db()
    assert case.crime.reference in ended and referral.get_status_display() in ended
    # The same step sent again (a double click, a retry) answers as the first did, and is recorded once.
    again = _post_step(client, referral, action, submission_id=key, **ENDING_STEPS[action])
    assert again.status_code == 302 and again["Location"].endswith("?status=closed")
    assert case.timeline.filter(kind="sharing_ended").count() == 1


def test_the_ended_step_says_the_details_are_no_longer_shared(client, officer, caseworker, case, service):
    referral = referred(case, officer, service)
    client.force_login(caseworker)
    page = client.post(reverse("support:referral-update", kwargs={"referral_id": referral.pk}),
                       {"action": "reject", "reason": "Full"}, follow=True).content.decode()
    assert "Referral turned down. The police have been told" in page and "no longer shared" in page


def test_recording_the_victims_decline_asks_how_they_said_it(client, officer, caseworker, case, service):
    referral = referred(case, officer, service)
    client.force_login(caseworker)
    page = _post_step(client, referral, "declined", note="No thanks").content.decode()
    assert "Select how the victim told you" in page
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT
    _post_step(client, referral, "declined", how="written", note="No thanks")
    choice = services.current_choice(case.victim)
    assert choice.decision == Decision.REFUSED and choice.how == How.WRITTEN and choice.recorded_by == caseworker
    client.force_login(officer)
    panel = client.get(reverse("cases:support", kwargs={"case_id": case.pk})).content.decode()
    assert "Does not want support" in panel and "Refer to a support service" not in panel


def test_a_caseworker_sees_only_referrals_to_their_service(client, officer, caseworker, other_caseworker, case,
                                                          service, other_service, unit, call_handler):
    mine = referred(case, officer, service)
    other_case = open_case(victim=VictimFactory(given_name="Gwen", family_name="Parry"),
                           crime=CrimeFactory(offence="sexual-assault"), unit=unit, officer=officer,
                           recorded_by=call_handler)
    theirs = referred(other_case, officer, other_service)
    client.force_login(other_caseworker)
    assert client.get(reverse("support:referral", kwargs={"referral_id": mine.pk})).status_code == 404
    assert client.post(reverse("support:referral-update", kwargs={"referral_id": mine.pk}),
                       {"action": "accept"}).status_code == 404
    listed = client.get(reverse("support:referrals")).content.decode()
    assert "Gwen Parry" in listed and case.victim.full_name not in listed
    assert client.get(reverse("cases:detail", kwargs={"case_id": other_case.pk})).status_code == 404
    client.force_login(caseworker)
    assert client.get(reverse("support:referral", kwargs={"referral_id": theirs.pk})).status_code == 404
    assert client.get(reverse("support:referral", kwargs={"referral_id": 99999})).status_code == 404
    mine.refresh_from_db()
    assert mine.status == Referral.Status.SENT


def test_the_hubs_caseworker_sees_its_member_services_referrals(client, officer, case, service, hub):
    from tests.conftest import _member
    from victimcare.organisations.models import Membership

    hub_worker = _member("hub-worker", hub, Membership.Role.CASEWORKER)
    referral = referred(case, officer, service)
    client.force_login(hub_worker)
    assert client.get(reverse("support:referral", kwargs={"referral_id": referral.pk})).status_code == 200


def test_overdue_referrals_stand_out(client, officer, caseworker, case, service):
    referred(case, officer, service, at=timezone.now() - dt.timedelta(days=10))
    Referral.objects.update(sent_at=timezone.now() - dt.timedelta(days=10))
    Commitment.objects.filter(kind=CommitmentKind.REFERRAL_RESPONSE).update(
        due_at=timezone.now() - dt.timedelta(days=5))
    client.force_login(caseworker)
    page = client.get(reverse("support:referrals")).content.decode()
    assert "app-row--overdue" in page and "Overdue" in page


@pytest.mark.parametrize("count", [1, 6])
def test_query_count_of_the_service_pages(client, officer, caseworker, unit, call_handler, service, count,
                                          django_assert_max_num_queries):
    referrals = []
    for _ in range(count):
        case = open_case(victim=VictimFactory(), crime=CrimeFactory(), unit=unit, officer=officer,
                         recorded_by=call_handler)
        referrals.append(referred(case, officer, service))
    client.force_login(caseworker)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("support:referrals")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("support:referral", kwargs={"referral_id": referrals[0].pk})).status_code == 200


def test_the_case_page_panel_queries_do_not_grow_with_referrals(client, officer, caseworker, case, service):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    referral = referred(case, officer, service)
    url = reverse("cases:support", kwargs={"case_id": case.pk})
    client.get(url)  # the first visit also saves the session
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    services.reject_referral(referral, reason="Full", actor=caseworker)
    for _ in range(3):  # the victim comes back each time, after declining at the service
        services.record_support_choice(case, Decision.GIVEN, how=How.VERBAL, actor=officer)
        again = services.send_referral(case, service, actor=officer)
        services.record_declined_by_victim(again, actor=caseworker)
    services.record_support_choice(case, Decision.REFUSED, how=How.WRITTEN, actor=officer)
    services.record_needs_assessment(case, [SupportNeed.HOUSING], actor=officer)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert page.count("Declined by the victim") == 3
    # The section holds no timeline: neither the page nor the support panel's own tables read more with the events.
    panel = ("support_referral", "support_needsassessment", "support_supportservice", "sharing_consentrecord")
    ours = [sum(1 for q in run.captured_queries if any(t in q["sql"] for t in panel)) for run in (one, many)]
    assert ours[0] == ours[1]
    assert len(one.captured_queries) == len(many.captured_queries) <= 13
