"""One backend per channel, chosen by settings; each sends one message and returns the provider's reference.

- Email: Django's email framework (EMAIL_BACKEND: SMTP in production, files in var/outbox/email by default),
  with a Message-ID that is the same on every attempt, so that a receiving system can recognise a repeat.
- Text messages and letters: GOV.UK Notify's official client when NOTIFY_API_KEY is set
  (NOTIFICATIONS_SMS_BACKEND / NOTIFICATIONS_LETTER_BACKEND), otherwise files in var/outbox/sms and
  var/outbox/letter (written whole, by rename, so a repeat replaces rather than doubles).
"""

import io
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils.module_loading import import_string

from victimcare.notifications.models import Message, MessageChannel


def reference(message: Message) -> str:
    """The message's own reference, the same on every attempt."""
    return f"victimcare-message-{message.pk}"


def message_id(message: Message) -> str:
    return f"<{reference(message)}@{settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN}>"


def expected_reference(message: Message) -> str:
    """The reference known before sending (an email's Message-ID); a provider's own id replaces it."""
    return message_id(message) if message.channel == MessageChannel.EMAIL else ""


class Email:
    def send(self, message: Message) -> str:
        email = EmailMessage(subject=message.subject, body=message.body, from_email=settings.DEFAULT_FROM_EMAIL,
                             to=[message.to], headers={"Message-ID": message_id(message)},
                             connection=get_connection(fail_silently=False))
        email.send()
        return message_id(message)


def _notify_client():
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)


class NotifySms:
    def send(self, message: Message) -> str:
        response = _notify_client().send_sms_notification(
            phone_number=message.to, template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
            personalisation={"body": message.body}, reference=reference(message),
        )
        return response["id"]


class NotifyLetter:
    def send(self, message: Message) -> str:
        from victimcare.notifications.letters import render_letter

        response = _notify_client().send_precompiled_letter_notification(
            reference=reference(message), pdf_file=io.BytesIO(render_letter(message)),
        )
        return response["id"]


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    with os.fdopen(handle, "wb") as file:
        file.write(content)
    os.replace(temporary, path)


class FileSms:
    def send(self, message: Message) -> str:
        path = Path(settings.NOTIFICATIONS_OUTBOX_DIR) / "sms" / f"{message.pk}.txt"
        _write(path, f"To: {message.to}\nReference: {reference(message)}\n\n{message.body}\n".encode())
        return str(path)


class FileLetter:
    def send(self, message: Message) -> str:
        from victimcare.notifications.letters import render_letter

        path = Path(settings.NOTIFICATIONS_OUTBOX_DIR) / "letter" / f"{message.pk}.pdf"
        _write(path, render_letter(message))
        return str(path)


def backend(channel: str):
    if channel == MessageChannel.EMAIL:
        return Email()
    if channel == MessageChannel.SMS:
        return import_string(settings.NOTIFICATIONS_SMS_BACKEND)()
    if channel == MessageChannel.LETTER:
        return import_string(settings.NOTIFICATIONS_LETTER_BACKEND)()
    raise ValueError(f"No backend for channel {channel!r}")


def send(message: Message) -> str:
    """Hand the message to its channel; raises if the channel fails."""
    return backend(message.channel).send(message)
