"""Sending a message takes the victim's personal data (their address, what the message says about their case) out
of the system: each message sent to a victim is an access-log entry by the system, once; a failed attempt is not."""

import pytest

from tests.notifications.conftest import queue
from victimcare.cases.models import CaseAccessLog
from victimcare.notifications import channels
from victimcare.notifications.delivery import SENT_WHAT, send_message

pytestmark = pytest.mark.django_db


def sent_entries(case) -> list[tuple]:
    return list(CaseAccessLog.objects.filter(case=case, what=SENT_WHAT).values_list("user_id", "channel", "action"))


def test_a_message_sent_to_the_victim_is_logged_once(case, mailoutbox):
    message = queue(case)
    assert send_message(message) is True
    assert send_message(message) is False
    assert sent_entries(case) == [(None, "system", "viewed")]


def test_a_failed_attempt_is_not_logged(case, monkeypatch):
    def refuse(message):
        raise ConnectionError("the mail server is down")

    monkeypatch.setattr(channels, "send", refuse)
    assert send_message(queue(case)) is False
    assert sent_entries(case) == []
