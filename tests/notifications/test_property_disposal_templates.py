"""The disposal warning to the owner and the reminder to property officers render in English and Welsh for email,
text and letter, with every sentence of the Welsh in Welsh, and subjects that say nothing about the crime."""

import datetime as dt
import re

import pytest

from victimcare.notifications.services import _render
from victimcare.notifications.victim_messages import portal_url
from victimcare.property.models import PropertyItem, Store
from victimcare.property.services import DISPOSAL_REMINDER, DISPOSAL_WARNING

pytestmark = pytest.mark.django_db
CHANNELS = ("email", "sms", "letter")


@pytest.fixture
def item(case, force):
    store = Store(name_en="Newport Central property store", name_cy="Storfa eiddo Canol Casnewydd", force=force,
                  address="Cardiff Road")
    return PropertyItem(case=case, description="XQ-ITEM", exhibit_reference="OP/1", owner_name="XQ-OWNER",
                        owner_contact="07700 900777", current_store=store, current_place="Shelf B3")


def contexts(case, item, property_officer) -> dict[str, dict]:
    return {
        DISPOSAL_WARNING: {"case": case, "victim": case.victim, "item": item, "store": item.current_store,
                           "place": "Cardiff Road", "return_on": dt.date(2026, 12, 1),
                           "disposal_on": dt.date(2027, 11, 2), "portal_url": portal_url()},
        DISPOSAL_REMINDER: {"case": case, "staff_user": property_officer, "item": item,
                            "disposal_on": dt.date(2027, 11, 2), "told_on": dt.date(2026, 11, 2),
                            "owner_reminded": True, "item_url": "https://example.org/property/items/1/"},
    }


@pytest.mark.parametrize("kind", [DISPOSAL_WARNING, DISPOSAL_REMINDER])
@pytest.mark.parametrize("channel", CHANNELS)
def test_each_renders_in_english_and_welsh_with_no_english_left_in_the_welsh(case, item, property_officer, kind,
                                                                             channel):
    context = contexts(case, item, property_officer)[kind]
    english = _render(kind, channel, "en", context)
    welsh = _render(kind, channel, "cy", context)
    for subject, body in (english, welsh):
        assert subject and body
        assert case.crime.reference in subject
        assert "XQ-ITEM" not in subject and case.crime.get_category_display().lower() not in subject.lower()
        assert "{{" not in body and "{%" not in body and "&#x27;" not in body and "&amp;" not in body
        assert "\n\n\n" not in body
    assert english[0] != welsh[0] and english[1] != welsh[1]
    data = [case.victim.full_name, case.crime.reference, portal_url(), "Rhys", "XQ-ITEM", "XQ-OWNER", "07700 900777",
            "OP/1", "Cardiff Road", "Shelf B3", "https://example.org/property/items/1/", "101", "999"]
    for english_line in set(english[1].splitlines()) & set(welsh[1].splitlines()):
        leftover = english_line
        for value in data:
            leftover = leftover.replace(value, "")
        assert not re.search(r"[A-Za-z]{3,}", leftover), f"English left in the Welsh {kind} {channel}: {english_line!r}"
    if channel == "sms":
        assert len(english[1]) <= 306 and len(welsh[1]) <= 306  # two text message parts at most
        assert "XQ-ITEM" not in english[1] and "XQ-ITEM" not in welsh[1]


def test_the_welsh_warning_reads_in_welsh(case, item, property_officer):
    _subject, body = _render(DISPOSAL_WARNING, "letter", "cy", contexts(case, item, property_officer)[DISPOSAL_WARNING])
    assert "Ble i'w chasglu: Storfa eiddo Canol Casnewydd, Cardiff Road" in body
    assert "Os na chaiff ei chasglu cyn 2 Tachwedd 2027, efallai y byddwn yn cael gwared arni." in body


def test_the_staff_reminder_by_text_is_the_subject_and_the_link(case, item, property_officer):
    _subject, text = _render(DISPOSAL_REMINDER, "sms", "en", contexts(case, item, property_officer)[DISPOSAL_REMINDER])
    assert text == (f"Unclaimed property: exhibit OP/1 may be disposed of from 2 November 2027 ({case.crime.reference})"
                    "\nhttps://example.org/property/items/1/")
