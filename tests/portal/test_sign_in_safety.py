"""Sign-in codes on the victim's side: a code they asked for comes at once, even in their quiet hours, but only
ever to an address they said may be used (the other of email and text if the agreed one is unsafe or
missing); a stranger who knows their details cannot flood their phone; and the page after the details never
tells whether they matched a case, whether a code went, or why not."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.portal.test_sign_in import GENERIC, ask_for_code, code_sent, details
from victimcare.contact.services import Terms, agree_contact
from victimcare.notifications.models import Message
from victimcare.portal import services
from victimcare.portal.models import PortalCode, SignInAttempt

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def agree(case, officer, **terms):
    return agree_contact(case, Terms(**{"channel": "email", "every_days": 14, **terms}), actor=officer)


def codes(case):
    return list(Message.objects.filter(case=case, kind="portal_code").order_by("pk"))


def code_page(client) -> str:
    """The code page as the person signing in sees it, without what differs on every request anyway."""
    page = client.get(reverse("portal:code")).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


# --- Quiet hours -----------------------------------------------------------------------------------------------
def test_the_code_comes_at_once_in_the_victims_quiet_hours(client, case, officer):
    now = timezone.localtime(timezone.now(), LONDON)
    start, end = (now - dt.timedelta(hours=1)).time(), (now + dt.timedelta(hours=1)).time()
    agree(case, officer, quiet_from=start.replace(second=0, microsecond=0), quiet_until=end.replace(second=0,
                                                                                                     microsecond=0))
    ask_for_code(client, case)
    [message] = codes(case)
    assert message.status == "queued"
    assert message.not_before == message.next_attempt_at == message.created_at, \
        "the victim is waiting for it: it is not kept until their quiet hours end"


# --- Only ever to a safe address -------------------------------------------------------------------------------
@pytest.mark.parametrize(("agreed", "unsafe", "goes_by"), [
    ("email", "email", "sms"),  # the agreed email is not to be used: by text
    ("sms", "phone", "email"),  # the agreed number is not to be used: by email
    ("phone", "email", "sms"),  # agreed by phone call: email first, unless it is unsafe
])
def test_an_unsafe_agreed_address_sends_the_code_the_other_way(client, case, officer, agreed, unsafe, goes_by):
    victim = case.victim
    agree(case, officer, channel=agreed, details_not_to_use=f"Shared: {getattr(victim, unsafe)}")
    ask_for_code(client, case)
    [message] = codes(case)
    assert (message.channel, message.status) == (goes_by, "queued")
    assert message.to == (victim.email if goes_by == "email" else victim.phone)


def test_a_missing_agreed_address_sends_the_code_the_other_way(client, case, officer):
    case.victim.phone = ""
    case.victim.save()
    agree(case, officer, channel="sms")
    ask_for_code(client, case)
    [message] = codes(case)
    assert (message.channel, message.to) == ("email", case.victim.email)


def test_no_safe_address_sends_nothing_and_looks_the_same(client, case, officer, other_case):
    victim = case.victim
    agree(case, officer, details_not_to_use=f"{victim.email}\n{victim.phone}")
    response = ask_for_code(client, case)
    assert response.url == reverse("portal:code")
    page = code_page(client)
    assert not Message.objects.exists(), "nothing is sent, not even held back for an unsafe address"
    assert GENERIC in page and "call 101" in page

    stranger = Client()
    ask_for_code(stranger, case, surname="Somebody")
    assert code_page(stranger) == page, "the same page as for details that match no case"


def test_no_email_or_phone_at_all_says_to_call_without_saying_why(client, case):
    case.victim.email = case.victim.phone = ""
    case.victim.save()
    assert ask_for_code(client, case).url == reverse("portal:code")
    page = code_page(client)
    assert "call 101" in page and GENERIC in page
    assert not Message.objects.exists()


def test_the_code_page_never_says_a_code_was_sent_to_a_particular_place(client, agreed_case):
    ask_for_code(client, agreed_case)
    page = code_page(client)
    assert GENERIC in page
    assert "We have sent a 6-number code to your" not in page


# --- The same page whatever happened --------------------------------------------------------------------------
def test_the_code_page_is_the_same_whether_or_not_a_code_went(agreed_case, other_case):
    sent, unmatched, wrong_reference = Client(), Client(), Client()
    ask_for_code(sent, agreed_case)
    ask_for_code(unmatched, agreed_case, dob_year="1990")
    ask_for_code(wrong_reference, agreed_case, reference="GW/2099/999999")
    assert len(codes(agreed_case)) == 1
    assert code_page(sent) == code_page(unmatched) == code_page(wrong_reference)


def test_a_code_for_details_that_matched_nothing_behaves_like_a_real_one(client, agreed_case):
    ask_for_code(client, agreed_case, surname="Somebody")
    assert PortalCode.objects.get().case is None
    for _ in range(services.WRONG_CODES_ALLOWED - 1):
        response = client.post(reverse("portal:code"), {"code": "123456"})
        assert "The security code is not right" in response.content.decode()
    response = client.post(reverse("portal:code"), {"code": "123456"})
    assert "This security code no longer works" in response.content.decode()
    assert client.get(reverse("portal:home")).url == reverse("portal:start")
    wrong_codes = SignInAttempt.objects.filter(stage="code", succeeded=False)
    assert wrong_codes.count() == services.WRONG_CODES_ALLOWED, "they count towards the lockout as real ones do"
    assert set(wrong_codes.values_list("reference_hash", flat=True)) == {
        services.reference_hash(agreed_case.crime.reference)}


# --- No flooding ------------------------------------------------------------------------------------------------
def test_at_most_three_codes_in_15_minutes_then_the_same_page_and_nothing_sent(client, agreed_case):
    for _ in range(3):
        ask_for_code(client, agreed_case)
    third = code_sent(agreed_case)
    page = code_page(client)
    response = ask_for_code(client, agreed_case)
    assert response.url == reverse("portal:code") and code_page(client) == page
    assert len(codes(agreed_case)) == 3
    response = client.post(reverse("portal:code"), {"code": third})
    assert response.status_code == 302 and response.url == reverse("portal:home"), "the code sent still works"


def test_the_limits_hold_over_a_day_and_per_crime_reference(agreed_case, other_case):
    start = timezone.now()
    ask = {"reference": agreed_case.crime.reference, "surname": agreed_case.victim.family_name,
           "date_of_birth": agreed_case.victim.date_of_birth}
    sent = [services.request_code(**ask, at=start + dt.timedelta(minutes=20 * n)) for n in range(12)]
    assert [code.case is not None for code in sent] == [True] * 10 + [False] * 2
    assert len(codes(agreed_case)) == 10
    # Another crime reference has its own allowance.
    other = services.request_code(reference=other_case.crime.reference, surname=other_case.victim.family_name,
                                  date_of_birth=other_case.victim.date_of_birth, at=start + dt.timedelta(hours=4))
    assert other.case == other_case
    # A day after the first, codes go again.
    assert services.request_code(**ask, at=start + dt.timedelta(days=1, minutes=1)).case == agreed_case


def test_the_limits_are_configurable(client, agreed_case, settings):
    settings.PORTAL_CODE_LIMITS = ((1, 60),)
    ask_for_code(client, agreed_case)
    ask_for_code(client, agreed_case)
    assert len(codes(agreed_case)) == 1


# --- The address the lockout counts ---------------------------------------------------------------------------
def test_the_address_is_resolved_as_for_staff_sign_in(client, agreed_case, settings):
    settings.AXES_CLIENT_IP_CALLABLE = lambda request: request.META.get("HTTP_X_REAL_IP")
    client.post(reverse("portal:start"), details(agreed_case), HTTP_X_REAL_IP="203.0.113.7")
    assert SignInAttempt.objects.get().ip == "203.0.113.7"


def test_by_default_the_address_is_remote_addr(agreed_case):
    Client(REMOTE_ADDR="198.51.100.4").post(reverse("portal:start"), details(agreed_case),
                                           HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert SignInAttempt.objects.get().ip == "198.51.100.4", "a header anyone can write is not trusted"


# --- Welsh ---------------------------------------------------------------------------------------------------
def test_the_code_page_in_welsh(client, agreed_case):
    client.cookies["victimcare_language"] = "cy"
    ask_for_code(client, agreed_case, surname="Somebody")
    page = code_page(client)
    assert "Os yw'r manylion yn cyfateb, rydym wedi anfon cod 6 rhif" in page.replace("&#x27;", "'")
