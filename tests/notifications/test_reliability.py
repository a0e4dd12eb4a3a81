"""The outbox against a real SMTP server started by the tests (aiosmtpd): with several worker processes and
one killed in the middle of a send, every message arrives exactly once; a channel that is down leaves the
message queued with the error, and it goes once the channel is back; held messages and quiet hours send
nothing. (A Notify error is handled the same way: tests/notifications/test_delivery.py.)"""

import asyncio
import datetime as dt
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.utils import timezone

from tests.notifications.conftest import agree, queue
from victimcare.notifications import services
from victimcare.notifications.models import Message
from victimcare.notifications.services import queue_message
from victimcare.notifications.tasks import send_due_messages

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    """An SMTP server's handler: records the Message-ID of every message it accepts (answers 250 to), after a
    short delay per message. A client that disconnects before the answer has not had its message accepted
    (as with any SMTP server), so it is recorded as aborted, not delivered.

    With `stall_after` set, the message arriving after that many deliveries is held for `stall` seconds and
    `stalled` is set with the sender (envelope MAIL FROM), so the test can kill that worker mid-send."""

    def __init__(self, delay=0.0, stall_after=None, stall=3.0):
        self.delay, self.stall_after, self.stall = delay, stall_after, stall
        self.delivered, self.delivered_by, self.senders, self.aborted = [], [], Counter(), []
        self.senders_of = defaultdict(list)
        self.stalled, self.stalled_sender = threading.Event(), None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message_id = email.message_from_bytes(envelope.content)["Message-ID"]
        wait = self.delay
        with self.lock:
            if self.stall_after is not None and len(self.delivered) >= self.stall_after and not self.stalled.is_set():
                self.stalled_sender, wait = envelope.mail_from, self.stall
                self.stalled.set()
        try:
            await asyncio.sleep(wait)
        except asyncio.CancelledError:  # aiosmtpd cancels the handler when the client's connection drops
            self.aborted.append(message_id)
            raise
        if server.transport is None or server.transport.is_closing():
            self.aborted.append(message_id)
            return "451 Client went away"
        with self.lock:
            self.delivered.append(message_id)
            self.delivered_by.append(envelope.mail_from)
            self.senders[envelope.mail_from] += 1
            self.senders_of[message_id].append(envelope.mail_from)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_port():
    return free_port()


def start_server(handler, port) -> Controller:
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


@pytest.fixture
def smtp_settings(settings, smtp_port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", smtp_port, 10
    return settings


def quietly_queue(case, count):
    """Queue messages without waking the in-process sender, as if a worker would pick them up."""
    with mock.patch.object(services, "_wake_sender"), transaction.atomic():
        return [queue_message("example", case=case, key=f"reliability-{n}") for n in range(count)]


def run_workers(messages, handler, port, kill) -> tuple[str, dict]:
    """Start 3 `manage.py send_messages` processes on the test database, SIGKILL the one `kill(handler)`
    names (it waits for its moment), let the others finish, then run a fresh sweep in-process."""
    database = connection.settings_dict
    url = f"postgresql://{database['USER']}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/" \
          f"{database['NAME']}"
    workers = {}
    try:
        for number in range(3):
            sender = f"worker-{number}@victimcare.test"
            environment = {**os.environ, "DEBUG": "1", "DATABASE_URL": url, "EMAIL_HOST": "127.0.0.1",
                           "EMAIL_PORT": str(port), "DEFAULT_FROM_EMAIL": sender, "LOG_LEVEL": "WARNING",
                           "TASK_WORKER": ""}
            workers[sender] = subprocess.Popen(
                [sys.executable, "manage.py", "send_messages"], cwd=ROOT, env=environment,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        killed_sender = kill(handler)
        killed = workers[killed_sender]
        killed.send_signal(signal.SIGKILL)
        killed.wait(timeout=10)
        for worker in workers.values():
            if worker is not killed:
                _out, err = worker.communicate(timeout=120)
                assert worker.returncode == 0, err.decode()[-2000:]
        time.sleep(0.5)  # PostgreSQL ends the killed worker's transaction when its connection drops
        send_due_messages.call()  # a fresh sweep picks up anything the survivors skipped while it was locked
    finally:
        for worker in workers.values():
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    expected = {f"<victimcare-message-{m.pk}@{django_settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN}>" for m in messages}
    arrivals = Counter(handler.delivered)
    assert set(arrivals) == expected  # every message arrived
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}
    assert sum(1 for sender in handler.senders if sender.startswith("worker-")) >= 2  # they really shared it
    seen_twice = {message_id: times for message_id, times in arrivals.items() if times > 1}
    print(f"\n{len(messages)} messages, 3 workers, killed {killed_sender}; aborted mid-send {handler.aborted}; "
          f"arrivals {len(handler.delivered)} by sender {dict(handler.senders)}; seen twice: {seen_twice}")
    return killed_sender, seen_twice


def stalled_sender(handler) -> str:
    assert handler.stalled.wait(timeout=60), "no message reached the SMTP server"
    return handler.stalled_sender


def just_after(count):
    """Wait for `count` arrivals, then name the worker that sent the latest (it is about to commit it)."""
    def wait_then_choose(handler) -> str:
        deadline = time.monotonic() + 60
        while len(handler.delivered) < count:
            assert time.monotonic() < deadline, "the workers did not get going"
            time.sleep(0.005)
        return handler.delivered_by[-1]

    return wait_then_choose


@pytest.mark.skipif(connection.vendor != "postgresql", reason="several workers need PostgreSQL (SKIP LOCKED)")
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_still_leaves_each_message_sent_exactly_once(case, smtp_settings, smtp_port):
    """The kill lands while the worker's message is on the wire, unanswered (the server holds it): the message
    was not accepted, the worker's row lock goes with its connection, and another worker sends it."""
    messages = quietly_queue(case, 90)
    handler = Recorder(delay=0.03, stall_after=25)
    server = start_server(handler, smtp_port)
    try:
        killed, seen_twice = run_workers(messages, handler, smtp_port, stalled_sender)
    finally:
        server.stop()
    assert len(handler.aborted) == 1  # the kill interrupted a send ...
    assert handler.aborted[0] in handler.delivered  # ... and that message went later, from someone else
    assert seen_twice == {}
    assert len(handler.delivered) == len(messages)
    assert handler.senders[killed] >= 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="several workers need PostgreSQL (SKIP LOCKED)")
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_just_after_a_send_never_makes_two_workers_send_one_message(case, smtp_settings,
                                                                                   smtp_port):
    """The worst moment: the kill lands within milliseconds of the server accepting one of the worker's
    messages, before the worker can commit "sent". That message may then go a second time (at-least-once is
    all any SMTP client can promise); both copies carry the same Message-ID, so the receiving system can
    recognise the repeat. Nothing else is ever sent twice: no two live workers send one message."""
    messages = quietly_queue(case, 90)
    handler = Recorder(delay=0.02)
    server = start_server(handler, smtp_port)
    try:
        killed, seen_twice = run_workers(messages, handler, smtp_port, just_after(30))
    finally:
        server.stop()
    assert len(seen_twice) <= 1
    for message_id in seen_twice:
        assert killed in handler.senders_of[message_id]
        assert seen_twice[message_id] == 2


@pytest.mark.django_db
def test_smtp_down_then_back_sends_once(case, smtp_settings, smtp_port, monkeypatch):
    message = queue_message_without_waking(case)
    start = timezone.now()
    assert send_due_messages.call() == 0  # nothing listening
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1)
    assert "Connection refused" in message.last_error or "ConnectionRefusedError" in message.last_error
    assert message.next_attempt_at >= start + dt.timedelta(minutes=1)

    handler = Recorder()
    server = start_server(handler, smtp_port)
    try:
        assert send_due_messages.call() == 0  # back, but not yet time to try again
        monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(minutes=2))
        assert send_due_messages.call() == 1
        assert send_due_messages.call() == 0
    finally:
        server.stop()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 2, "")
    assert handler.delivered == [f"<victimcare-message-{message.pk}@{django_settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN}>"]


def queue_message_without_waking(case, **kwargs):
    with mock.patch.object(services, "_wake_sender"):
        return queue(case, **kwargs)


@pytest.mark.django_db
def test_held_messages_send_nothing(case, officer, smtp_settings, smtp_port):
    agree(case, officer, channel="email", details_not_to_use=case.victim.email)
    message = queue_message_without_waking(case)
    handler = Recorder()
    server = start_server(handler, smtp_port)
    try:
        assert send_due_messages.call() == 0
    finally:
        server.stop()
    message.refresh_from_db()
    assert message.status == "held"
    assert handler.delivered == []
    assert message.case.timeline.filter(kind="message_held").count() == 1


@pytest.mark.django_db
def test_quiet_hours_hold_the_message_until_they_end(case, officer, smtp_settings, smtp_port, monkeypatch):
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    agree(case, officer, channel="email", quiet_from=dt.time(21, 0), quiet_until=dt.time(8, 0))
    night = dt.datetime(2026, 7, 1, 23, 0, tzinfo=london)
    message = queue_message_without_waking(case, at=night)
    handler = Recorder()
    server = start_server(handler, smtp_port)
    try:
        monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 7, 2, 7, 59, tzinfo=london))
        assert send_due_messages.call() == 0
        assert handler.delivered == []
        monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 7, 2, 8, 0, tzinfo=london))
        assert send_due_messages.call() == 1
    finally:
        server.stop()
    message.refresh_from_db()
    assert message.sent_at == dt.datetime(2026, 7, 2, 8, 0, tzinfo=london)
    assert len(handler.delivered) == 1
