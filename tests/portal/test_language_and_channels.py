"""The portal speaks the victim's language from the moment they sign in (unless they chose one on the sign-in
pages), and offers only the ways of updating them that can work: the ones we have their details for and may
use."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.portal.helpers import sign_in_to_portal
from tests.portal.test_sign_in import ask_for_code, code_sent
from victimcare.contact.services import Terms, agree_contact, current_agreement
from victimcare.portal import services

pytestmark = pytest.mark.django_db
LANGUAGE = settings.LANGUAGE_COOKIE_NAME


def sign_in(client, case):
    ask_for_code(client, case)
    response = client.post(reverse("portal:code"), {"code": code_sent(case)})
    assert response.status_code == 302 and response.url == reverse("portal:home")
    return response


# --- Language at sign-in --------------------------------------------------------------------------------------
def test_signing_in_switches_to_the_victims_welsh(case, officer):
    agree_contact(case, Terms(channel="email", every_days=14, language="cy"), actor=officer)
    client = Client()
    client.cookies[LANGUAGE] = "en"
    response = sign_in(client, case)
    assert response.cookies[LANGUAGE].value == "cy"
    page = client.get(reverse("portal:home")).content.decode()
    assert "Beth sy&#x27;n digwydd nesaf" in page or "Beth sy'n digwydd nesaf" in page


def test_signing_in_switches_to_english_on_record(case):
    case.victim.preferred_language = "en"
    case.victim.save()
    client = Client()
    client.cookies[LANGUAGE] = "cy"  # e.g. someone else used Welsh on this phone before
    assert sign_in(client, case).cookies[LANGUAGE].value == "en"


def test_the_language_picked_on_the_sign_in_pages_is_kept(case, officer):
    agree_contact(case, Terms(channel="email", every_days=14, language="cy"), actor=officer)
    client = Client()
    response = client.post(reverse("portal:language"), {"language": "en", "next": reverse("portal:start")})
    assert response.status_code == 302 and response.url == reverse("portal:start")
    assert response.cookies[LANGUAGE].value == "en"
    response = sign_in(client, case)
    assert LANGUAGE not in response.cookies, "their own choice stands"
    page = client.get(reverse("portal:home")).content.decode()
    assert "What happens next" in page


def test_a_choice_from_an_earlier_visit_does_not_count(case, officer):
    agree_contact(case, Terms(channel="email", every_days=14, language="cy"), actor=officer)
    client = Client()
    client.post(reverse("portal:language"), {"language": "en", "next": reverse("portal:start")})
    sign_in(client, case)
    client.post(reverse("portal:sign-out"))
    assert sign_in(client, case).cookies[LANGUAGE].value == "cy"


def test_another_language_on_record_leaves_the_language_as_it_is(case, officer):
    agree_contact(case, Terms(channel="email", every_days=14, language="other", other_language="Polish"),
                  actor=officer)
    case.victim.preferred_language = "other"
    case.victim.save()
    assert services.portal_language(case) is None
    assert LANGUAGE not in sign_in(Client(), case).cookies


def test_portal_pages_switch_language_through_the_portal(client, agreed_case):
    page = client.get(reverse("portal:start")).content.decode()
    assert f'action="{reverse("portal:language")}"' in page


# --- Ways to be updated ---------------------------------------------------------------------------------------
def channels_offered(client) -> list[str]:
    page = client.get(reverse("portal:updates")).content.decode()
    return re.findall(r'name="channel" type="radio" value="(\w+)"', page)


def test_only_ways_with_details_on_record_are_offered(client, agreed_case):
    victim = agreed_case.victim
    victim.phone, victim.address = "", ""
    victim.save()
    sign_in_to_portal(client, agreed_case)
    assert channels_offered(client) == ["email"]
    page = unescape(client.get(reverse("portal:updates")).content.decode())
    assert "we do not have your details for the others" in page
    assert f'<a class="govuk-link" href="{reverse("portal:message")}">send a message to your officer</a>' in page


def test_every_way_is_offered_when_we_have_all_the_details(client, agreed_case):
    victim = agreed_case.victim
    victim.address, victim.postcode = "1 Heol y Frenhines\nCasnewydd", "NP20 1AA"
    victim.save()
    sign_in_to_portal(client, agreed_case)
    assert channels_offered(client) == ["email", "sms", "phone", "letter"]
    assert "we do not have your details" not in client.get(reverse("portal:updates")).content.decode()


def test_a_detail_the_victim_said_not_to_use_is_not_offered(client, case, officer):
    agree_contact(case, Terms(channel="phone", every_days=14, details_not_to_use=case.victim.phone), actor=officer)
    sign_in_to_portal(client, case)
    assert channels_offered(client) == ["email"]


def test_choosing_a_way_with_no_details_is_refused(client, agreed_case):
    agreed_case.victim.address = ""
    agreed_case.victim.save()
    sign_in_to_portal(client, agreed_case)
    response = client.post(reverse("portal:updates"), {"channel": "letter", "frequency": "7", "language": "en"})
    assert response.status_code == 200
    assert "channel" in response.context["form"].errors
    assert current_agreement(agreed_case).channel == "email"
    with pytest.raises(services.PortalError):
        services.change_updates(agreed_case, services.UpdateChoice(channel="letter", every_days=7, language="en"))


def test_the_updates_page_in_welsh(client, agreed_case):
    agreed_case.victim.phone = ""
    agreed_case.victim.save()
    sign_in_to_portal(client, agreed_case)
    client.cookies[LANGUAGE] = "cy"
    page = unescape(client.get(reverse("portal:updates")).content.decode())
    assert "anfonwch neges at eich swyddog" in page
    assert "nid oes gennym eich manylion ar gyfer y lleill" in page
