"""queue_message: the language, channel and address come from the victim's agreement; a key queues a thing
once; quiet hours delay; unsafe or missing addresses hold the message back; the sender is woken once per
transaction."""

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from tests.factories import UserFactory
from tests.notifications.conftest import agree, queue
from victimcare.cases.models import TimelineEvent
from victimcare.notifications import services
from victimcare.notifications.models import Message
from victimcare.notifications.services import queue_message

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_language_and_channel_from_the_agreement(case, officer):
    agree(case, officer, channel="sms", language="cy")
    message = queue(case)
    assert (message.channel, message.language, message.to) == ("sms", "cy", case.victim.phone)
    assert message.body == "Neges gan Heddlu Gwent: mae gennych ddiweddariad."
    assert message.subject == "Neges gan Heddlu Gwent"
    assert message.status == Message.Status.QUEUED


def test_english_email_without_an_agreement(case):
    message = queue(case)
    assert (message.channel, message.language, message.to) == ("email", "en", case.victim.email)
    assert message.body.startswith(f"Dear {case.victim.given_name},")


def test_a_phone_agreement_falls_back_to_a_written_channel_the_victim_has(case, officer):
    victim = case.victim
    victim.email = ""
    victim.save()
    agree(case, officer, channel="phone")
    message = queue(case)
    assert (message.channel, message.to) == ("sms", victim.phone)


def test_no_email_or_phone_means_a_letter_to_the_address(case, officer):
    victim = case.victim
    victim.email, victim.phone, victim.address, victim.postcode = "", "", "1 Heol y Dŵr\nCasnewydd", "NP20 1AA"
    victim.save()
    agree(case, officer, channel="visit")
    message = queue(case)
    assert message.channel == "letter"
    assert message.to == f"{victim.full_name}\n1 Heol y Dŵr\nCasnewydd\nNP20 1AA"


def test_the_caller_may_fix_the_channel(case, officer):
    agree(case, officer, channel="email")
    assert queue(case, channel="sms").channel == "sms"


def test_a_key_queues_once(case):
    first = queue(case, key="example-1")
    again = queue(case, key="example-1", context={"extra": "different"})
    assert again.pk == first.pk
    assert Message.objects.count() == 1


def test_a_key_queued_at_the_same_moment_elsewhere_returns_that_message(case):
    """Two requests for the same event can both find no message with the key and both insert: the second
    insert fails on the key's unique constraint and returns the first's message instead of an error."""
    first = queue(case, key="ack:race")
    with mock.patch.object(services, "_already_queued", return_value=None):
        second = queue(case, key="ack:race")
    assert second.pk == first.pk
    assert Message.objects.filter(key="ack:race").count() == 1


def test_no_address_is_held_with_a_timeline_entry_and_not_sent(case, officer, mailoutbox):
    victim = case.victim
    victim.email = ""
    victim.save()
    agree(case, officer, channel="email")
    message = queue(case, channel="email")
    assert (message.status, message.held_reason) == ("held", "No address for this channel")
    held = TimelineEvent.objects.get(case=case, kind=TimelineEvent.Kind.MESSAGE_HELD)
    assert held.data == {"message": message.pk, "message_kind": "example", "channel": "email", "to_staff": False,
                         "reason": "No address for this channel"}
    from victimcare.notifications.tasks import send_due_messages

    assert send_due_messages.call() == 0
    assert mailoutbox == []


def test_an_address_the_victim_said_not_to_use_is_held(case, officer):
    agree(case, officer, channel="email", details_not_to_use=f"{case.victim.email.upper()}, 01633 000000")
    message = queue(case)
    assert message.status == "held"
    assert message.held_reason == "The victim asked for this address not to be used"
    assert TimelineEvent.objects.filter(case=case, kind=TimelineEvent.Kind.MESSAGE_HELD).count() == 1


def test_quiet_hours_delay_the_message_to_their_end(case, officer):
    agree(case, officer, quiet_from=dt.time(21, 0), quiet_until=dt.time(8, 0))
    late = dt.datetime(2026, 7, 1, 23, 30, tzinfo=LONDON)
    message = queue(case, at=late)
    assert message.not_before == message.next_attempt_at == dt.datetime(2026, 7, 2, 8, 0, tzinfo=LONDON)
    daytime = dt.datetime(2026, 7, 2, 12, 0, tzinfo=LONDON)
    assert queue(case, at=daytime).next_attempt_at == daytime


def test_a_reply_the_victim_is_waiting_for_goes_at_once_even_in_quiet_hours(case, officer):
    agree(case, officer, quiet_from=dt.time(21, 0), quiet_until=dt.time(8, 0))
    late = dt.datetime(2026, 7, 1, 23, 30, tzinfo=LONDON)
    message = queue(case, at=late, at_once=True)
    assert message.status == "queued" and message.not_before == message.next_attempt_at == late


def test_a_reply_the_victim_is_waiting_for_still_never_goes_to_an_unsafe_address(case, officer):
    agree(case, officer, quiet_from=dt.time(21, 0), quiet_until=dt.time(8, 0),
          details_not_to_use=case.victim.email.upper())
    message = queue(case, at=dt.datetime(2026, 7, 1, 23, 30, tzinfo=LONDON), at_once=True)
    assert message.status == "held" and message.held_reason == "The victim asked for this address not to be used"


def test_a_staff_reminder_ignores_the_victims_agreement(case, officer):
    officer.email = "olwen.price@gwent.example"
    officer.save()
    agree(case, officer, channel="sms", language="cy", quiet_from=dt.time(0, 0), quiet_until=dt.time(23, 59),
          details_not_to_use="olwen.price@gwent.example")
    message = queue(case, staff_user=officer)
    assert (message.channel, message.language, message.to, message.status) == (
        "email", "en", "olwen.price@gwent.example", "queued")
    assert message.victim is None
    assert message.next_attempt_at == message.created_at


def test_a_staff_user_without_email_is_held(case):
    user = UserFactory(username="no-email", email="")
    message = queue(case, staff_user=user)
    assert message.status == "held"


def test_the_sender_is_woken_once_per_transaction(case):
    with mock.patch.object(services, "_wake_sender") as wake, transaction.atomic():
        for number in range(5):
            queue_message("example", case=case, key=f"many-{number}")
        connection = transaction.get_connection()
        assert sum(entry[1] is wake for entry in connection.run_on_commit) == 1


def test_once_the_transaction_commits_the_sender_sends_it(case, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        message = queue_message("example", case=case)
        assert mailoutbox == []  # nothing goes before the event is committed
    # one wake-up of the sender (sending then logs the message, whose access-log entry is chained after commit)
    assert [callback.__name__ for callback in callbacks].count("_wake_sender") == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert [email.to for email in mailoutbox] == [[case.victim.email]]
