"""The police side: the sharing panel on the case page, the ledger, recording consent, sharing, stopping,
and the supervisor's approvals. Errors name the field; bad input saves nothing."""

import pytest
from django.urls import reverse

from tests.sharing.conftest import give_and_share
from tests.web.conftest import make_case
from victimcare.cases.models import TimelineEvent
from victimcare.organisations.models import Organisation
from victimcare.sharing.models import ConsentRecord, Decision, Disclosure, SharedItem
from victimcare.sharing.services import request_safeguarding_disclosure


def url(name, **kwargs):
    return reverse(f"sharing:{name}", kwargs=kwargs)


def consent_form(**fields):
    return {"purpose": "share_with_organisation", "decision": "given", "how": "verbal", "note": "", **fields}


def share_form(organisation, **fields):
    return {"organisation": organisation.pk, "items": ["incident_summary", "victim_name"], "summary": "Check in",
            "basis": "consent", "justification": "", **fields}


def section(case):
    return reverse("cases:support", kwargs={"case_id": case.pk})


def test_the_case_page_shows_current_choices_and_disclosures(client, case, officer, partner_agency):
    give_and_share(case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY])
    client.force_login(officer)
    html = client.get(section(case)).content.decode()
    assert "Consent and information sharing" in html
    assert "Sharing with a named organisation: Newport Community Safety" in html
    assert "In force" in html and "The victim&#x27;s consent" in html
    assert url("record-consent", case_id=case.pk) in html and url("share", case_id=case.pk) in html
    assert url("ledger", case_id=case.pk) in html
    disclosure = Disclosure.objects.get()
    assert url("end", disclosure_id=disclosure.pk) in html


def test_the_call_handler_sees_the_panel_without_actions(client, case, call_handler):
    client.force_login(call_handler)
    html = client.get(section(case)).content.decode()
    assert "No consent has been recorded for this victim." in html
    assert url("record-consent", case_id=case.pk) not in html
    assert client.post(url("record-consent", case_id=case.pk), consent_form()).status_code == 403
    assert client.get(url("ledger", case_id=case.pk)).status_code == 200


def test_recording_consent(client, case, officer, partner_agency):
    client.force_login(officer)
    response = client.post(url("record-consent", case_id=case.pk),
                           consent_form(organisation=partner_agency.pk, note="Summary only"))
    assert response.status_code == 302 and response["Location"] == section(case)
    record = ConsentRecord.objects.get()
    assert (record.organisation, record.decision, record.recorded_by, record.note) == (
        partner_agency, Decision.GIVEN, officer, "Summary only")
    ledger = client.get(url("ledger", case_id=case.pk)).content.decode()
    assert "Newport Community Safety" in ledger and "Summary only" in ledger and str(officer) in ledger


def test_consent_errors_name_the_field(client, case, officer):
    client.force_login(officer)
    response = client.post(url("record-consent", case_id=case.pk), consent_form(decision="", how=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select the organisation the victim&#x27;s choice is about" in html
    assert "Select what the victim decided" in html and "Select how the victim made their choice" in html
    response = client.post(url("record-consent", case_id=case.pk),
                           consent_form(purpose="share_with_kind"))
    assert "Select the kind of organisation the victim&#x27;s choice is about" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_withdrawing_what_was_never_given_is_an_error(client, case, officer, partner_agency):
    client.force_login(officer)
    response = client.post(url("record-consent", case_id=case.pk),
                           consent_form(organisation=partner_agency.pk, decision="withdrawn"))
    assert "cannot be withdrawn" in response.content.decode()
    assert not ConsentRecord.objects.exists()


def test_a_double_submit_records_once(client, case, officer, partner_agency):
    client.force_login(officer)
    form = consent_form(organisation=partner_agency.pk, submission_id="2f1c7e4e-1111-4111-8111-111111111111")
    client.post(url("record-consent", case_id=case.pk), form)
    client.post(url("record-consent", case_id=case.pk), form)
    assert ConsentRecord.objects.count() == 1
    share = share_form(partner_agency, submission_id="2f1c7e4e-2222-4222-8222-222222222222")
    client.post(url("share", case_id=case.pk), share)
    client.post(url("share", case_id=case.pk), share)
    assert Disclosure.objects.count() == 1


def test_sharing_without_consent_is_an_error_and_saves_nothing(client, case, officer, partner_agency):
    client.force_login(officer)
    response = client.post(url("share", case_id=case.pk), share_form(partner_agency))
    html = response.content.decode()
    assert response.status_code == 200
    assert "The victim has not consented to sharing with Newport Community Safety" in html
    assert 'href="#id_basis"' in html
    assert not Disclosure.objects.exists()
    assert not TimelineEvent.objects.filter(kind=TimelineEvent.Kind.INFORMATION_SHARED).exists()


def test_share_form_errors(client, case, officer, partner_agency):
    client.force_login(officer)
    response = client.post(url("share", case_id=case.pk), {"basis": "safeguarding", "items": []})
    html = response.content.decode()
    for error in ("Select the organisation to share with", "Select what you are sharing",
                  "Enter why sharing without the victim&#x27;s consent is justified"):
        assert error in html, error
    response = client.post(url("share", case_id=case.pk), {**share_form(partner_agency), "organisation": case.unit_id})
    assert "Select the organisation to share with" in response.content.decode(), "a police unit is not a choice"
    assert not Disclosure.objects.exists()


def test_sharing_with_consent_and_asking_for_an_override(client, case, officer, partner_agency, victim_service):
    client.force_login(officer)
    client.post(url("record-consent", case_id=case.pk), consent_form(
        purpose="share_with_kind", organisation_kind=Organisation.Kind.PARTNER_AGENCY))
    shared = client.post(url("share", case_id=case.pk), share_form(partner_agency))
    assert shared.status_code == 302 and shared["Location"] == section(case)
    assert Disclosure.objects.get().status == Disclosure.Status.IN_FORCE
    response = client.post(url("share", case_id=case.pk), share_form(
        victim_service, basis="safeguarding", justification="Children in the house"))
    assert response.status_code == 302 and response["Location"] == section(case)
    assert Disclosure.objects.get(organisation=victim_service).status == Disclosure.Status.AWAITING_APPROVAL


def test_stopping_sharing(client, case, officer, partner_agency):
    disclosure = give_and_share(case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY])
    client.force_login(officer)
    response = client.post(url("end", disclosure_id=disclosure.pk), {"reason": ""})
    assert "Enter why sharing is ending" in response.content.decode()
    response = client.post(url("end", disclosure_id=disclosure.pk), {"reason": "Housing case closed"})
    assert response.status_code == 302 and response["Location"] == section(case)
    disclosure.refresh_from_db()
    assert disclosure.status == Disclosure.Status.ENDED and disclosure.ended_reason == "Housing case closed"
    already = client.get(url("end", disclosure_id=disclosure.pk))
    assert already.status_code == 302 and already["Location"] == section(case), "already ended"


def test_approvals(client, case, officer, supervisor, partner_agency):
    request = request_safeguarding_disclosure(case, partner_agency, [SharedItem.RISK_ASSESSMENT], actor=officer,
                                              justification="Children in the house")
    client.force_login(supervisor)
    html = client.get(url("approvals")).content.decode()
    assert case.crime.reference in html and url("decide", disclosure_id=request.pk) in html
    assert f'href="{section(case)}"' in html, "the case's sharing panel"
    response = client.post(url("decide", disclosure_id=request.pk), {"decision": ""})
    assert "Select whether you approve" in response.content.decode()
    response = client.post(url("decide", disclosure_id=request.pk), {"decision": "approve", "note": "Agreed"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Disclosure.Status.IN_FORCE and request.decided_by == supervisor
    assert case.crime.reference not in client.get(url("approvals")).content.decode()


def test_a_supervisor_cannot_decide_their_own_request(client, case, supervisor, partner_agency):
    request = request_safeguarding_disclosure(case, partner_agency, [SharedItem.RISK_ASSESSMENT], actor=supervisor,
                                              justification="Children in the house")
    client.force_login(supervisor)
    html = client.get(url("decide", disclosure_id=request.pk)).content.decode()
    assert "Another supervisor of the unit must decide it." in html
    response = client.post(url("decide", disclosure_id=request.pk), {"decision": "approve"})
    assert "Someone else must decide a request you made" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Disclosure.Status.AWAITING_APPROVAL


def test_refusing_an_override(client, case, officer, supervisor, partner_agency, partner):
    request = request_safeguarding_disclosure(case, partner_agency, [SharedItem.RISK_ASSESSMENT], actor=officer,
                                              justification="Children in the house")
    client.force_login(supervisor)
    client.post(url("decide", disclosure_id=request.pk), {"decision": "refuse"})
    request.refresh_from_db()
    assert request.status == Disclosure.Status.REFUSED
    client.force_login(partner)
    assert client.get(url("shared-case", case_id=case.pk)).status_code == 404


@pytest.mark.parametrize("many", [1, 10])
def test_query_counts_do_not_grow(client, unit, officer, supervisor, call_handler, partner_agency, many,
                                  django_assert_max_num_queries):
    cases = [make_case(unit, officer, call_handler) for _ in range(many)]
    for case in cases:
        give_and_share(case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY])
        request_safeguarding_disclosure(case, partner_agency, [SharedItem.NEEDS], actor=officer, justification="x")
    case = cases[-1]
    for _ in range(many):
        give_and_share(case, officer, partner_agency, [SharedItem.VICTIM_NAME])
    client.force_login(officer)
    client.get(url("ledger", case_id=case.pk))
    # Each bound includes the session, the user and their authenticator (the two-factor check).
    with django_assert_max_num_queries(8):
        assert client.get(url("ledger", case_id=case.pk)).status_code == 200
    with django_assert_max_num_queries(11):  # the case page's section with the sharing panel, as measured
        assert "Consent and information sharing" in client.get(section(case)).content.decode()
    with django_assert_max_num_queries(8):
        assert client.get(url("record-consent", case_id=case.pk)).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(url("share", case_id=case.pk)).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(url("end", disclosure_id=Disclosure.objects.filter(
            case=case, status="in_force").first().pk)).status_code == 200
    client.force_login(supervisor)
    client.get(url("approvals"))
    with django_assert_max_num_queries(6):
        assert client.get(url("approvals")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(url("decide", disclosure_id=Disclosure.objects.filter(
            case=case, status="awaiting_approval").first().pk)).status_code == 200


def test_on_a_closed_case_consent_can_still_be_withdrawn_but_nothing_more_shared(client, case, officer,
                                                                                 partner_agency, partner):
    from victimcare.cases.services import close_case

    disclosure = give_and_share(case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY])
    close_case(case, actor=officer)
    client.force_login(officer)
    html = client.get(section(case)).content.decode()
    assert url("record-consent", case_id=case.pk) in html and url("end", disclosure_id=disclosure.pk) in html
    assert url("share", case_id=case.pk) not in html
    response = client.post(url("share", case_id=case.pk), share_form(partner_agency))
    assert "This case is closed" in response.content.decode()
    assert Disclosure.objects.count() == 1
    client.post(url("record-consent", case_id=case.pk),
                consent_form(organisation=partner_agency.pk, decision="withdrawn", how="written"))
    disclosure.refresh_from_db()
    assert disclosure.status == Disclosure.Status.ENDED
    client.force_login(partner)
    assert client.get(url("shared-case", case_id=case.pk)).status_code == 404
