"""The multi-agency pages: who sees what, forms that record once and save nothing when wrong, the case
panel, and query counts that do not grow with the agenda."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.multiagency.conftest import consent_to_meeting, report
from tests.web.conftest import count_queries, in_welsh
from victimcare.cases.models import CaseAccessLog
from victimcare.multiagency import services
from victimcare.multiagency.models import Action, AgendaItem, Meeting, MultiAgencyReferral
from victimcare.sharing.models import Decision, Disclosure

pytestmark = pytest.mark.django_db


def meeting_url(meeting):
    return reverse("multiagency:meeting", kwargs={"meeting_id": meeting.pk})


def date_parts(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


# --- The list -------------------------------------------------------------------------------------
def test_police_see_their_forces_meetings_and_agencies_only_those_they_attend(
        client, meeting, other_officer, partner, other_partner, call_handler):
    client.force_login(other_officer)  # another unit of the same force
    assert "Newport MARAC" in client.get(reverse("multiagency:meetings")).content.decode()
    client.force_login(partner)
    assert "Newport MARAC" in client.get(reverse("multiagency:meetings")).content.decode()
    client.force_login(other_partner)
    page = client.get(reverse("multiagency:meetings")).content.decode()
    assert "Newport MARAC" not in page and "No meetings are planned." in page
    client.force_login(call_handler)
    assert client.get(reverse("multiagency:meetings")).status_code == 403


def test_the_list_query_count_does_not_grow_with_meetings(client, force, unit, officer, partner_agency,
                                                          victim_service, django_assert_max_num_queries):
    client.force_login(officer)
    for days in (1, -1):  # one upcoming, one past
        services.create_meeting(force=force, held_at=timezone.now() + dt.timedelta(days=days), title="One",
                                chair=unit, attending=[partner_agency], actor=officer)
    one = count_queries(client, reverse("multiagency:meetings"))
    for n in range(6):
        services.create_meeting(force=force, held_at=timezone.now() + dt.timedelta(days=n - 3), title=f"M{n}",
                                chair=unit, attending=[partner_agency, victim_service], actor=officer)
    with django_assert_max_num_queries(one):
        client.get(reverse("multiagency:meetings"))
    print(f"meetings list: {one} queries")


# --- The meeting page -----------------------------------------------------------------------------
def test_an_agency_sees_only_what_was_shared_with_it_and_its_own_actions(
        client, listed, officer, partner, caseworker, partner_agency, victim_service):
    services.agree_action(listed, owner=partner_agency, description="Fit a door alarm",
                          due_on=timezone.localdate() + dt.timedelta(days=5), actor=officer)
    services.agree_action(listed, owner=victim_service, description="Offer an IDVA",
                          due_on=timezone.localdate() + dt.timedelta(days=5), actor=officer)
    case = listed.referral.case
    client.force_login(partner)
    page = client.get(meeting_url(listed.meeting)).content.decode()
    assert "Megan Pritchard" in page and "At home" in page  # victim name and incident summary shared
    assert "07700 900456" not in page and "1 High Street" not in page  # contact details never shared
    assert case.crime.reference not in page and "DASH" not in page  # nor the reference or the risk
    assert "Fit a door alarm" in page and "Offer an IDVA" not in page
    assert CaseAccessLog.objects.filter(case=case, user=partner, action="viewed", what="multi-agency meeting").exists()

    client.force_login(caseworker)
    page = client.get(meeting_url(listed.meeting)).content.decode()
    assert "DASH score 16" in page and "Megan Pritchard" not in page and "At home" not in page
    assert "Offer an IDVA" in page and "Fit a door alarm" not in page


def test_withdrawing_consent_takes_it_from_the_agencys_page_at_once(client, listed, officer, partner):
    client.force_login(partner)
    assert "Megan Pritchard" in client.get(meeting_url(listed.meeting)).content.decode()
    consent_to_meeting(listed.referral.case, officer, Decision.WITHDRAWN)
    page = client.get(meeting_url(listed.meeting)).content.decode()
    assert "Megan Pritchard" not in page
    assert "Nothing about this case has been shared with your organisation." in page


def test_the_police_see_the_whole_agenda_and_each_read_is_logged(client, listed, other_officer):
    client.force_login(other_officer)
    page = client.get(meeting_url(listed.meeting)).content.decode()
    case = listed.referral.case
    assert case.crime.reference in page and "Megan Pritchard" in page and "07700 900456" in page
    assert "High risk on the DASH checklist" in page
    assert CaseAccessLog.objects.filter(case=case, user=other_officer, what="multi-agency meeting").count() == 1


def test_a_meeting_the_agency_does_not_attend_is_a_404(client, listed, other_partner, neighbourhood, partner):
    for user in (other_partner, neighbourhood):
        client.force_login(user)
        assert client.get(meeting_url(listed.meeting)).status_code == 404
    client.force_login(partner)
    assert client.get(reverse("multiagency:meeting", kwargs={"meeting_id": 999999})).status_code == 404
    item_url = reverse("multiagency:action-add", kwargs={"item_id": listed.pk})
    assert client.get(item_url).status_code == 404


def test_the_meeting_page_query_count_does_not_grow_with_the_agenda(
        client, listed, officer, partner, partner_agency, victim_service, django_assert_max_num_queries):
    services.agree_action(listed, owner=partner_agency, description="One", due_on=timezone.localdate(), actor=officer)
    counts = {}
    for user in (officer, partner):
        client.force_login(user)
        counts[user.username] = count_queries(client, meeting_url(listed.meeting))
    for n in range(4):
        case = report(officer, dash=15, family_name=f"Victim{n}")
        consent_to_meeting(case, officer)
        item = services.add_to_agenda(listed.meeting, case.multi_agency_referrals.get(), actor=officer,
                                      basis="consent", items_by_agency={partner_agency: ["victim_name", "needs"],
                                                                        victim_service: ["risk_assessment"]})
        for owner in (partner_agency, victim_service):
            services.agree_action(item, owner=owner, description="x", due_on=timezone.localdate(), actor=officer)
    for user in (officer, partner):
        client.force_login(user)
        with django_assert_max_num_queries(counts[user.username]):
            client.get(meeting_url(listed.meeting))
    print(f"meeting page: {counts}")


# --- Creating a meeting and adding to its agenda --------------------------------------------------
def test_an_officer_creates_a_meeting(client, officer, unit, partner_agency, victim_service):
    client.force_login(officer)
    day = timezone.localdate() + dt.timedelta(days=10)
    data = {"title": "Newport MARAC", **date_parts("held_on", day), "time": "10:30", "local_authority": "",
            "chair": str(unit.pk), "attending": [str(partner_agency.pk), str(victim_service.pk)],
            "submission_id": "7d3d1f0e-1111-4c4c-9a9a-123456789abc"}
    response = client.post(reverse("multiagency:meeting-create"), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting_url(meeting)
    assert timezone.localtime(meeting.held_at).time() == dt.time(10, 30)
    assert set(meeting.attending.all()) == {partner_agency, victim_service} and meeting.force == unit.parent
    client.post(reverse("multiagency:meeting-create"), data)  # sent twice: one meeting
    assert Meeting.objects.count() == 1


def test_a_meeting_with_bad_input_saves_nothing_and_names_each_field(client, officer, unit):
    client.force_login(officer)
    response = client.post(reverse("multiagency:meeting-create"), {"title": "", "time": "25:00", "chair": ""})
    page = response.content.decode()
    assert response.status_code == 200 and not Meeting.objects.exists()
    for message in ("Enter a title", "Enter the date of the meeting", "Enter the time as hours and minutes",
                    "Select who chairs the meeting", "Select the agencies attending"):
        assert message in page


def test_adding_a_case_with_consent_from_the_page(client, flagged_case, meeting, officer, partner_agency,
                                                  victim_service):
    consent_to_meeting(flagged_case, officer)
    referral = flagged_case.multi_agency_referrals.get()
    client.force_login(officer)
    url = reverse("multiagency:agenda-add", kwargs={"meeting_id": meeting.pk})
    page = client.get(url).content.decode()
    assert "consent to discuss given" in page
    response = client.post(url, {"referral": str(referral.pk), "basis": "consent", "justification": "",
                                 f"items_{partner_agency.pk}": ["incident_summary", "victim_name"],
                                 "submission_id": "7d3d1f0e-2222-4c4c-9a9a-123456789abc"})
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert {d.organisation for d in item.disclosures.all()} == {partner_agency}
    page = client.get(meeting_url(meeting)).content.decode()
    assert "In force" in page and "Nothing shared" in page  # the partner agency, the victims' service


def test_consent_cannot_be_claimed_when_the_victim_has_not_given_it(client, flagged_case, meeting, officer,
                                                                    partner_agency):
    referral = flagged_case.multi_agency_referrals.get()
    client.force_login(officer)
    url = reverse("multiagency:agenda-add", kwargs={"meeting_id": meeting.pk})
    response = client.post(url, {"referral": str(referral.pk), "basis": "consent",
                                 f"items_{partner_agency.pk}": ["victim_name"]})
    assert "The victim has not consented to discussion at a multi-agency meeting" in response.content.decode()
    response = client.post(url, {"referral": str(referral.pk), "basis": "safeguarding", "justification": "",
                                 f"items_{partner_agency.pk}": ["victim_name"]})
    assert "Enter why the information is shared without consent" in response.content.decode()
    assert not AgendaItem.objects.exists() and not Disclosure.objects.exists()
    response = client.post(url, {"referral": str(referral.pk), "basis": "safeguarding",
                                 "justification": "Children in the household",
                                 f"items_{partner_agency.pk}": ["victim_name"]})
    assert response.status_code == 302
    assert "Awaiting a supervisor" in client.get(meeting_url(meeting)).content.decode()


def test_the_flagged_page_marks_repeats(client, officer, partner, django_assert_max_num_queries):
    first = report(officer, dash=15, at=timezone.now() - dt.timedelta(days=60))
    MultiAgencyReferral.objects.filter(case=first).update(status="discussed")
    repeat = report(officer, victim_id=first.victim_id, dash=16)
    client.force_login(officer)
    url = reverse("multiagency:flagged")
    page = client.get(url).content.decode()
    assert page.count("Repeat") == 1 and "High risk on the DASH checklist" in page
    assert f'href="{reverse("cases:support", kwargs={"case_id": repeat.pk})}"' in page, "to the multi-agency panel"
    one = count_queries(client, url)
    for n in range(4):
        report(officer, dash=15, family_name=f"More{n}")
    with django_assert_max_num_queries(one):
        client.get(url)
    client.force_login(partner)
    assert client.get(url).status_code == 403


# --- Actions --------------------------------------------------------------------------------------
def test_recording_an_action_and_the_partner_marking_it_done(client, listed, officer, partner, caseworker,
                                                             partner_agency):
    client.force_login(officer)
    due = timezone.localdate() + dt.timedelta(days=7)
    url = reverse("multiagency:action-add", kwargs={"item_id": listed.pk})
    response = client.post(url, {"owner": str(partner_agency.pk), "description": "Fit a door alarm",
                                 **date_parts("due_on", due), "submission_id": "7d3d1f0e-3333-4c4c-9a9a-123456789abc"})
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.commitment.owner_organisation == partner_agency and action.due_on == due
    done_url = reverse("multiagency:action-done", kwargs={"action_id": action.pk})
    client.force_login(caseworker)  # attends, but does not own it
    assert client.get(done_url).status_code == 404
    client.force_login(partner)
    assert client.post(done_url, {"submission_id": "7d3d1f0e-4444-4c4c-9a9a-123456789abc"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "done" and action.commitment.status == "met"


def test_an_action_with_a_past_due_date_is_refused(client, listed, officer, partner_agency):
    client.force_login(officer)
    url = reverse("multiagency:action-add", kwargs={"item_id": listed.pk})
    response = client.post(url, {"owner": str(partner_agency.pk), "description": "x",
                                 **date_parts("due_on", timezone.localdate() - dt.timedelta(days=1))})
    assert "The due date must be today or in the future" in response.content.decode()
    assert not Action.objects.exists()


def test_the_police_cancel_an_action_with_a_reason(client, listed, officer, partner, partner_agency):
    action = services.agree_action(listed, owner=partner_agency, description="x", due_on=timezone.localdate(),
                                   actor=officer)
    url = reverse("multiagency:action-cancel", kwargs={"action_id": action.pk})
    client.force_login(partner)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    assert "Enter why the action is cancelled" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "No longer needed"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "cancelled" and action.commitment.status == "waived"


# --- Flagging from the case page ------------------------------------------------------------------
def test_flag_and_withdraw_from_the_case_page(client, case, officer, call_handler):
    client.force_login(officer)
    section = reverse("cases:support", kwargs={"case_id": case.pk})
    page = client.get(section).content.decode()
    assert "Not flagged for a multi-agency meeting." in page and "Flag on professional judgement" in page
    url = reverse("multiagency:flag", kwargs={"case_id": case.pk})
    assert "Enter why the case should go to a multi-agency meeting" in client.post(url, {"note": ""}).content.decode()
    flagged = client.post(url, {"note": "Threats to kill"})
    assert flagged.status_code == 302 and flagged["Location"] == section
    page = client.get(section).content.decode()
    assert "Professional judgement" in page and "Threats to kill" in page and "Withdraw the flag" in page
    withdraw = reverse("multiagency:withdraw", kwargs={"case_id": case.pk})
    withdrawn = client.post(withdraw, {"reason": "Flagged on the wrong case"})
    assert withdrawn.status_code == 302 and withdrawn["Location"] == section
    assert MultiAgencyReferral.objects.get().status == "withdrawn"
    client.force_login(call_handler)
    assert client.get(url).status_code == 403


def test_the_panel_shows_a_repeat_its_meetings_and_actions_in_welsh(client, listed, officer, partner_agency):
    services.agree_action(listed, owner=partner_agency, description="Fit a door alarm",
                          due_on=timezone.localdate() + dt.timedelta(days=3), actor=officer)
    MultiAgencyReferral.objects.filter(pk=listed.referral_id).update(is_repeat=True)
    client.force_login(officer)
    section = reverse("cases:support", kwargs={"case_id": listed.referral.case_id})
    page = client.get(section).content.decode()
    assert "Repeat referral" in page and "Newport MARAC" in page and "Fit a door alarm" in page
    page = in_welsh(client).get(section).content.decode()
    assert "Atgyfeiriad ailadroddus" in page and "Asesiad risg amlasiantaethol" in page


def test_the_case_page_section_query_count_does_not_grow_with_the_panels_actions(
        client, listed, officer, partner_agency, victim_service, django_assert_max_num_queries):
    services.agree_action(listed, owner=partner_agency, description="One", due_on=timezone.localdate(), actor=officer)
    section = reverse("cases:support", kwargs={"case_id": listed.referral.case_id})
    client.force_login(officer)
    client.get(section)  # the first visit also saves the session
    one = count_queries(client, section)
    for n in range(4):
        for owner in (partner_agency, victim_service):
            services.agree_action(listed, owner=owner, description=f"Action {n}", due_on=timezone.localdate(),
                                  actor=officer)
    with django_assert_max_num_queries(one):
        page = client.get(section).content.decode()
    assert "Action 3" in page
    assert one <= 14, f"support and partners section: {one} queries, measured at 14"


def test_the_agenda_form_offers_every_item_the_sharing_app_knows():
    from victimcare.multiagency.forms import ITEM_CHOICES
    from victimcare.sharing.models import SharedItem

    assert [value for value, _label in ITEM_CHOICES] == SharedItem.values


def test_the_form_pages_query_counts_do_not_grow_with_cases_or_agencies(
        client, listed, officer, force, unit, partner_agency, django_assert_max_num_queries):
    from tests.factories import OrganisationFactory
    from victimcare.organisations.models import Organisation

    action = services.agree_action(listed, owner=partner_agency, description="x", due_on=timezone.localdate(),
                                   actor=officer)
    case = report(officer, dash=15, family_name="Awaiting")
    urls = [reverse("multiagency:meeting-create"),
            reverse("multiagency:agenda-add", kwargs={"meeting_id": listed.meeting_id}),
            reverse("multiagency:action-add", kwargs={"item_id": listed.pk}),
            reverse("multiagency:action-done", kwargs={"action_id": action.pk}),
            reverse("multiagency:action-cancel", kwargs={"action_id": action.pk}),
            reverse("multiagency:flag", kwargs={"case_id": case.pk}),
            reverse("multiagency:withdraw", kwargs={"case_id": case.pk})]
    client.force_login(officer)
    counts = {url: count_queries(client, url) for url in urls}
    for n in range(4):
        report(officer, dash=15, family_name=f"More{n}")
        listed.meeting.attending.add(OrganisationFactory(kind=Organisation.Kind.PARTNER_AGENCY))
        OrganisationFactory(parent=force, kind=Organisation.Kind.UNIT)
    for url, one in counts.items():
        with django_assert_max_num_queries(one):
            client.get(url)
    print(f"form pages: {counts}")


# --- What an agency is told about the meeting, in its reader's language ---------------------------------
def _held_on(meeting, language):
    from django.utils import translation
    from django.utils.formats import date_format

    with translation.override(language):
        return date_format(timezone.localdate(meeting.held_at), "j F Y")


def test_the_meeting_is_stored_as_facts_not_an_english_sentence(listed):
    meeting = listed.meeting
    for disclosure in listed.disclosures.all():
        assert disclosure.summary == ""
        assert disclosure.context == {"meeting": meeting.pk, "meeting_title": "Newport MARAC",
                                      "meeting_date": timezone.localdate(meeting.held_at).isoformat()}


def test_a_welsh_reader_is_told_about_the_meeting_in_welsh(client, listed, partner):
    url = reverse("sharing:shared-case", kwargs={"case_id": listed.referral.case_id})
    client.force_login(partner)
    english = client.get(url).content.decode()
    assert f"For the multi-agency meeting Newport MARAC on {_held_on(listed.meeting, 'en')}" in english
    welsh = in_welsh(client).get(url).content.decode()
    assert f"Ar gyfer y cyfarfod amlasiantaethol Newport MARAC ar {_held_on(listed.meeting, 'cy')}" in welsh
    assert "For the multi-agency meeting" not in welsh
    api = client.get(f"/api/shared-cases/{listed.referral.case_id}/", HTTP_ACCEPT_LANGUAGE="cy").json()
    assert [d["summary"] for d in api["disclosures"]] == [
        f"Ar gyfer y cyfarfod amlasiantaethol Newport MARAC ar {_held_on(listed.meeting, 'cy')}"]


def test_the_supervisor_deciding_a_safeguarding_share_reads_it_in_welsh(client, flagged_case, meeting, officer,
                                                                       supervisor, partner_agency):
    referral = flagged_case.multi_agency_referrals.get()
    item = services.add_to_agenda(meeting, referral, actor=officer, basis=AgendaItem.Basis.SAFEGUARDING,
                                  justification="Children at the address",
                                  items_by_agency={partner_agency: ["incident_summary"]})
    disclosure = item.disclosures.get()
    client.force_login(supervisor)
    page = in_welsh(client).get(reverse("sharing:decide", kwargs={"disclosure_id": disclosure.pk})).content.decode()
    assert f"Ar gyfer y cyfarfod amlasiantaethol Newport MARAC ar {_held_on(meeting, 'cy')}" in page


def test_disclosures_made_before_keep_their_meeting_as_facts_after_the_migration(listed):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("victimcare.multiagency.migrations.0002_meeting_facts_on_disclosures")
    meeting = listed.meeting
    old = f"For the multi-agency meeting {meeting.title} on {timezone.localtime(meeting.held_at):%d %B %Y}"
    Disclosure.objects.filter(pk__in=listed.disclosures.values("pk")).update(summary=old, context={})
    own_words = Disclosure.objects.exclude(pk__in=listed.disclosures.values("pk")).first()

    migration.meeting_facts(apps, None)

    for disclosure in listed.disclosures.all():
        assert disclosure.summary == "" and disclosure.context["meeting"] == meeting.pk
        assert disclosure.context["meeting_date"] == timezone.localdate(meeting.held_at).isoformat()
    assert own_words is None or own_words.summary == Disclosure.objects.get(pk=own_words.pk).summary
