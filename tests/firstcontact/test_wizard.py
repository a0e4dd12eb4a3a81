"""The report wizard end to end through the Django test client, and the scenario of issue 3: a
domestic-abuse report for a 17-year-old recorded on Friday 28 August 2026 at 15:00 London time, before
the Monday 31 August bank holiday."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import CrimeFactory, VictimFactory
from tests.firstcontact.conftest import INCIDENT, NEW_VICTIM, THRIVE, WizardDriver, dob
from victimcare.cases.models import Case, TimelineEvent
from victimcare.cases.services import open_case
from victimcare.charter.models import Commitment
from victimcare.crimes.models import Crime
from victimcare.firstcontact.models import FirstContactAssessment
from victimcare.victims.models import Victim

LONDON = ZoneInfo("Europe/London")
FRIDAY_3PM = dt.datetime(2026, 8, 28, 15, 0, tzinfo=LONDON)


@pytest.fixture
def friday(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: FRIDAY_3PM.astimezone(dt.UTC))
    return FRIDAY_3PM


def _end_of(day):
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=LONDON)


def test_the_scenario_every_commitment_owner_and_due_time(client, officer, unit, newport, friday):
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=15)  # 15 "yes": high risk
    check = client.get(reverse("report:check", kwargs={"wizard_id": wizard.id}))
    assert check.status_code == 200
    html = check.content.decode()
    assert "Under 18" in html and "Change" in html

    response = client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}),
                           {"submission_id": wizard.id})
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("report:acknowledgement", kwargs={"case_id": case.pk})

    assert case.crime.reference == "GW/2026/000001"
    assert case.crime.is_domestic_abuse and case.crime.local_authority == newport
    assert case.crime.reported_at == friday
    assert case.unit == unit and case.officer == officer and case.recorded_by == officer
    assert case.enhanced_rights and case.enhanced_rights_reasons == ["domestic_abuse", "under_18", "intimidated"]
    assert case.victim.age_on(friday.date()) == 17
    assessment = case.firstcontact_assessment
    assert assessment.is_under_18 and assessment.dash_asked and assessment.dash_score == 15
    assert assessment.risk_level == "high" and not assessment.is_repeat_victim

    # Every commitment, by hand against the Victims' Code and the local policy.
    commitments = {c.kind: c for c in case.commitments.all()}
    assert set(commitments) == {"response", "written_acknowledgement", "contact_agreement", "services_information",
                                "needs_assessment"}
    for commitment in commitments.values():
        assert commitment.status == Commitment.Status.OPEN
        assert commitment.owner_organisation == unit  # the Newport unit covering the place
        assert commitment.owner_person == officer  # the recording officer, of that unit
    # Grade 2 (priority): high harm and risk, no high threat: attend within 60 minutes, by 16:00.
    assert case.response_grade == 2
    assert commitments["response"].due_at == dt.datetime(2026, 8, 28, 16, 0, tzinfo=LONDON)
    # 1 working day: Monday 31 August is a bank holiday, so the end of Tuesday 1 September.
    assert commitments["written_acknowledgement"].due_at == _end_of(dt.date(2026, 9, 1))
    # 2 working days: the end of Wednesday 2 September.
    assert commitments["contact_agreement"].due_at == _end_of(dt.date(2026, 9, 2))
    # Standard 5: the services that fit, with the acknowledgement (1 working day); the needs assessment (2).
    assert commitments["services_information"].due_at == _end_of(dt.date(2026, 9, 1))
    assert commitments["needs_assessment"].due_at == _end_of(dt.date(2026, 9, 2))

    kinds = list(case.timeline.values_list("kind", flat=True))
    for kind in ("case_opened", "report_recorded", "assessment_recorded", "response_graded"):
        assert kind in kinds
    recorded = case.timeline.get(kind="report_recorded")
    assert recorded.data == {"reference": "GW/2026/000001"}
    assert case.timeline.get(kind="assessment_recorded").data["risk_level"] == "high"

    # The acknowledgement is in the victim's language: Welsh.
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="cy"' in page
    assert "Cydnabyddiaeth ysgrifenedig" in page and "GW/2026/000001" in page
    assert "Beth sy'n digwydd nesaf" in page and "Dydd Mercher 2 Medi 2026, 23:59" in page
    assert "01633 838111" in page and "Connect Gwent" in page
    assert "What happens next" not in page

    # Giving it meets the commitment, on time.
    given = client.post(reverse("report:acknowledgement-given", kwargs={"case_id": case.pk}))
    assert given.status_code == 302
    acknowledgement = case.commitments.get(kind="written_acknowledgement")
    assert acknowledgement.status == Commitment.Status.MET
    assert case.commitments.get(kind="services_information").status == Commitment.Status.MET
    assert case.timeline.get(kind="acknowledgement_given").data == {"language": "cy"}


def test_a_call_handler_records_for_the_unit_covering_the_place(client, call_handler, unit, newport, friday):
    client.force_login(call_handler)
    WizardDriver(client).through(dash=3)
    wizard_id = client.session["firstcontact-reports"].popitem()[0]
    client.post(reverse("report:check", kwargs={"wizard_id": wizard_id}), {"submission_id": wizard_id})
    case = Case.objects.get()
    assert case.unit == unit and case.officer is None
    assert {c.owner_organisation_id for c in case.commitments.all()} == {unit.pk}
    assert {c.owner_person_id for c in case.commitments.all()} == {None}
    assert case.firstcontact_assessment.risk_level == "standard"


def test_overrides_are_recorded_with_their_reasons(client, officer, newport, friday):
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=15, proposals={"response_grade": ("1", "Suspect is outside the house now"),
                                       "enhanced_rights": ("no", "Testing an override")})
    client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}), {"submission_id": wizard.id})
    case = Case.objects.get()
    overrides = {e.data["proposal"]: e.data for e in case.timeline.filter(kind="proposal_overridden")}
    assert overrides["response_grade"] == {"proposal": "response_grade", "proposed": "2", "chosen": "1",
                                           "reason": "Suspect is outside the house now"}
    assert overrides["enhanced_rights"]["chosen"] == "no"
    assert case.response_grade == 1
    assert not case.enhanced_rights  # the confirmed value, not the proposal
    response = case.commitments.get(kind="response")
    assert response.due_at == FRIDAY_3PM + dt.timedelta(minutes=15)


def test_changing_a_proposal_needs_a_reason(client, officer, newport, friday):
    client.force_login(officer)
    wizard = WizardDriver(client)
    with pytest.raises(AssertionError):
        wizard.through(dash=15, proposals={"risk_level": ("medium", "")})
    response = wizard.post("proposals", {"repeat_victim": "no", "enhanced_rights": "yes", "risk_level": "medium",
                                         "response_grade": "2"})
    assert response.status_code == 200
    assert "Enter why you changed the proposed risk level" in response.content.decode()


def test_validation_errors_name_the_field(client, officer, newport, friday):
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.post("victim", {"victim": "new"})
    response = wizard.post("victim-details", {**NEW_VICTIM, "given_name": "", **dob(31, 2, 2009)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter the victim&#x27;s first name" in html
    assert "The victim&#x27;s date of birth must be a real date" in html
    assert 'href="#id_given_name"' in html and 'href="#id_date_of_birth"' in html
    response = wizard.post("incident", {**INCIDENT, "category": "", "occurred_time": "25:00"})
    html = response.content.decode()
    assert "Select the category of crime" in html and "Time it happened must be a real time" in html
    response = wizard.post("thrive", {**THRIVE, "harm_rating": "", "risk_rationale": ""})
    html = response.content.decode()
    assert "Select the harm rating" in html and "Enter why you gave that risk rating" in html


def test_dash_is_not_asked_for_a_burglary(client, officer, newport, friday):
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.post("victim", {"victim": "new"})
    wizard.post("victim-details", NEW_VICTIM)
    response = wizard.post("incident", {**INCIDENT, "category": "burglary", "offence": "burglary-home",
                                        "is_domestic_abuse": "no"})
    assert response["Location"] == wizard.url("thrive")
    from tests.firstcontact.conftest import NEEDS, VULNERABILITY
    wizard.post("thrive", THRIVE)
    wizard.post("needs", NEEDS)
    assert wizard.post("vulnerability", VULNERABILITY)["Location"] == wizard.url("proposals")


def test_a_likely_match_is_warned_about_and_can_be_used(client, officer, newport, friday):
    known = VictimFactory(given_name="Meg", family_name="Pritchard", date_of_birth=dt.date(2009, 5, 1),
                          phone="01633 000000")
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.post("victim", {"victim": "new"})
    response = wizard.post("victim-details", NEW_VICTIM)
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-warning-text" in html and "We may already know this victim" in html
    assert "Meg Pritchard" in html
    response = wizard.post("victim-details", {"use_victim": str(known.pk)})
    assert response["Location"] == wizard.url("incident")
    assert client.session["firstcontact-reports"][wizard.id]["victim_id"] == known.pk


def test_a_likely_match_by_phone_only(client, officer, newport, friday):
    VictimFactory(given_name="Someone", family_name="Else", date_of_birth=dt.date(1970, 1, 1), phone="07700900456")
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.post("victim", {"victim": "new"})
    assert "We may already know this victim" in wizard.post("victim-details", NEW_VICTIM).content.decode()
    # "This is a different person": a new victim after all.
    response = wizard.post("victim-details", {**NEW_VICTIM, "confirm_new": "yes"})
    assert response["Location"] == wizard.url("incident")


def test_search_finds_victims_by_name_date_of_birth_and_phone(client, officer, friday):
    VictimFactory(given_name="Ffion", family_name="Morgan", date_of_birth=dt.date(1990, 2, 3), phone="07700 111222")
    VictimFactory(given_name="Aled", family_name="Jones", date_of_birth=dt.date(1980, 1, 1), phone="07700 333444")
    client.force_login(officer)
    wizard = WizardDriver(client)
    for query, found in (({"name": "ffion"}, "Ffion Morgan"), ({**dob(3, 2, 1990)}, "Ffion Morgan"),
                         ({"phone": "07700333444"}, "Aled Jones")):
        html = client.get(wizard.url("victim"), {"search": "1", **query}).content.decode()
        assert found in html
        assert ("Aled Jones" in html) is (found == "Aled Jones")


def test_an_existing_victim_with_two_recent_reports_is_proposed_as_a_repeat_victim(client, officer, unit, newport,
                                                                                      friday):
    victim = VictimFactory()
    for days in (10, 100):
        open_case(victim=victim, crime=CrimeFactory(), unit=unit, recorded_by=officer,
                  at=friday - dt.timedelta(days=days))
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(victim=victim, dash=2)
    client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}), {"submission_id": wizard.id})
    case = Case.objects.get(crime__reference__startswith="GW/2026/")
    assert case.victim == victim and Victim.objects.count() == 1
    assert case.firstcontact_assessment.is_repeat_victim
    assert case.firstcontact_assessment.earlier_reports == 2
    assert case.is_persistently_targeted and "persistently_targeted" in case.enhanced_rights_reasons


def test_the_repeat_victim_rule_comes_from_settings(client, officer, unit, newport, friday):
    victim = VictimFactory()
    open_case(victim=victim, crime=CrimeFactory(), unit=unit, recorded_by=officer, at=friday - dt.timedelta(days=5))
    settings.REPEAT_VICTIM_RULE = {"reports": 2, "months": 1}
    try:
        client.force_login(officer)
        wizard = WizardDriver(client)
        wizard.through(victim=victim, dash=2)
        form = client.get(wizard.url("proposals")).context["form"]
        assert form.fields["repeat_victim"].initial == "yes"
    finally:
        del settings.REPEAT_VICTIM_RULE


def test_the_final_submit_sent_twice_records_one_report(client, officer, newport, friday):
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=15)
    url = reverse("report:check", kwargs={"wizard_id": wizard.id})
    first = client.post(url, {"submission_id": wizard.id})
    second = client.post(url, {"submission_id": wizard.id})
    assert second["Location"] == first["Location"]
    assert Crime.objects.count() == 1 and Case.objects.count() == 1
    assert Commitment.objects.count() == 5  # response, acknowledgement, contact, services information, needs
    assert TimelineEvent.objects.filter(kind="report_recorded").count() == 1


def test_the_service_replays_a_second_submission(client, officer, newport, friday):
    """Even if the session has forgotten (another server, a lost session), the key stops a second record."""
    from victimcare.firstcontact import views

    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=15)
    request = type("R", (), {"session": client.session, "GET": {}})()
    report = views._report(views.Wizard(request, wizard.id))
    from victimcare.firstcontact.services import record_report

    first = record_report(report, actor=officer, submission_key=wizard.id)
    again = record_report(report, actor=officer, submission_key=wizard.id)
    assert again.pk == first.pk
    assert FirstContactAssessment.objects.count() == 1 and Crime.objects.count() == 1


def test_two_wizards_in_two_tabs_do_not_mix(client, officer, newport, friday):
    client.force_login(officer)
    first, second = WizardDriver(client), WizardDriver(client)
    first.post("victim", {"victim": "new"})
    first.post("victim-details", NEW_VICTIM)
    assert first.id != second.id
    assert client.get(second.url("incident")).status_code == 200
    state = client.session["firstcontact-reports"]
    assert "victim-details" in state[first.id]["steps"] and not state[second.id]["steps"]


def test_check_sends_you_to_the_first_unanswered_page(client, officer, friday):
    client.force_login(officer)
    wizard = WizardDriver(client)
    response = client.get(reverse("report:check", kwargs={"wizard_id": wizard.id}))
    assert response["Location"] == wizard.url("victim")


def test_change_links_return_to_check_your_answers(client, officer, newport, friday):
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=15)
    response = client.post(wizard.url("needs") + "?change=1", {
        "wants_attendance": "yes", "support_referral": "not_asked", "impact": "Changed", "safe_ways": ["email"],
        "safe_times": "Any time", "leave_messages": "yes"})
    assert response["Location"] == reverse("report:check", kwargs={"wizard_id": wizard.id})
    assert "Changed" in client.get(response["Location"]).content.decode()


def test_the_acknowledgement_is_404_for_outsiders(client, other_officer, officer, newport, friday):
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=15)
    client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}), {"submission_id": wizard.id})
    case = Case.objects.get()
    client.force_login(other_officer)
    assert client.get(reverse("report:acknowledgement", kwargs={"case_id": case.pk})).status_code == 404
    assert client.post(reverse("report:acknowledgement-given", kwargs={"case_id": case.pk})).status_code == 404


def test_an_english_speaker_gets_an_english_acknowledgement(client, officer, newport, friday):
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"  # the officer works in Welsh
    wizard = WizardDriver(client)
    wizard.post("victim", {"victim": "new"})
    wizard.post("victim-details", {**NEW_VICTIM, "preferred_language": "en"})
    victim_id = None
    assert victim_id is None
    from tests.firstcontact.conftest import NEEDS, VULNERABILITY, dash_answers
    for step, data in (("incident", INCIDENT), ("thrive", THRIVE), ("needs", NEEDS), ("vulnerability", VULNERABILITY),
                       ("dash", dash_answers(5))):
        assert wizard.post(step, data).status_code == 302
    form = client.get(wizard.url("proposals")).context["form"]
    wizard.post("proposals", {name: form.fields[name].initial for name in form.NAMES})
    response = client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}), {"submission_id": wizard.id})
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="en"' in page and "What happens next" in page and "2 September 2026" in page


def test_the_case_page_links_to_the_acknowledgement(client, officer, newport, friday):
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=15)
    client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}), {"submission_id": wizard.id})
    case = Case.objects.get()
    contact = reverse("cases:contact", kwargs={"case_id": case.pk})
    html = client.get(contact).content.decode()
    assert reverse("report:acknowledgement", kwargs={"case_id": case.pk}) in html
    assert "First contact" in html
    letter = client.get(reverse("report:acknowledgement", kwargs={"case_id": case.pk})).content.decode()
    assert f'<a href="{contact}" class="govuk-back-link' in letter, "back to the section it was opened from"


def test_a_victim_who_does_not_want_an_officer_to_attend(client, officer, newport, friday):
    """Grade 2, and the victim chose no attendance: recorded through the response service, which waives the
    response commitment. The acknowledgement and contact agreement stand."""
    from tests.firstcontact.conftest import NEEDS

    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=15)
    wizard.post("needs", {**NEEDS, "wants_attendance": "no"})
    client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}), {"submission_id": wizard.id})
    case = Case.objects.get()
    assert not case.firstcontact_assessment.wants_attendance
    assert case.timeline.filter(kind="attendance_declined").count() == 1
    assert case.commitments.get(kind="response").status == Commitment.Status.WAIVED
    assert set(case.commitments.open().values_list("kind", flat=True)) == {
        "written_acknowledgement", "contact_agreement", "services_information", "needs_assessment"}


def test_an_officer_of_another_unit_sees_a_confirmation(client, other_officer, unit, newport, friday):
    """The report goes to the unit covering the place; the recorder cannot see that unit's cases."""
    client.force_login(other_officer)
    wizard = WizardDriver(client)
    wizard.through(dash=15)
    response = client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}), {"submission_id": wizard.id})
    assert response["Location"] == reverse("report:done", kwargs={"wizard_id": wizard.id})
    case = Case.objects.get()
    assert case.unit == unit and case.officer is None
    page = client.get(response["Location"]).content.decode()
    assert case.crime.reference in page and "Newport CID" in page


# --- Does the victim want us to refer them to a victims' service? ------------------------------------------
REFERRAL_ROW = "Wants to be referred to a victims' service"


def _summary_row(response, question):
    rows = [row for section in response.context["sections"] for row in section["rows"] if str(row[0]) == question]
    assert len(rows) == 1, question
    return rows[0]


@pytest.mark.parametrize(("answer", "shown", "decision"), [
    ("yes", "Yes", "given"), ("no", "No", "refused"), ("not_asked", "Not asked yet", None)])
def test_the_victims_answer_about_a_referral_to_support(client, officer, unit, newport, friday, answer, shown,
                                                        decision):
    """Yes: consent in the ledger (verbal, by the recorder, at the report's time) and a referral owed within 2
    working days. No: a refusal, nothing owed. Not asked yet: nothing recorded, the case says it is to ask."""
    from victimcare.sharing.models import ConsentRecord, Purpose

    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=15, support_referral=answer)
    check_url = reverse("report:check", kwargs={"wizard_id": wizard.id})
    page = client.get(check_url)
    assert _summary_row(page, REFERRAL_ROW)[1:] == (shown, wizard.url("needs") + "?change=1")
    assert "Change<span class=\"govuk-visually-hidden\"> wants to be referred to a victims&#x27; service" in \
        page.content.decode()

    assert client.post(check_url, {"submission_id": wizard.id}).status_code == 302
    case = Case.objects.get()
    assert case.firstcontact_assessment.needs["support_referral"] == answer
    records = list(ConsentRecord.objects.filter(victim=case.victim, purpose=Purpose.SUPPORT_REFERRAL))
    referral = case.commitments.filter(kind="referral_to_support")
    if decision is None:
        assert records == [] and not referral.exists()
        assert not case.timeline.filter(kind="consent_recorded").exists()
    else:
        [record] = records
        assert (record.decision, record.how, record.recorded_by, record.at, record.case) == (
            decision, "verbal", officer, friday, case)
        event = case.timeline.get(kind="consent_recorded")
        assert event.data["decision"] == decision and event.occurred_at == friday and event.actor == officer
    if answer == "yes":
        owed = referral.get()
        assert owed.status == Commitment.Status.OPEN and owed.standard == 5
        assert owed.owner_organisation == unit and owed.owner_person == officer
        assert owed.opened_at == friday and owed.opened_by_event.kind == "consent_recorded"
        # 2 working days from Friday 28 August 2026, 15:00 (Monday 31 August is a bank holiday).
        assert owed.due_at == _end_of(dt.date(2026, 9, 2))
    else:
        assert not referral.exists()

    support = client.get(reverse("cases:support", kwargs={"case_id": case.pk})).content.decode()
    assert ('id="support-question-to-ask"' in support) is (answer == "not_asked")
    assert ("Still to ask: does the victim want us to refer them to a victims' service" in support) is (
        answer == "not_asked")
    assert ("Wants support" in support) is (answer == "yes")
    assert ("Does not want support" in support) is (answer == "no")
    # The written acknowledgement (in Welsh, Megan's language) promises the referral only on a yes.
    letter = client.get(reverse("report:acknowledgement", kwargs={"case_id": case.pk})).content.decode()
    assert ("Byddwn yn eich atgyfeirio at wasanaeth cymorth, erbyn Dydd Mercher 2 Medi 2026, 23:59" in letter) is (
        answer == "yes")


def test_the_referral_question_must_be_answered(client, officer, newport, friday):
    from tests.firstcontact.conftest import NEEDS

    client.force_login(officer)
    wizard = WizardDriver(client)
    response = wizard.post("needs", {**NEEDS, "support_referral": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select whether the victim wants us to refer them to a victims&#x27; service" in html
    assert 'href="#id_support_referral"' in html
    assert wizard.post("needs", {**NEEDS, "support_referral": "maybe"}).status_code == 200


def test_not_asked_yet_can_be_changed_to_yes_from_check_your_answers(client, officer, newport, friday):
    from tests.firstcontact.conftest import NEEDS

    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=15)
    check_url = reverse("report:check", kwargs={"wizard_id": wizard.id})
    change_url = _summary_row(client.get(check_url), REFERRAL_ROW)[2]
    form = client.get(change_url).context["form"]
    assert form["support_referral"].value() == "not_asked"  # the page shows the answer given
    response = client.post(change_url, {**NEEDS, "support_referral": "yes"})
    assert response["Location"] == check_url
    assert _summary_row(client.get(check_url), REFERRAL_ROW)[1] == "Yes"
    client.post(check_url, {"submission_id": wizard.id})
    case = Case.objects.get()
    assert case.commitments.get(kind="referral_to_support").due_at == _end_of(dt.date(2026, 9, 2))


def test_the_referral_question_in_welsh(client, officer, newport, friday):
    client.force_login(officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    wizard = WizardDriver(client)
    page = client.get(wizard.url("needs")).content.decode()
    assert '<html lang="cy"' in page
    for welsh in ("A yw&#x27;r dioddefwr am i ni ei atgyfeirio at wasanaeth i ddioddefwyr i gael cymorth?",
                  "Heb ofyn eto", "Bydd yr achos yn dangos bod angen gofyn y cwestiwn o hyd."):
        assert welsh in page
    assert "Not asked yet" not in page and "victims&#x27; service" not in page
    wizard.through(dash=15, support_referral="yes")
    check = client.get(reverse("report:check", kwargs={"wizard_id": wizard.id}))
    assert _summary_row(check, "Am gael ei atgyfeirio at wasanaeth i ddioddefwyr")[1] == "Ie"
