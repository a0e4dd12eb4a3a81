"""Sending one message: the channel backends, marking it sent, the timeline, the message_sent signal, and
what a failure leaves behind (attempts, the error, the next attempt with backoff, one timeline entry)."""

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
import requests
from django.core.management import call_command
from django.utils import timezone
from notifications_python_client.errors import HTTPError

from tests.notifications.conftest import agree, queue
from victimcare.cases.models import TimelineEvent
from victimcare.notifications import channels
from victimcare.notifications.delivery import retry_delay, send_message
from victimcare.notifications.models import Message
from victimcare.notifications.signals import message_sent
from victimcare.notifications.tasks import send_due_messages

pytestmark = pytest.mark.django_db
Kind = TimelineEvent.Kind
FAKE_KEY = "test_key-" + "26785a09-ab16-4eb0-8407-a37497a57506" + "-" + "3d844edf-8d35-48ac-975b-e847b4f122b0"


def events(case, kind):
    return list(TimelineEvent.objects.filter(case=case, kind=kind))


def test_email_goes_once_with_a_stable_message_id(case, mailoutbox, settings):
    settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN = "victimcare.test"
    message = queue(case)
    assert send_message(message) is True
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 1, "")
    assert message.provider_reference == f"<victimcare-message-{message.pk}@victimcare.test>"
    [email] = mailoutbox
    assert email.to == [case.victim.email]
    assert email.extra_headers["Message-ID"] == f"<victimcare-message-{message.pk}@victimcare.test>"
    assert email.message()["Message-ID"] == f"<victimcare-message-{message.pk}@victimcare.test>"
    assert email.body == message.body
    assert send_message(message) is False  # already sent: nothing goes again
    assert len(mailoutbox) == 1
    [sent] = events(case, Kind.MESSAGE_SENT)
    assert sent.data == {"message": message.pk, "message_kind": "example", "channel": "email", "to_staff": False}
    assert message.body not in json.dumps(sent.data)


def test_the_message_sent_signal_comes_after_it_is_marked_sent(case, mailoutbox):
    seen = []

    def receiver(sender, message, at, **kwargs):
        seen.append((Message.objects.get(pk=message.pk).status, at))

    message_sent.connect(receiver)
    try:
        message = queue(case)
        at = timezone.now()
        send_message(message, at=at)
    finally:
        message_sent.disconnect(receiver)
    assert seen == [("sent", at)]


def test_a_failing_receiver_does_not_make_a_sent_message_look_unsent(case, mailoutbox):
    def receiver(sender, message, at, **kwargs):
        TimelineEvent.objects.create(crime_id=message.case.crime_id, case=message.case, kind=Kind.OUTCOME)
        raise RuntimeError("receiver bug")

    message_sent.connect(receiver)
    try:
        message = queue(case)
        assert send_message(message) is True
    finally:
        message_sent.disconnect(receiver)
    message.refresh_from_db()
    assert message.status == "sent"
    assert events(case, Kind.OUTCOME) == []  # the receiver's work was rolled back, the send was not


def test_retry_delays():
    assert [retry_delay(n) for n in range(1, 8)] == [dt.timedelta(minutes=m) for m in (1, 5, 15, 60, 60, 60, 60)]


class Broken:
    def send(self, message):
        raise ConnectionRefusedError("Connection refused")


def test_a_failure_is_recorded_and_retried_with_backoff(case, monkeypatch):
    monkeypatch.setattr(channels, "backend", lambda channel: Broken())
    message = queue(case)
    start = timezone.now()
    assert send_message(message, at=start) is False
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1)
    assert message.last_error == "ConnectionRefusedError: Connection refused"
    assert message.next_attempt_at == start + dt.timedelta(minutes=1)
    assert send_message(message, at=start + dt.timedelta(seconds=30)) is False  # not due yet: not even tried
    message.refresh_from_db()
    assert message.attempts == 1
    later = start + dt.timedelta(minutes=1)
    send_message(message, at=later)
    send_message(message, at=later + dt.timedelta(minutes=5))
    message.refresh_from_db()
    assert message.attempts == 3
    assert message.next_attempt_at == later + dt.timedelta(minutes=5 + 15)
    [not_sent] = events(case, Kind.MESSAGE_NOT_SENT)  # the first failure only, not every retry
    assert not_sent.data["error"] == "ConnectionRefusedError: Connection refused"
    assert events(case, Kind.MESSAGE_SENT) == []


def test_sms_and_letter_files_by_default(welsh_letter_case, settings):
    letter = queue(welsh_letter_case)
    sms = queue(welsh_letter_case, channel="sms")
    assert send_due_messages.call() == 2
    outbox = Path(settings.NOTIFICATIONS_OUTBOX_DIR)
    assert (outbox / "letter" / f"{letter.pk}.pdf").read_bytes().startswith(b"%PDF-")
    text = (outbox / "sms" / f"{sms.pk}.txt").read_text()
    assert text.endswith("Neges gan Heddlu Gwent: mae gennych ddiweddariad.\n")
    assert f"To: {welsh_letter_case.victim.phone}" in text


class FakeNotify:
    """Stands in for the network under Notify's client: records each request, answers like Notify."""

    def __init__(self, status=201):
        self.calls, self.status = [], status

    def __call__(self, session, method, url, **kwargs):
        self.calls.append((method, url, json.loads(kwargs["data"]), kwargs["headers"]))
        response = requests.Response()
        response.status_code, response.url = self.status, url
        body = {"id": "740e5834-3a29-46b4-9a6f-16142fde533a"} if self.status == 201 else {
            "status_code": self.status, "errors": [{"error": "Exception", "message": "Internal server error"}]}
        response._content = json.dumps(body).encode()
        response.headers["Content-Type"] = "application/json"
        return response


@pytest.fixture
def notify(settings, monkeypatch):
    settings.NOTIFY_API_KEY = FAKE_KEY
    settings.NOTIFY_SMS_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
    settings.NOTIFICATIONS_SMS_BACKEND = "victimcare.notifications.channels.NotifySms"
    settings.NOTIFICATIONS_LETTER_BACKEND = "victimcare.notifications.channels.NotifyLetter"
    fake = FakeNotify()
    monkeypatch.setattr(requests.Session, "request",
                        lambda session, method, url, **kwargs: fake(session, method, url, **kwargs))
    return fake


def test_sms_through_notify(case, officer, notify):
    agree(case, officer, channel="sms", language="cy")
    message = queue(case)
    assert send_message(message) is True
    [(method, url, data, headers)] = notify.calls
    assert (method, url) == ("POST", "https://api.notifications.service.gov.uk/v2/notifications/sms")
    assert data == {"phone_number": case.victim.phone, "template_id": "f33517ff-2a88-4f6e-b855-c550268ce08a",
                    "personalisation": {"body": "Neges gan Heddlu Gwent: mae gennych ddiweddariad."},
                    "reference": f"victimcare-message-{message.pk}"}
    assert headers["Authorization"].startswith("Bearer ")
    message.refresh_from_db()
    assert message.provider_reference == "740e5834-3a29-46b4-9a6f-16142fde533a"


def test_a_letter_through_notify_is_the_pdf(welsh_letter_case, notify):
    import base64

    message = queue(welsh_letter_case)
    assert send_message(message) is True
    [(_method, url, data, _headers)] = notify.calls
    assert url.endswith("/v2/notifications/letter")
    assert data["reference"] == f"victimcare-message-{message.pk}"
    assert base64.b64decode(data["content"]).startswith(b"%PDF-")


def test_a_notify_error_leaves_the_message_queued(case, officer, notify):
    notify.status = 500
    agree(case, officer, channel="sms")
    message = queue(case)
    assert send_message(message) is False
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1)
    assert message.last_error.startswith("HTTPError: ")
    assert "Internal server error" in message.last_error
    assert message.next_attempt_at > timezone.now()
    assert issubclass(HTTPError, Exception)
    notify.status = 201
    message.next_attempt_at = timezone.now()
    message.save()
    assert send_due_messages.call() == 1
    assert send_due_messages.call() == 0
    assert len(notify.calls) == 2  # the failed try and the one that went: never a third
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 2)


def test_the_command_sends_what_is_due(case, mailoutbox):
    queue(case)
    queue(case, at=timezone.now() + dt.timedelta(hours=1))  # not due yet
    out = StringIO()
    call_command("send_messages", stdout=out)
    assert out.getvalue() == "Sent 1 message.\n"
    assert len(mailoutbox) == 1


def test_when_the_channel_fails_nothing_of_sent_remains(case, monkeypatch):
    def receiver(sender, message, at, **kwargs):
        TimelineEvent.objects.create(crime_id=message.case.crime_id, case=message.case, kind=Kind.OUTCOME)

    monkeypatch.setattr(channels, "backend", lambda channel: Broken())
    message_sent.connect(receiver)
    try:
        message = queue(case)
        assert send_message(message) is False
    finally:
        message_sent.disconnect(receiver)
    message.refresh_from_db()
    assert (message.status, message.sent_at, message.attempts, message.provider_reference) == ("queued", None, 1, "")
    assert events(case, Kind.OUTCOME) == [] and events(case, Kind.MESSAGE_SENT) == []
    assert len(events(case, Kind.MESSAGE_NOT_SENT)) == 1
