"""The portal home page tells the victim plainly where things stand: an update that is late says so (and what
they can do about it), in English and Welsh."""

import datetime as dt
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.portal.helpers import sign_in_to_portal
from victimcare.contact.services import Terms, agree_contact

pytestmark = pytest.mark.django_db


def home(client, case, language="en") -> str:
    sign_in_to_portal(client, case)
    client.cookies["victimcare_language"] = language
    return unescape(client.get(reverse("portal:home")).content.decode())


def test_an_update_not_yet_due_is_shown_as_to_come(client, case, officer):
    agree_contact(case, Terms(channel="email", every_days=14), actor=officer)
    page = home(client, case)
    assert "Your next update is due by" in page
    assert "Your update is late" not in page


def test_a_late_update_says_it_is_late_and_what_to_do(client, case, officer):
    agreed = timezone.now() - dt.timedelta(days=20)
    agree_contact(case, Terms(channel="email", every_days=7), actor=officer, at=agreed)
    due = case.commitments.get(kind="victim_update").due_at
    page = home(client, case)
    assert "Your next update is due by" not in page, "a date in the past is not shown as still to come"
    day = timezone.localtime(due).strftime("%A %-d %B %Y")
    assert f"Your update is late. It was due by {day}. We are sorry." in page
    late = page.split("Your update is late", 1)[1]
    assert f'href="{reverse("portal:message")}"' in late.split("</p>", 2)[1]
    assert "Send a message to your officer to ask for your update" in late


def test_a_late_update_in_welsh(client, case, officer):
    agree_contact(case, Terms(channel="email", every_days=7, language="cy"), actor=officer,
                  at=timezone.now() - dt.timedelta(days=20))
    page = home(client, case, "cy")
    assert "Mae eich diweddariad yn hwyr." in page
    assert "Anfonwch neges at eich swyddog i ofyn am eich diweddariad" in page


def test_a_closed_case_does_not_say_an_update_is_late(client, case, officer):
    from victimcare.cases.services import close_case

    agree_contact(case, Terms(channel="email", every_days=7), actor=officer, at=timezone.now() - dt.timedelta(days=20))
    close_case(case, actor=officer)
    page = home(client, case)
    assert "Your case is closed" in page and "Your update is late" not in page
