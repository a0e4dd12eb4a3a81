"""When the sweep records a commitment overdue, its owner gets one email through the outbox, in English."""

import datetime as dt

import pytest
from django.utils import translation

from victimcare.cases import services as cases
from victimcare.charter import services as charter
from victimcare.charter.calendar import LONDON
from victimcare.charter.rules import KeyDecision
from victimcare.charter.tasks import sweep_overdue_commitments
from victimcare.notifications.delivery import send_message
from victimcare.notifications.models import Message

pytestmark = pytest.mark.django_db
LONG_AGO = dt.datetime(2025, 1, 6, 10, 0, tzinfo=LONDON)


@pytest.fixture
def overdue(case, officer):
    officer.email = "olwen.price@gwent.example"
    officer.save()
    return cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=LONG_AGO)


def test_the_owner_is_emailed_once(case, officer, overdue, mailoutbox, settings):
    settings.SITE_URL = "https://victimcare.gwent.example/"
    assert sweep_overdue_commitments.call() >= 1
    [reminder] = Message.objects.filter(kind="staff_reminder")
    assert (reminder.staff_user, reminder.to, reminder.channel, reminder.language, reminder.victim) == (
        officer, "olwen.price@gwent.example", "email", "en", None)
    assert reminder.key == f"staff-reminder-{overdue.pk}"
    assert reminder.subject == f"Overdue: Tell the victim about an investigation decision ({case.crime.reference})"
    assert reminder.body.startswith("Dear Olwen,")
    assert f"This commitment to the victim on case {case.crime.reference} is overdue:" in reminder.body
    assert f"https://victimcare.gwent.example/cases/{case.pk}/" in reminder.body
    assert charter.record_overdue(overdue) is False  # recorded already: no second reminder
    assert sweep_overdue_commitments.call() == 0
    assert Message.objects.filter(kind="staff_reminder").count() == 1
    assert send_message(reminder) is True
    assert [email.to for email in mailoutbox] == [["olwen.price@gwent.example"]]


def test_the_welsh_template_reads_in_welsh(case, officer, overdue):
    sweep_overdue_commitments.call()
    reminder = Message.objects.get(kind="staff_reminder")
    from victimcare.notifications.services import _render

    context = {"case": case, "staff_user": officer, "commitment": overdue, "label_en": "x", "label_cy": "Dweud",
               "case_url": "https://example/"}
    with translation.override("en"):
        subject, body = _render("staff_reminder", "email", "cy", context)
    assert subject == f"Hwyr: Dweud ({case.crime.reference})"
    assert body.startswith("Annwyl Olwen,")
    assert "Gweithredwch arno heddiw" in body
    assert reminder.subject.startswith("Overdue:")


def test_no_owner_in_person_no_email(case, officer, overdue):
    overdue.owner_person = None
    overdue.save()
    sweep_overdue_commitments.call()
    assert not Message.objects.filter(kind="staff_reminder").exists()


def test_by_text_message_it_is_short(case, officer, overdue):
    from victimcare.notifications.services import _render

    context = {"case": case, "staff_user": officer, "commitment": overdue, "label_en": "Tell the victim",
               "label_cy": "Dweud", "case_url": "https://example/cases/1/"}
    _subject, text = _render("staff_reminder", "sms", "en", context)
    assert text == f"Overdue: Tell the victim ({case.crime.reference})\nhttps://example/cases/1/"
