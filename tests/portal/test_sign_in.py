"""Signing in to the portal: crime reference, surname, date of birth, then a one-time code. Abuse (wrong code,
expired, replayed, another victim's reference, too many tries) is refused with a clear message, and nothing
says whether a crime reference exists or whether the details matched a case: the page after the details is
the same whatever happened."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from victimcare.cases.models import CaseAccessLog
from victimcare.notifications.models import Message
from victimcare.portal import services
from victimcare.portal.models import PortalCode

pytestmark = pytest.mark.django_db

GENERIC = "If the details match, we have sent a 6-number code by your chosen way of contact"


def details(case, **overrides):
    born = case.victim.date_of_birth
    data = {"reference": case.crime.reference, "surname": case.victim.family_name, "dob_day": str(born.day),
            "dob_month": str(born.month), "dob_year": str(born.year)}
    return {**data, **overrides}


def code_sent(case) -> str:
    message = Message.objects.filter(case=case, kind="portal_code").latest("pk")
    return re.search(r"\b(\d{6})\b", message.body).group(1)


def ask_for_code(client, case, **overrides):
    return client.post(reverse("portal:start"), details(case, **overrides))


def test_the_whole_sign_in(client, agreed_case):
    response = ask_for_code(client, agreed_case, reference=agreed_case.crime.reference.lower(),
                            surname=f" {agreed_case.victim.family_name.upper()} ")
    assert response.status_code == 302 and response.url == reverse("portal:code")
    message = Message.objects.get(case=agreed_case, kind="portal_code")
    assert message.channel == "email" and message.to == agreed_case.victim.email
    code = code_sent(agreed_case)
    stored = PortalCode.objects.get(case=agreed_case)
    assert code not in stored.code_hash, "only a hash of the code is kept"
    response = client.post(reverse("portal:code"), {"code": code})
    assert response.status_code == 302 and response.url == reverse("portal:home")
    page = client.get(reverse("portal:home"))
    assert page.status_code == 200 and agreed_case.crime.reference in page.content.decode()
    logged = CaseAccessLog.objects.filter(case=agreed_case, channel="portal", user=None)
    assert set(logged.values_list("what", flat=True)) >= {"signed in to the portal", "portal home"}


def test_the_code_goes_by_text_when_text_is_agreed(client, case, officer):
    from victimcare.contact.services import Terms, agree_contact

    agree_contact(case, Terms(channel="sms", every_days=14), actor=officer)
    ask_for_code(client, case)
    message = Message.objects.get(case=case, kind="portal_code")
    assert message.channel == "sms" and message.to == case.victim.phone


def test_the_code_message_says_nothing_about_the_crime(client, agreed_case):
    ask_for_code(client, agreed_case)
    message = Message.objects.get(case=agreed_case, kind="portal_code")
    text = f"{message.subject} {message.body}".lower()
    assert agreed_case.crime.reference.lower() not in text
    for word in ("crime", "victim", "offence", agreed_case.crime.category.replace("-", " ")):
        assert word not in text


@pytest.mark.parametrize("change", [
    {"reference": "GW/2099/999999"},  # no such crime
    {"surname": "Somebody"},  # the surname does not match
    {"dob_year": "1990"},  # the date of birth does not match
])
def test_the_same_answer_whether_the_reference_exists_or_not(client, agreed_case, change):
    response = ask_for_code(client, agreed_case, **change)
    assert response.status_code == 302 and response.url == reverse("portal:code")
    assert GENERIC in client.get(response.url).content.decode()
    assert not Message.objects.filter(kind="portal_code").exists()


def test_another_victims_reference_does_not_let_you_in(client, agreed_case, other_case):
    response = ask_for_code(client, agreed_case, reference=other_case.crime.reference)
    assert response.url == reverse("portal:code")
    assert not PortalCode.objects.filter(case__isnull=False).exists()
    assert not Message.objects.exists()


@pytest.mark.parametrize("data, field, error", [
    ({"reference": ""}, "reference", "Enter your crime reference number"),
    ({"surname": ""}, "surname", "Enter your last name"),
    ({"dob_day": "", "dob_month": "", "dob_year": ""}, "dob_day", "Enter your date of birth"),
    ({"dob_day": "31", "dob_month": "2"}, "dob_day", "Date of birth must be a real date"),
])
def test_bad_details_name_the_field(client, agreed_case, data, field, error):
    response = ask_for_code(client, agreed_case, **data)
    assert response.status_code == 200
    assert error in str(response.context["form"].errors[field])
    assert not PortalCode.objects.exists()


def test_a_wrong_code_is_refused_and_five_kill_it(client, agreed_case):
    ask_for_code(client, agreed_case)
    code = code_sent(agreed_case)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(4):
        response = client.post(reverse("portal:code"), {"code": wrong})
        assert "The security code is not right" in response.content.decode()
    response = client.post(reverse("portal:code"), {"code": wrong})
    assert "This security code no longer works" in response.content.decode()
    response = client.post(reverse("portal:code"), {"code": code})
    assert response.status_code == 200, "the right code no longer works once killed"
    assert client.get(reverse("portal:home")).url == reverse("portal:start")


def test_an_expired_code_is_refused(client, agreed_case):
    ask_for_code(client, agreed_case)
    PortalCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.post(reverse("portal:code"), {"code": code_sent(agreed_case)})
    assert "This security code no longer works" in response.content.decode()


def test_a_code_works_once(client, agreed_case):
    ask_for_code(client, agreed_case)
    code, code_id = code_sent(agreed_case), client.session["portal_code_id"]
    assert client.post(reverse("portal:code"), {"code": code}).status_code == 302
    replay = Client()
    session = replay.session
    session["portal_code_id"] = code_id
    session.save()
    response = replay.post(reverse("portal:code"), {"code": code})
    assert "This security code no longer works" in response.content.decode()
    assert replay.get(reverse("portal:home")).status_code == 302


def test_a_new_code_stops_the_old_one(client, agreed_case):
    ask_for_code(client, agreed_case)
    first = code_sent(agreed_case)
    ask_for_code(client, agreed_case)
    second = code_sent(agreed_case)
    other = Client()
    session = other.session
    session["portal_code_id"] = PortalCode.objects.order_by("pk").first().pk
    session.save()
    assert "no longer works" in other.post(reverse("portal:code"), {"code": first}).content.decode()
    assert client.post(reverse("portal:code"), {"code": second}).status_code == 302


def test_a_code_must_be_six_numbers(client, agreed_case):
    ask_for_code(client, agreed_case)
    response = client.post(reverse("portal:code"), {"code": "12ab"})
    assert "Security code must be 6 numbers" in str(response.context["form"].errors["code"])
    assert PortalCode.objects.get().wrong_attempts == 0


def test_repeated_failures_lock_the_reference_out_and_say_until_when(client, agreed_case):
    for _ in range(services.FAILURES_PER_REFERENCE - 1):
        assert ask_for_code(client, agreed_case, surname="Wrong").url == reverse("portal:code")
    response = ask_for_code(client, agreed_case, surname="Wrong")
    page = response.content.decode()
    assert response.status_code == 200 and "You have tried too many times" in page
    until = timezone.localtime(timezone.now() + services.LOCKOUT)
    assert f"{until:%H:%M}" in page or f"{until - dt.timedelta(minutes=1):%H:%M}" in page
    # Even the right details are refused now, from another address too, and no code is sent.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert "You have tried too many times" in ask_for_code(other, agreed_case).content.decode()
    assert not Message.objects.filter(kind="portal_code").exists()


def test_a_lockout_on_an_unknown_reference_looks_the_same(client, agreed_case):
    for _ in range(services.FAILURES_PER_REFERENCE):
        response = ask_for_code(client, agreed_case, reference="GW/2099/000001")
    assert "You have tried too many times" in response.content.decode()


def test_one_address_trying_many_references_is_locked_out(client, agreed_case):
    for n in range(services.FAILURES_PER_ADDRESS):
        response = ask_for_code(client, agreed_case, reference=f"GW/2099/{n:06d}")
    assert "You have tried too many times" in response.content.decode()
    assert "You have tried too many times" in ask_for_code(client, agreed_case).content.decode()
    assert ask_for_code(Client(REMOTE_ADDR="10.0.0.9"), agreed_case).url == "/portal/code/"


def test_the_lockout_ends(agreed_case):
    at = timezone.now()
    for _ in range(services.FAILURES_PER_REFERENCE - 1):
        decoy = services.request_code(reference=agreed_case.crime.reference, surname="Wrong",
                                      date_of_birth=agreed_case.victim.date_of_birth, ip="10.0.0.1", at=at)
        assert decoy.case is None
    with pytest.raises(services.SignInLocked):
        services.request_code(reference=agreed_case.crime.reference, surname="Wrong",
                              date_of_birth=agreed_case.victim.date_of_birth, ip="10.0.0.1", at=at)
    later = at + services.LOCKOUT + dt.timedelta(seconds=1)
    code = services.request_code(reference=agreed_case.crime.reference, surname=agreed_case.victim.family_name,
                                 date_of_birth=agreed_case.victim.date_of_birth, ip="10.0.0.1", at=later)
    assert code.case == agreed_case


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_wrong_codes_count_towards_the_lockout(client, agreed_case):
    ask_for_code(client, agreed_case)
    for _ in range(services.WRONG_CODES_ALLOWED):
        client.post(reverse("portal:code"), {"code": wrong(code_sent(agreed_case))})
    ask_for_code(client, agreed_case)  # two requests and five wrong codes: seven tries
    assert client.get(reverse("portal:code")).status_code == 200
    response = client.post(reverse("portal:code"), {"code": wrong(code_sent(agreed_case))})
    assert "You have tried too many times" in response.content.decode()


def test_the_lockout_comes_at_the_same_point_whether_or_not_the_details_match(agreed_case):
    """Else trying the same details again and again would tell whether they match."""
    matched = {"surname": agreed_case.victim.family_name, "date_of_birth": agreed_case.victim.date_of_birth}
    unmatched = {**matched, "surname": "Wrong"}
    for details, ip in ((matched, "10.0.0.1"), (unmatched, "10.0.0.2")):
        at = timezone.now() + dt.timedelta(hours=2 if details is matched else 4)  # each after the other's lockout
        for _ in range(services.FAILURES_PER_REFERENCE - 1):
            services.request_code(reference=agreed_case.crime.reference, ip=ip, at=at, **details)
        with pytest.raises(services.SignInLocked):
            services.request_code(reference=agreed_case.crime.reference, ip=ip, at=at, **details)


def test_the_portal_session_ends_when_idle_and_on_sign_out(client, agreed_case):
    from tests.portal.helpers import sign_in_to_portal

    sign_in_to_portal(client, agreed_case)
    assert client.get(reverse("portal:home")).status_code == 200
    session = client.session
    session["portal_seen_at"] = (timezone.now() - services.idle_expiry() - dt.timedelta(seconds=1)).timestamp()
    session.save()
    response = client.get(reverse("portal:home"), follow=True)
    assert response.redirect_chain[0][0] == reverse("portal:start")
    assert "You were signed out because you were inactive for 15 minutes." in response.content.decode()
    sign_in_to_portal(client, agreed_case)
    client.post(reverse("portal:sign-out"))
    assert client.get(reverse("portal:home")).url == reverse("portal:start")


@pytest.mark.parametrize("minutes", [5, 15])
def test_the_portal_idle_time_is_configurable(client, agreed_case, settings, minutes):
    from tests.portal.helpers import sign_in_to_portal

    settings.PORTAL_IDLE_MINUTES = minutes
    sign_in_to_portal(client, agreed_case)
    session = client.session
    session["portal_seen_at"] = (timezone.now() - dt.timedelta(minutes=minutes, seconds=-5)).timestamp()
    session.save()
    assert client.get(reverse("portal:home")).status_code == 200, "not yet"
    session = client.session
    session["portal_seen_at"] = (timezone.now() - dt.timedelta(minutes=minutes, seconds=1)).timestamp()
    session.save()
    assert client.get(reverse("portal:home")).url == reverse("portal:start")


def test_guessing_codes_is_limited_however_many_codes_are_asked_for(client, agreed_case):
    """Asking for new codes does not give more guesses: every request and wrong code counts towards the crime
    reference's lockout, so fewer than FAILURES_PER_REFERENCE codes are ever checked in the window."""
    checked = 0
    for _round in range(4):
        if "You have tried too many times" in ask_for_code(client, agreed_case).content.decode():
            break
        for _try in range(services.WRONG_CODES_ALLOWED):
            response = client.post(reverse("portal:code"), {"code": wrong(code_sent(agreed_case))})
            if "You have tried too many times" in response.content.decode():
                break
            checked += 1
    assert 0 < checked < services.FAILURES_PER_REFERENCE
    response = client.post(reverse("portal:code"), {"code": code_sent(agreed_case)})
    assert "You have tried too many times" in response.content.decode(), "not even the right code now"


def test_staff_sign_in_is_not_a_portal_sign_in(client, agreed_case, officer):
    client.force_login(officer)
    assert client.get(reverse("portal:home")).url == reverse("portal:start")


def test_the_code_comes_in_welsh_for_a_welsh_speaker(client, case, officer):
    from victimcare.contact.services import Terms, agree_contact

    agree_contact(case, Terms(channel="email", every_days=14, language="cy"), actor=officer)
    ask_for_code(client, case)
    message = Message.objects.get(case=case, kind="portal_code")
    assert message.language == "cy" and message.subject == "Eich cod diogelwch"
    assert f"Eich cod diogelwch yw {code_sent(case)}" in message.body


def test_replies_and_acknowledgements_say_nothing_about_the_case(case, officer):
    from victimcare.portal import services as portal

    event = portal.send_victim_message(case, "Was my neighbour arrested for the assault?")
    portal.answer_victim_message(case, event.pk, "Yes, for the assault.", actor=officer)
    complaint = portal.make_complaint(case, "About the assault investigation")
    portal.acknowledge_complaint(case, complaint.pk, actor=officer)
    for message in Message.objects.filter(case=case, kind__in=("victim_message_reply", "complaint_acknowledgement")):
        text = f"{message.subject} {message.body}".lower()
        assert "assault" not in text and "neighbour" not in text and case.crime.reference.lower() not in text
