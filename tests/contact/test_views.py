"""The contact pages: forms that name each field in error and change nothing, pages sent twice recorded
once, the case panel, and who may use them."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import in_welsh
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import close_case
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.contact import services
from victimcare.contact.models import ContactAgreement, VictimUpdate
from victimcare.contact.services import Terms

UPDATE = rules.CommitmentKind.VICTIM_UPDATE


def url(name, case):
    return reverse(f"contact:{name}", kwargs={"case_id": case.pk})


def section(case, name="contact"):
    """The section of the case page that holds the contact panel (or, by name, another section)."""
    return reverse(f"cases:{name}", kwargs={"case_id": case.pk})


def submission_id(client, address) -> str:
    page = client.get(address).content.decode()
    return page.split('name="submission_id" value="', 1)[1].split('"', 1)[0]


def error_summary(response) -> list[str]:
    html = response.content.decode()
    summary = html.split('govuk-error-summary__list"', 1)[1].split("</ul>", 1)[0]
    return [unescape(text) for text in re.findall(r'<a href="#[^"]+">([^<]+)</a>', summary)]


AGREEMENT = {"channel": "phone", "frequency": "14", "other_days": "", "preferred_times": "After 5pm",
             "times_not_to_contact": "Weekends", "details_not_to_use": "Landline at the family home",
             "language": "cy", "other_language": "", "interpreter_needed": "", "nominated_name": "",
             "nominated_relationship": "", "nominated_contact": ""}


def test_agreeing_through_the_page(client, officer, case):
    client.force_login(officer)
    address = url("agreement", case)
    response = client.post(address, {**AGREEMENT, "submission_id": submission_id(client, address)})
    assert response.status_code == 302
    assert response["Location"] == section(case)

    agreement = ContactAgreement.objects.current().get(case=case)
    assert (agreement.channel, agreement.every_days, agreement.language) == ("phone", 14, "cy")
    assert agreement.details_not_to_use == "Landline at the family home"
    assert case.commitments.get(kind=UPDATE).status == Commitment.Status.OPEN
    assert case.access_log.filter(action=CaseAccessLog.Action.CHANGED).exists()

    page = client.get(response["Location"]).content.decode()
    assert "Agreement recorded." in page
    assert "Next update due by" in page
    assert "Every 14 days" in page
    assert "Landline at the family home" in page


def test_the_change_page_starts_from_the_agreement_and_replans(client, officer, case):
    services.agree_contact(case, Terms(channel="email", every_days=28, times_not_to_contact="Mornings"),
                           actor=officer, at=timezone.now() - dt.timedelta(days=3))
    client.force_login(officer)
    address = url("agreement", case)
    page = client.get(address).content.decode()
    assert "Change how the victim is updated" in page
    assert 'value="Mornings"' in page
    assert re.search(r'value="email" checked', page)

    form = {**AGREEMENT, "channel": "email", "frequency": "other", "other_days": "10",
            "submission_id": submission_id(client, address)}
    assert client.post(address, form).status_code == 302
    assert client.post(address, form).status_code == 302  # sent twice: one new version

    assert ContactAgreement.objects.filter(case=case).count() == 2
    assert ContactAgreement.objects.current().get(case=case).every_days == 10
    assert case.commitments.filter(kind=UPDATE).count() == 1
    assert case.timeline.filter(kind=TimelineEvent.Kind.COMMITMENT_REPLANNED).count() == 1


def test_the_agreement_page_sent_twice_records_once(client, officer, case):
    client.force_login(officer)
    address = url("agreement", case)
    form = {**AGREEMENT, "submission_id": submission_id(client, address)}
    assert client.post(address, form).status_code == 302
    assert client.post(address, form).status_code == 302
    assert ContactAgreement.objects.filter(case=case).count() == 1
    assert case.commitments.filter(kind=UPDATE).count() == 1
    assert case.timeline.filter(kind=TimelineEvent.Kind.CONTACT_AGREED).count() == 1


@pytest.mark.parametrize(("changes", "errors"), [
    ({"channel": "", "frequency": ""},
     ["Select how the victim wants to be updated", "Select how often the victim wants to be updated"]),
    ({"frequency": "other", "other_days": ""}, ["Enter the number of days between updates"]),
    ({"frequency": "other", "other_days": "0"}, ["Number of days must be between 1 and 365"]),
    ({"frequency": "other", "other_days": "a week"}, ["Number of days must be a whole number, like 21"]),
    ({"language": "other"}, ["Enter which other language the victim wants"]),
    ({"nominated_contact": "07700 900999"}, ["Enter the name of the person the victim nominated"]),
    ({"nominated_name": "Mair Jones"}, ["Enter how to contact the person the victim nominated"]),
    ({"channel": "pigeon", "times_not_to_contact": "x" * 201},
     ["Select how the victim wants to be updated", "Times not to contact must be 200 characters or fewer"]),
], ids=["nothing-chosen", "no-days", "zero-days", "words-for-days", "no-language", "no-name", "no-contact",
        "bad-channel-and-too-long"])
def test_agreement_errors_name_the_field_and_change_nothing(client, officer, case, changes, errors):
    client.force_login(officer)
    address = url("agreement", case)
    response = client.post(address, {**AGREEMENT, **changes, "submission_id": submission_id(client, address)})
    assert response.status_code == 200
    assert error_summary(response) == errors
    assert "<title>Error:" in response.content.decode()
    assert not ContactAgreement.objects.exists()
    assert not case.commitments.filter(kind=UPDATE).exists()


def test_recording_an_update_through_the_page(client, officer, case):
    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer,
                           at=timezone.now() - dt.timedelta(days=2))
    client.force_login(officer)
    address = url("record-update", case)
    page = client.get(address).content.decode()
    assert re.search(r'value="phone" checked', page)  # the agreed channel, to start with
    form = {"channel": "phone", "language": "en", "other_language": "", "summary": "CCTV being reviewed",
            "submission_id": submission_id(client, address)}
    assert client.post(address, form).status_code == 302
    assert client.post(address, form).status_code == 302

    assert VictimUpdate.objects.filter(case=case, succeeded=True).count() == 1
    assert case.commitments.filter(kind=UPDATE, status=Commitment.Status.MET).count() == 1
    assert case.commitments.filter(kind=UPDATE, status=Commitment.Status.OPEN).count() == 1


@pytest.mark.parametrize(("form", "errors"), [
    ({"channel": "", "language": "", "summary": ""},
     ["Select how the victim was updated", "Select the language the update was given in",
      "Enter what the victim was told"]),
    ({"channel": "phone", "language": "other", "summary": "x"},
     ["Enter which other language the update was given in"]),
])
def test_update_errors_name_the_field_and_change_nothing(client, officer, case, form, errors):
    client.force_login(officer)
    address = url("record-update", case)
    response = client.post(address, {**form, "submission_id": submission_id(client, address)})
    assert response.status_code == 200
    assert error_summary(response) == errors
    assert not VictimUpdate.objects.exists()
    assert not case.timeline.filter(kind=TimelineEvent.Kind.UPDATE_GIVEN).exists()


def test_recording_a_failed_attempt_through_the_page(client, officer, case):
    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer)
    client.force_login(officer)
    address = url("record-failed-attempt", case)
    form = {"channel": "phone", "reason": "no_answer", "note": "Rang at 6pm",
            "submission_id": submission_id(client, address)}
    assert client.post(address, form).status_code == 302
    assert client.post(address, form).status_code == 302

    assert VictimUpdate.objects.filter(case=case, succeeded=False).count() == 1
    assert case.commitments.get(kind=UPDATE).status == Commitment.Status.OPEN


def test_failed_attempt_errors_name_the_field(client, officer, case):
    client.force_login(officer)
    address = url("record-failed-attempt", case)
    response = client.post(address, {"channel": "", "reason": "", "note": "x" * 1001,
                                     "submission_id": submission_id(client, address)})
    assert error_summary(response) == ["Select how you tried to update the victim", "Select why the attempt failed",
                                       "Note must be 1,000 characters or fewer"]
    assert not VictimUpdate.objects.exists()


def test_nothing_is_recorded_on_a_closed_case(client, officer, case):
    close_case(case, actor=officer)
    client.force_login(officer)
    address = url("agreement", case)
    response = client.post(address, {**AGREEMENT, "submission_id": submission_id(client, address)})
    assert response.status_code == 200
    assert "This case is closed" in response.content.decode()
    assert not ContactAgreement.objects.exists()


@pytest.mark.parametrize("name", ["agreement", "record-update", "record-failed-attempt"])
@pytest.mark.parametrize(("persona", "status"), [
    ("officer", 302), ("colleague", 302), ("supervisor", 302), ("call_handler", 403), ("other_officer", 404),
    ("administrator", 404),
])
def test_who_may_post(client, personas, case, name, persona, status):
    client.force_login(personas[persona])
    forms = {
        "agreement": AGREEMENT,
        "record-update": {"channel": "sms", "language": "en", "summary": "Told"},
        "record-failed-attempt": {"channel": "sms", "reason": "bounced"},
    }
    response = client.post(url(name, case), forms[name])
    assert response.status_code == status
    recorded = ContactAgreement.objects.exists() or VictimUpdate.objects.exists()
    assert recorded == (status == 302)


def test_the_panel_shows_an_overdue_update_in_red(client, officer, case):
    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer,
                           at=timezone.now() - dt.timedelta(days=10))
    client.force_login(officer)
    page = client.get(section(case)).content.decode()
    panel = page.split('id="updates-for-the-victim"', 1)[1]
    assert "govuk-tag--red" in panel.split("</div>", 1)[0] + panel.split("</div>", 2)[1]
    assert "The next update was due by" in panel


def test_the_panel_offers_no_changes_to_the_call_handler(client, officer, call_handler, case):
    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer)
    client.force_login(call_handler)
    page = client.get(section(case)).content.decode()
    assert "Next update due by" in page
    assert url("agreement", case) not in page
    assert url("record-update", case) not in page


def test_the_pages_are_in_welsh(client, officer, case):
    services.agree_contact(case, Terms(channel="phone", every_days=7, details_not_to_use="Ffôn y gwaith"),
                           actor=officer)
    client.force_login(officer)
    in_welsh(client)
    panel = client.get(section(case)).content.decode()
    for welsh in ("Cyswllt ac ymateb", "Diweddariadau i'r dioddefwr", "Bob 7 diwrnod", "Cofnodi diweddariad",
                  "Diogelwch"):
        assert unescape(welsh) in unescape(panel), welsh
    form = unescape(client.get(url("agreement", case)).content.decode())
    assert "Newid sut y caiff y dioddefwr ddiweddariadau" in form
    assert "Sut mae'r dioddefwr eisiau cael diweddariadau?" in form


def test_the_timeline_describes_what_happened_in_welsh(client, officer, case):
    services.agree_contact(case, Terms(channel="phone", every_days=28), actor=officer)
    services.change_agreement(case, Terms(channel="phone", every_days=7), actor=officer)
    services.change_agreement(case, Terms(channel="phone"), actor=officer)
    client.force_login(officer)
    page = unescape(in_welsh(client).get(section(case, "timeline")).content.decode())
    assert "Mae'r dioddefwr bellach eisiau diweddariadau dim ond pan fydd rhywbeth pwysig yn digwydd" in page


def test_the_panel_costs_two_queries(officer, case, django_assert_max_num_queries):
    from django.template import Context, Template
    from django.utils import translation

    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer)
    template = Template("{% load contact_panels %}{% contact_panel case True %}")
    with translation.override("en"), django_assert_max_num_queries(2):
        html = template.render(Context({"case": case}))
    assert "Next update due by" in html


# --- Quiet hours: the victim's own choice survives an officer's change, and staff see and set it ---------------
def form_values(page: str) -> dict:
    """What the browser would send back for the page's text inputs and checked radios, as shown."""
    values = {name: unescape(value) for name, value in
              re.findall(r'<input class="govuk-input[^>]*name="(\w+)" type="text"\s*(?:value="([^"]*)")?', page)}
    values.update(re.findall(r'name="(\w+)" type="radio" value="([^"]*)" checked', page))
    return values


def test_an_officers_change_keeps_the_victims_quiet_hours(client, officer, case):
    services.agree_contact(case, Terms(channel="email", every_days=14, quiet_from=dt.time(21, 0),
                                       quiet_until=dt.time(8, 0)), actor=officer)
    client.force_login(officer)
    address = url("agreement", case)
    page = client.get(address).content.decode()
    shown = form_values(page)
    assert (shown["quiet_from"], shown["quiet_until"]) == ("21:00", "08:00")
    # The officer changes only how often, and sends the rest of the page as it was shown.
    form = {**shown, "frequency": "28", "submission_id": submission_id(client, address)}
    assert client.post(address, form).status_code == 302
    agreement = ContactAgreement.objects.current().get(case=case)
    assert (agreement.version, agreement.every_days) == (2, 28)
    assert (agreement.quiet_from, agreement.quiet_until) == (dt.time(21, 0), dt.time(8, 0))


def test_staff_set_quiet_hours_and_see_them_on_the_panel(client, officer, case):
    client.force_login(officer)
    address = url("agreement", case)
    form = {**AGREEMENT, "quiet_from": "22.30", "quiet_until": "07:00", "submission_id": submission_id(client, address)}
    assert client.post(address, form).status_code == 302
    agreement = ContactAgreement.objects.current().get(case=case)
    assert (agreement.quiet_from, agreement.quiet_until) == (dt.time(22, 30), dt.time(7, 0))
    page = client.get(section(case)).content.decode()
    panel = page.split('id="updates-for-the-victim"', 1)[1]
    assert "Quiet hours" in panel and "No email, text message or letter from 22:30 to 07:00" in panel
    assert f'{address}#id_quiet_from' in panel


def test_the_panel_says_when_there_are_no_quiet_hours(client, officer, case):
    services.agree_contact(case, Terms(channel="phone", every_days=7), actor=officer)
    client.force_login(officer)
    panel = client.get(section(case)).content.decode().split(
        'id="updates-for-the-victim"', 1)[1]
    row = panel.split("Quiet hours", 1)[1].split("</div>", 1)[0]
    assert "None given" in row


@pytest.mark.parametrize(("changes", "errors"), [
    ({"quiet_from": "21:00"}, ["Enter the time quiet hours end, or leave both times empty"]),
    ({"quiet_until": "08:00"}, ["Enter the time quiet hours start, or leave both times empty"]),
    ({"quiet_from": "9pm", "quiet_until": "08:00"}, ["Enter a time like 21:00"]),
    ({"quiet_from": "21:00", "quiet_until": "21:00"},
     ["Quiet hours must end at a different time from when they start"]),
], ids=["no-end", "no-start", "not-a-time", "same-times"])
def test_quiet_hours_errors_name_the_field(client, officer, case, changes, errors):
    client.force_login(officer)
    address = url("agreement", case)
    response = client.post(address, {**AGREEMENT, **changes, "submission_id": submission_id(client, address)})
    assert response.status_code == 200
    assert error_summary(response) == errors
    assert not ContactAgreement.objects.exists()


def test_quiet_hours_in_welsh(client, officer, case):
    services.agree_contact(case, Terms(channel="email", every_days=7, quiet_from=dt.time(21, 0),
                                       quiet_until=dt.time(8, 0)), actor=officer)
    client.force_login(officer)
    in_welsh(client)
    panel = unescape(client.get(section(case)).content.decode())
    assert "Oriau tawel" in panel and "Dim e-bost, neges destun na llythyr rhwng 21:00 a 08:00" in panel
    form = unescape(client.get(url("agreement", case)).content.decode())
    assert "Oriau tawel (dewisol)" in form
