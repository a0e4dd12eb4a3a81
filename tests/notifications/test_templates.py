"""Every message to a victim renders in English and Welsh for email, text and letter, with every sentence of
the Welsh in Welsh: nothing left in English, and every entry of the catalogue filled."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po

from victimcare.charter import rules
from victimcare.charter.services import deadlines, open_commitment
from victimcare.court.models import Hearing
from victimcare.notifications import victim_messages
from victimcare.notifications.services import _render
from victimcare.property.models import PropertyItem, Store
from victimcare.support.models import SupportService

LONDON = ZoneInfo("Europe/London")
CATALOGUE = Path(victim_messages.__file__).parent / "locale" / "cy" / "LC_MESSAGES" / "django.po"
CHANNELS = ("email", "sms", "letter")


@pytest.fixture
def case(case):
    case.crime.reported_at = dt.datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)
    case.crime.save(update_fields=["reported_at"])
    case.unit.phone, case.unit.email = "01633 838111", "newport.cid@example.org"
    case.unit.save(update_fields=["phone", "email"])
    case.enhanced_rights = True
    open_commitment(case, rules.contact_agreement_commitment(case.crime.reported_at, deadlines()),
                    at=case.crime.reported_at)
    return case


def contexts(case) -> dict[str, dict]:
    service = SupportService(name_en="Connect Gwent", name_cy="Cyswllt Gwent",
                             summary_en="Emotional and practical help.", summary_cy="Help emosiynol ac ymarferol.",
                             phone="0300 123 2133", email="connect@example.org", website="https://example.org/connect",
                             opening_hours_en="Monday to Friday, 9am to 5pm",
                             opening_hours_cy="Dydd Llun i ddydd Gwener, 9yb i 5yp")
    store = Store(name_en="Newport Central property store", name_cy="Storfa eiddo Canol Casnewydd",
                  address="Cardiff Road")
    hearing = Hearing(kind=Hearing.Kind.TRIAL, starts_at=dt.datetime(2026, 12, 7, 10, 0, tzinfo=LONDON),
                      place="Court 3", result="")
    item = PropertyItem(description="XQ-ITEM", exhibit_reference="OP/1")
    base = {"case": case, "victim": case.victim, "portal_url": victim_messages.portal_url()}
    return {
        "acknowledgement": {**base, "reported": case.crime.reported_at, "promises": victim_messages._promises(case),
                            "services": [service]},
        "update": {**base, "summary": "XQ-SUMMARY"},
        "decision": {**base, "decision": victim_messages.DECISIONS[rules.KeyDecision.CHARGED],
                     "tell_victim": "XQ-TELL"},
        "court_news": {**base, "news": victim_messages.COURT_NEWS_WORDS[rules.CourtNews.HEARING_LISTED],
                       "hearing": hearing, "court": "XQ-COURT", "result": "XQ-RESULT", "details": "XQ-DETAILS"},
        "property": {**base, "item": item, "store": store, "place": "Cardiff Road",
                     "return_on": dt.date(2026, 12, 1), "disposal_on": dt.date(2027, 11, 2)},
        "survey_invitation": {**base, "survey_url": victim_messages.portal_url("/portal/survey/")},
    }


def data_of(case) -> list[str]:
    """What the messages quote as it is, in either language: names, numbers, addresses and the like."""
    victim = case.victim
    return [victim.full_name, case.crime.reference, victim_messages.portal_url("/portal/survey/"),
            victim_messages.portal_url(), "01633 838111", "newport.cid@example.org", "0300 123 2133",
            "connect@example.org", "https://example.org/connect", case.officer.get_full_name(), "999",
            "XQ-SUMMARY", "XQ-TELL", "XQ-COURT", "XQ-RESULT", "XQ-DETAILS", "XQ-ITEM", "OP/1", "Cardiff Road"]


def test_every_kind_has_its_templates():
    folder = Path(victim_messages.__file__).parent / "templates" / "notifications" / "messages"
    for kind in victim_messages.KINDS:
        assert {p.name for p in (folder / kind).iterdir()} >= {"subject.txt", "body.txt", "sms.txt"}, kind


@pytest.mark.parametrize("kind", victim_messages.KINDS)
@pytest.mark.parametrize("channel", CHANNELS)
def test_each_kind_renders_in_english_and_welsh_with_no_english_left_in_the_welsh(case, kind, channel):
    context = contexts(case)[kind]
    english = _render(kind, channel, "en", context)
    welsh = _render(kind, channel, "cy", context)
    for subject, body in (english, welsh):
        assert subject and body
        assert case.crime.reference in subject
        assert "{{" not in body and "{%" not in body and "&#x27;" not in body and "&amp;" not in body
        assert "\n\n\n" not in body
    assert english[0] != welsh[0] and english[1] != welsh[1]
    data = data_of(case)
    for english_line in set(english[1].splitlines()) & set(welsh[1].splitlines()):
        leftover = english_line
        for value in data:
            leftover = leftover.replace(value, "")
        assert not re.search(r"[A-Za-z]{3,}", leftover), f"English left in the Welsh {kind} {channel}: {english_line!r}"
    if channel == "sms":
        assert len(english[1]) <= 306 and len(welsh[1]) <= 306  # two text message parts at most
        assert victim_messages.portal_url() in welsh[1] or "/portal/survey/" in welsh[1]


def test_the_welsh_acknowledgement_says_everything_right_3_asks_for(case):
    _subject, body = _render("acknowledgement", "letter", "cy", contexts(case)["acknowledgement"])
    assert "2 Tachwedd 2026" in body  # the date reported, in Welsh
    assert f"Eich cyfeirnod trosedd yw {case.crime.reference}" in body
    assert "Swyddog: Olwen Price" in body and "CID Casnewydd" in body and "01633 838111" in body
    assert "Beth sy'n digwydd nesaf" in body and "Byddwn yn cytuno gyda chi" in body  # the contact agreement promise
    assert "Cyswllt Gwent" in body and "Help emosiynol ac ymarferol." in body and "Dydd Llun i ddydd Gwener" in body
    assert "hawliau uwch" in body  # enhanced rights


def test_the_english_acknowledgement_lists_the_promises_and_the_services(case):
    subject, body = _render("acknowledgement", "email", "en", contexts(case)["acknowledgement"])
    assert subject == f"Confirmation of your report (reference {case.crime.reference})"
    assert "Thank you for reporting a crime to Gwent Police on 2 November 2026." in body
    assert "- We will agree with you how and when we keep you updated, by" in body
    assert "Connect Gwent\nEmotional and practical help.\nPhone: 0300 123 2133" in body
    assert "Team: Newport CID\nPhone: 01633 838111\nEmail: newport.cid@example.org" in body


def test_every_entry_of_the_welsh_catalogue_for_messages_to_victims_is_filled():
    catalogue = read_po(CATALOGUE.open("rb"))
    ours = [message for message in catalogue if message.id and any(
        ("messages/" in path and "staff_reminder" not in path) or path.endswith("victim_messages.py")
        for path, _line in message.locations)]
    assert len(ours) > 60
    def strings(message):  # one, or one per Welsh plural form
        return message.string if isinstance(message.string, tuple) else (message.string,)

    empty = [message.id for message in ours if not all(strings(message)) or message.fuzzy]
    assert empty == []
    for message in ours:  # the placeholders survive translation
        wanted = message.id[-1] if isinstance(message.id, tuple) else message.id
        for string in strings(message):
            assert set(re.findall(r"%\(\w+\)s", wanted)) == set(re.findall(r"%\(\w+\)s", string)), message.id



def test_with_no_service_found_the_acknowledgement_still_points_to_support(case):
    context = {**contexts(case)["acknowledgement"], "services": []}
    english = _render("acknowledgement", "letter", "en", context)[1]
    welsh = _render("acknowledgement", "letter", "cy", context)[1]
    assert "Ask us and we will tell you about the services near you" in english
    assert "Gofynnwch i ni a byddwn yn dweud wrthych am y gwasanaethau" in welsh
    assert "\n\n\n" not in english
