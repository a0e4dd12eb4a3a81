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


# --- Court ------------------------------------------------------------------------------------------------------
def charged(case, officer):
    from tests.court.conftest import charge

    return charge(case, officer, at=timezone.now() - dt.timedelta(days=60))


def hearing_at(prosecution, witness_care, days, kind="trial"):
    from victimcare.court import services as court

    starts = (timezone.now() + dt.timedelta(days=days)).replace(hour=10, minute=0, second=0, microsecond=0)
    item = court.list_hearing(prosecution, kind=kind, starts_at=starts, place="Court 2",
                              received_at=timezone.now() - dt.timedelta(days=50), actor=witness_care)
    return item.hearing


def court_section(page: str) -> str:
    return page.split('class="govuk-list app-portal-court"', 1)[1].split("</ul>", 1)[0]


def next_section(page: str) -> str:
    return page.split("What happens next", 1)[1].split("Who is looking after your case", 1)[0]


def test_a_cancelled_hearing_is_not_shown_as_going_ahead(client, case, officer, witness_care):
    from victimcare.court import services as court

    hearing = hearing_at(charged(case, officer), witness_care, days=14)
    court.vacate_hearing(hearing, received_at=timezone.now() - dt.timedelta(hours=1), actor=witness_care)
    page = home(client, case)
    day = timezone.localtime(hearing.starts_at).strftime("%A %-d %B %Y")
    assert f"It was to be on {day}. It has been cancelled and will not go ahead." in court_section(page)
    assert "at court on" not in next_section(page), "not among what happens next"


def test_an_upcoming_hearing_gives_date_time_and_place(client, case, officer, witness_care):
    hearing_at(charged(case, officer), witness_care, days=14)
    page = home(client, case)
    section = court_section(page)
    assert "10:00, Cardiff Crown Court, Court 2" in section and "cancelled" not in section
    assert "Trial at court on" in next_section(page)


def test_what_the_court_decided_in_plain_words(client, case, officer, witness_care):
    from victimcare.court import services as court

    prosecution = charged(case, officer)
    plea = hearing_at(prosecution, witness_care, days=-40, kind="plea")
    received = timezone.now() - dt.timedelta(days=39)
    court.record_plea(plea, "not_guilty", received_at=received, actor=witness_care)
    court.record_bail(plea, "granted", conditions="Not to contact the victim or go to Heol y Frenhines",
                      received_at=received, actor=witness_care)
    trial = hearing_at(prosecution, witness_care, days=-10)
    received = timezone.now() - dt.timedelta(days=9)
    court.record_verdict(trial, "guilty", received_at=received, actor=witness_care)
    court.record_sentence(trial, custody_months=18, received_at=received, actor=witness_care)
    waiting = hearing_at(prosecution, witness_care, days=-1, kind="other")

    section = court_section(home(client, case))
    assert "The defendant pleaded not guilty. This usually means there will be a trial." in section
    assert ("The defendant was released on bail until the next hearing. They must keep to these conditions: "
            "Not to contact the victim or go to Heol y Frenhines") in section
    assert section.count("Not to contact the victim") == 1, "the conditions are said once"
    assert "The court found the defendant guilty." in section
    assert "The defendant was sentenced to 18 months in prison." in section
    for code in ("not_guilty", "granted", "custody_months", "remanded"):
        assert code not in section
    last = section.split(waiting.get_kind_display(), 1)[1]
    assert "We will tell you what happened at this hearing." in last


def test_remand_and_a_sentence_that_is_not_prison(client, case, officer, witness_care):
    from victimcare.court import services as court

    prosecution = charged(case, officer)
    hearing = hearing_at(prosecution, witness_care, days=-5, kind="sentencing")
    received = timezone.now() - dt.timedelta(days=4)
    court.record_bail(hearing, "remanded", received_at=received, actor=witness_care)
    court.record_sentence(hearing, non_custodial="Community order: 200 hours of unpaid work", received_at=received,
                          actor=witness_care)
    section = court_section(home(client, case))
    assert "The defendant must stay in prison until the next hearing (remanded in custody)." in section
    assert "The court gave the defendant a sentence that is not prison: Community order: 200 hours" in section
    assert "Result:" not in section, "the sentence is not repeated as a result"


def test_court_in_welsh(client, case, officer, witness_care):
    from victimcare.court import services as court

    prosecution = charged(case, officer)
    hearing = hearing_at(prosecution, witness_care, days=-5)
    received = timezone.now() - dt.timedelta(days=4)
    court.record_verdict(hearing, "not_guilty", received_at=received, actor=witness_care)
    cancelled = hearing_at(prosecution, witness_care, days=20, kind="sentencing")
    court.vacate_hearing(cancelled, received_at=received, actor=witness_care)
    section = court_section(home(client, case, "cy"))
    assert "Cafodd y llys y diffynnydd yn ddieuog." in section
    assert "Mae wedi cael ei ganslo ac ni fydd yn mynd yn ei flaen." in section
