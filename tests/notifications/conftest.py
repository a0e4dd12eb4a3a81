"""The outbox tests: an "example" message kind whose templates live with the tests (English and Welsh), the
outbox directory in a temporary folder, and helpers to queue and send."""

import copy
from pathlib import Path

import pytest
from django.db import transaction

from victimcare.contact.services import Terms, agree_contact
from victimcare.notifications.services import queue_message

TEMPLATES_DIR = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def example_templates(settings, tmp_path):
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], TEMPLATES_DIR]
    settings.TEMPLATES = templates
    settings.NOTIFICATIONS_OUTBOX_DIR = tmp_path / "outbox"
    settings.NOTIFICATIONS_SMS_BACKEND = "victimcare.notifications.channels.FileSms"
    settings.NOTIFICATIONS_LETTER_BACKEND = "victimcare.notifications.channels.FileLetter"


def agree(case, officer, **terms):
    return agree_contact(case, Terms(**{"channel": "email", **terms}), actor=officer)


def queue(case, **kwargs):
    with transaction.atomic():
        return queue_message("example", case=case, **kwargs)


@pytest.fixture
def welsh_letter_case(case, officer):
    victim = case.victim
    victim.given_name, victim.family_name = "Gwenllïan", "Ŵyn"
    victim.address, victim.postcode = "Tŷ Ŵyn\n1 Heol y Dŵr\nCasnewydd", "NP20 1AA"
    victim.save()
    agree(case, officer, channel="letter", language="cy")
    return case
