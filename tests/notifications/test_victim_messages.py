"""Every message to a victim caused by a case event goes through the outbox: one message per event, by the
channel the officer used (or agreed), in the victim's language, and nothing revealing in a subject or text."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from tests.court.conftest import charge
from tests.factories import CrimeFactory, VictimFactory
from tests.notifications.pdf_text import pdf_lines
from victimcare.cases import services as cases
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.charter.services import deadlines, open_commitment
from victimcare.contact import services as contact
from victimcare.contact.services import Terms
from victimcare.court import services as court
from victimcare.court.models import Hearing, NewsItem
from victimcare.firstcontact import services as firstcontact
from victimcare.notifications import victim_messages
from victimcare.notifications.delivery import send_message
from victimcare.notifications.letters import render_letter
from victimcare.notifications.models import Message
from victimcare.property import services as property_services
from victimcare.property.models import Reason

Kind = TimelineEvent.Kind

# Words that say what the crime was, in English and Welsh: never in a subject or a text message.
REVEALING = re.compile(r"sexual|rape|domestic|abuse|assault|violen|offence|crime type|rhywiol|trais|cam-drin|"
                       r"ymosod|trosedd rywiol", re.IGNORECASE)


def agree(case, officer, channel="email", language="en", **terms):
    return contact.agree_contact(case, Terms(channel=channel, language=language, **terms), actor=officer)


def only_message(case, kind):
    messages = list(Message.objects.filter(case=case))
    assert [m.kind for m in messages] == [kind]
    return messages[0]


@pytest.fixture
def sensitive_case(unit, officer, call_handler):
    """A domestic-abuse sexual offence: nothing about it may show in a subject or a text message."""
    victim = VictimFactory(address="1 Heol y Frenhines\nCasnewydd", postcode="NP20 1AA")
    crime = CrimeFactory(category="violent-crime", offence="sexual-assault", is_domestic_abuse=True)
    return cases.open_case(victim=victim, crime=crime, unit=unit, officer=officer, recorded_by=call_handler)


def assert_not_revealing(message):
    assert not REVEALING.search(message.subject), message.subject
    if message.channel == "sms":
        assert not REVEALING.search(message.body), message.body


# --- Updates --------------------------------------------------------------------------------------------------
def test_an_update_by_email_is_queued_once_with_what_the_officer_wrote(sensitive_case, officer):
    case = sensitive_case
    agree(case, officer, "email")
    update = contact.record_update(case, channel="email", language="en", actor=officer, idempotency_key="u-1",
                                   summary="The forensic results are back and we have a suspect.")
    message = only_message(case, "update")
    assert (message.channel, message.language, message.to) == ("email", "en", case.victim.email)
    assert message.subject == f"An update about your case (reference {case.crime.reference})"
    assert "The forensic results are back and we have a suspect." in message.body
    assert "/portal/" in message.body
    assert message.key == f"update:{update.pk}"
    assert message.cause == update.event
    assert message.status == Message.Status.QUEUED
    assert_not_revealing(message)

    again = contact.record_update(case, channel="email", language="en", actor=officer, idempotency_key="u-1",
                                  summary="The forensic results are back and we have a suspect.")
    assert again.pk == update.pk
    assert Message.objects.filter(case=case).count() == 1


def test_an_update_by_text_in_welsh_says_only_that_there_is_an_update(sensitive_case, officer):
    case = sensitive_case
    agree(case, officer, "sms", "cy")
    contact.record_update(case, channel="sms", language="cy", actor=officer,
                          summary="Mae'r dyn a ymosododd arnoch wedi'i arestio.")
    message = only_message(case, "update")
    assert (message.channel, message.language, message.to) == ("sms", "cy", case.victim.phone)
    assert message.subject == f"Diweddariad am eich achos (cyfeirnod {case.crime.reference})"
    assert message.body.startswith("Heddlu Gwent: mae diweddariad am eich achos")
    assert "arestio" not in message.body  # the text says nothing of what happened
    assert_not_revealing(message)


def test_an_update_given_by_phone_queues_nothing(case, officer):
    agree(case, officer, "phone")
    contact.record_update(case, channel="phone", language="en", actor=officer, summary="Told them by phone.")
    assert not Message.objects.filter(case=case).exists()


# --- Decisions ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("how", "channel"), [("letter", "letter"), ("text_message", "sms"), ("email", "email")])
def test_a_decision_told_in_writing_is_queued(sensitive_case, officer, how, channel):
    case = sensitive_case
    agree(case, officer, "phone", "cy")
    commitment = cases.record_key_decision(case, rules.KeyDecision.CHARGED, actor=officer,
                                           tell_victim="Bydd y gwrandawiad cyntaf yn Llys Ynadon Casnewydd.")
    cases.record_victim_informed(commitment, actor=officer, how=how, idempotency_key="told-1")
    message = only_message(case, "decision")
    assert (message.channel, message.language) == (channel, "cy")
    assert message.to == {"email": case.victim.email, "sms": case.victim.phone,
                          "letter": f"{case.victim.full_name}\n1 Heol y Frenhines\nCasnewydd\nNP20 1AA"}[channel]
    assert message.subject == f"Newyddion am eich achos (cyfeirnod {case.crime.reference})"
    if channel != "sms":
        assert "Mae rhywun wedi'i gyhuddo" in message.body
        assert "Bydd y gwrandawiad cyntaf yn Llys Ynadon Casnewydd." in message.body
    assert message.key == f"decision:{commitment.pk}"
    assert_not_revealing(message)

    cases.record_victim_informed(commitment, actor=officer, how=how, idempotency_key="told-1")  # retried
    assert Message.objects.filter(case=case).count() == 1


def test_a_decision_told_in_person_queues_nothing(case, officer):
    commitment = cases.record_key_decision(case, rules.KeyDecision.SUSPECT_ARRESTED, actor=officer)
    cases.record_victim_informed(commitment, actor=officer, how="in_person")
    assert not Message.objects.filter(case=case).exists()


# --- Court news -----------------------------------------------------------------------------------------------
def test_court_news_told_by_email_gives_the_hearing(sensitive_case, officer, witness_care):
    case = sensitive_case
    agree(case, officer, "email")
    prosecution = charge(case, officer, at=timezone.now() - dt.timedelta(days=3))
    starts = timezone.now() + dt.timedelta(days=30)
    starts = starts.replace(hour=10, minute=0, second=0, microsecond=0)
    item = court.list_hearing(prosecution, kind=Hearing.Kind.TRIAL, starts_at=starts, place="Court 3",
                              received_at=timezone.now() - dt.timedelta(hours=2), actor=witness_care)
    court.record_told(item, how=NewsItem.How.EMAIL, actor=witness_care, idempotency_key="news-1")
    message = only_message(case, "court_news")
    assert (message.channel, message.to) == ("email", case.victim.email)
    assert "A date has been set for a court hearing." in message.body
    assert "Cardiff Crown Court" in message.body and "Court 3" in message.body
    assert timezone.localtime(starts).strftime("%H:%M") in message.body
    assert message.key == f"court_news:{item.pk}"
    assert_not_revealing(message)
    court.record_told(item, how=NewsItem.How.EMAIL, actor=witness_care, idempotency_key="news-1")  # retried
    assert Message.objects.filter(case=case).count() == 1


def test_court_news_told_by_phone_queues_nothing(case, officer, witness_care):
    prosecution = charge(case, officer, at=timezone.now() - dt.timedelta(days=3))
    item = court.list_hearing(prosecution, kind=Hearing.Kind.TRIAL, starts_at=timezone.now() + dt.timedelta(days=9),
                              place="", received_at=timezone.now() - dt.timedelta(hours=2), actor=witness_care)
    court.record_told(item, how=NewsItem.How.PHONE, actor=witness_care)
    assert not Message.objects.filter(case=case).exists()


def past_hearing(prosecution, witness_care, *, days_ago=3, kind=Hearing.Kind.TRIAL):
    starts = (timezone.now() - dt.timedelta(days=days_ago)).replace(hour=10, minute=0, second=0, microsecond=0)
    return court.list_hearing(prosecution, kind=kind, starts_at=starts, place="Court 3",
                              received_at=timezone.now() - dt.timedelta(days=20), actor=witness_care).hearing


def test_court_news_of_a_sentence_gives_the_plain_facts(sensitive_case, officer, witness_care):
    case = sensitive_case
    agree(case, officer, "email")
    prosecution = charge(case, officer, at=timezone.now() - dt.timedelta(days=30))
    hearing = past_hearing(prosecution, witness_care)
    item = court.record_sentence(hearing, custody_months=30, received_at=timezone.now() - dt.timedelta(hours=3),
                                 actor=witness_care)
    court.record_told(item, how=NewsItem.How.EMAIL, actor=witness_care)
    message = only_message(case, "court_news")
    assert "The court has passed sentence." in message.body
    assert "The defendant was sentenced to 30 months in prison." in message.body
    assert timezone.localtime(hearing.starts_at).strftime("%-d %B %Y") in message.body
    assert "Cardiff Crown Court" in message.body and "Court 3" in message.body
    assert "Wounding" not in f"{message.subject} {message.body}", "the offence is not named"
    # The subject gives the crime reference (which may hold "30") but never the sentence.
    assert "30 months" not in message.subject and "sentence" not in message.subject.lower()
    assert_not_revealing(message)


def test_court_news_of_a_plea_says_only_the_plea(case, officer, witness_care):
    agree(case, officer, "email")
    prosecution = charge(case, officer, at=timezone.now() - dt.timedelta(days=30))
    hearing = past_hearing(prosecution, witness_care, kind=Hearing.Kind.PLEA)
    received = timezone.now() - dt.timedelta(hours=3)
    plea = court.record_plea(hearing, "mixed", received_at=received, actor=witness_care)
    court.record_bail(hearing, "remanded", received_at=received, actor=witness_care)
    court.record_told(plea, how=NewsItem.How.EMAIL, actor=witness_care)
    message = only_message(case, "court_news")
    assert "The defendant pleaded guilty to some charges and not guilty to others." in message.body
    assert "remanded" not in message.body, "the bail decision is its own news"


def test_court_news_of_bail_gives_the_conditions_once(case, officer, witness_care):
    agree(case, officer, "email")
    prosecution = charge(case, officer, at=timezone.now() - dt.timedelta(days=30))
    hearing = past_hearing(prosecution, witness_care, kind=Hearing.Kind.BAIL)
    item = court.record_bail(hearing, "granted", conditions="Curfew 7pm to 7am; not to contact the victim",
                             received_at=timezone.now() - dt.timedelta(hours=3), actor=witness_care)
    court.record_told(item, how=NewsItem.How.EMAIL, actor=witness_care)
    message = only_message(case, "court_news")
    assert ("The defendant was released on bail until the next hearing. They must keep to these conditions: "
            "Curfew 7pm to 7am; not to contact the victim") in message.body
    assert message.body.count("Curfew 7pm") == 1


def test_a_listing_told_after_the_hearing_was_cancelled_says_it_will_not_go_ahead(case, officer, witness_care):
    agree(case, officer, "email")
    prosecution = charge(case, officer, at=timezone.now() - dt.timedelta(days=3))
    listed = court.list_hearing(prosecution, kind=Hearing.Kind.TRIAL, starts_at=timezone.now() + dt.timedelta(days=9),
                                place="Court 1", received_at=timezone.now() - dt.timedelta(hours=5), actor=witness_care)
    court.vacate_hearing(listed.hearing, received_at=timezone.now() - dt.timedelta(hours=1), actor=witness_care)
    court.record_told(listed, how=NewsItem.How.EMAIL, actor=witness_care)
    message = only_message(case, "court_news")
    assert "This hearing will not go ahead." in message.body


def test_court_news_in_welsh(case, officer, witness_care):
    agree(case, officer, "email", language="cy")
    prosecution = charge(case, officer, at=timezone.now() - dt.timedelta(days=30))
    hearing = past_hearing(prosecution, witness_care)
    item = court.record_verdict(hearing, "guilty", received_at=timezone.now() - dt.timedelta(hours=3),
                                actor=witness_care)
    court.record_told(item, how=NewsItem.How.EMAIL, actor=witness_care)
    message = only_message(case, "court_news")
    assert message.language == "cy"
    assert "Cafodd y llys y diffynnydd yn euog." in message.body


# --- Property -------------------------------------------------------------------------------------------------
@pytest.fixture
def store(force):
    from victimcare.property.models import Store

    return Store.objects.create(code="newport-central", name_en="Newport Central property store",
                                name_cy="Storfa eiddo Canol Casnewydd", force=force, address="Cardiff Road, Newport")


def told_owner(case, officer, store, *, owner_is_victim=True, how="by phone", key=None):
    at = timezone.now() - dt.timedelta(days=30)
    item = property_services.seize_item(
        case, actor=officer, exhibit_reference="OP/1", description="Black Samsung phone",
        owner_is_victim=owner_is_victim, owner_name="" if owner_is_victim else "Someone Else", reason=Reason.EVIDENCE,
        photographs_allowed=True, review_on=timezone.localdate() + dt.timedelta(days=28),
        taken_from="12 High Street, Newport", to_store=store, at=at)
    property_services.mark_no_longer_needed(item, actor=officer, at=timezone.now() - dt.timedelta(days=2))
    return property_services.record_owner_told(item, actor=officer, how=how, idempotency_key=key,
                                               at=timezone.now() - dt.timedelta(hours=1))


def test_the_victim_told_their_property_can_be_collected_gets_it_in_writing(sensitive_case, officer, store):
    case = sensitive_case
    agree(case, officer, "letter", "cy")
    item = told_owner(case, officer, store, key="told-owner")
    message = only_message(case, "property")
    assert (message.channel, message.language) == ("letter", "cy")
    assert message.to.startswith(case.victim.full_name)
    assert message.subject == f"Ynglŷn â'ch eiddo (cyfeirnod {case.crime.reference})"
    assert "Black Samsung phone" in message.body
    assert "Storfa eiddo Canol Casnewydd, Cardiff Road, Newport" in message.body
    disposal_on = property_services.disposal_date(item)
    assert f"cyn {disposal_on.day} " in message.body
    assert message.key == f"property:{item.pk}"
    assert_not_revealing(message)
    property_services.record_owner_told(item, actor=officer, how="by phone", idempotency_key="told-owner")
    assert Message.objects.filter(case=case).count() == 1


def test_an_owner_who_is_not_the_victim_gets_no_message(case, officer, store):
    told_owner(case, officer, store, owner_is_victim=False)
    assert not Message.objects.filter(case=case).exists()


def test_property_told_by_text_goes_by_text(case, officer, store):
    agree(case, officer, "email")
    told_owner(case, officer, store, how="sms")
    message = only_message(case, "property")
    assert message.channel == "sms"
    assert message.body.startswith("Gwent Police: there is news about your property")


# --- The written acknowledgement ------------------------------------------------------------------------------
@pytest.fixture
def acknowledged_case(sensitive_case):
    case = sensitive_case
    open_commitment(case, rules.acknowledgement_commitment(case.opened_at, deadlines()), at=case.opened_at)
    return case


def written_acknowledgement(case):
    return case.commitments.get(kind=rules.CommitmentKind.WRITTEN_ACKNOWLEDGEMENT)


def test_the_acknowledgement_is_sent_by_email_and_met_when_it_goes(acknowledged_case, officer):
    case = acknowledged_case
    message = firstcontact.send_acknowledgement(case, actor=officer)
    assert (message.kind, message.channel, message.to, message.language) == (
        "acknowledgement", "email", case.victim.email, "en")
    assert message.subject == f"Confirmation of your report (reference {case.crime.reference})"
    assert f"Your crime reference is {case.crime.reference}." in message.body
    assert "Newport CID" in message.body and "Olwen Price" in message.body
    assert "What happens next" in message.body and "Support for victims" in message.body
    assert case.access_log.filter(action=CaseAccessLog.Action.CHANGED,
                                  what="sent the written acknowledgement through Victim Care").exists()
    assert_not_revealing(message)
    # Queued is not given: the commitment waits for the message to go.
    assert written_acknowledgement(case).status == Commitment.Status.OPEN
    assert not case.timeline.filter(kind=Kind.ACKNOWLEDGEMENT_GIVEN).exists()
    assert firstcontact.send_acknowledgement(case, actor=officer).pk == message.pk  # sent twice: one message

    assert send_message(message) is True
    assert [email.to for email in mail.outbox] == [[case.victim.email]]
    commitment = written_acknowledgement(case)
    assert commitment.status == Commitment.Status.MET
    given = case.timeline.get(kind=Kind.ACKNOWLEDGEMENT_GIVEN)
    assert given.actor is None and given.data == {"language": "en", "message": message.pk, "by": "email"}
    assert send_message(message) is False  # not sent twice, not given twice
    assert case.timeline.filter(kind=Kind.ACKNOWLEDGEMENT_GIVEN).count() == 1


def test_the_acknowledgement_goes_by_letter_in_welsh_when_agreed(acknowledged_case, officer, settings, tmp_path):
    settings.NOTIFICATIONS_OUTBOX_DIR = tmp_path
    case = acknowledged_case
    agree(case, officer, "letter", "cy")
    message = firstcontact.send_acknowledgement(case, actor=officer)
    assert (message.channel, message.language) == ("letter", "cy")
    assert message.to.endswith("NP20 1AA")
    assert message.subject == f"Cadarnhad o'ch adroddiad (cyfeirnod {case.crime.reference})"
    assert "Eich cyfeirnod trosedd yw" in message.body and "Beth sy'n digwydd nesaf" in message.body
    text = "\n".join(pdf_lines(render_letter(message, compress=False)))  # the letter as PDF, in Welsh
    assert f"Eich cyfeirnod trosedd yw {case.crime.reference}." in text and "Cymorth i ddioddefwyr" in text
    assert send_message(message) is True
    assert written_acknowledgement(case).status == Commitment.Status.MET


def test_an_acknowledgement_given_by_hand_first_is_not_given_again_when_sent(acknowledged_case, officer):
    case = acknowledged_case
    message = firstcontact.send_acknowledgement(case, actor=officer)
    firstcontact.record_acknowledgement_given(case, actor=officer, language="en")
    assert written_acknowledgement(case).closed_by == officer
    assert send_message(message) is True
    assert case.timeline.filter(kind=Kind.ACKNOWLEDGEMENT_GIVEN).count() == 1


def test_the_acknowledgement_is_sent_from_the_acknowledgement_page(client, acknowledged_case, officer):
    case = acknowledged_case
    client.force_login(officer)
    response = client.post(f"/report/cases/{case.pk}/acknowledgement/given/", {"send": "1"})
    assert response.status_code == 302
    message = only_message(case, "acknowledgement")
    assert message.channel == "email"
    assert not case.timeline.filter(kind=Kind.ACKNOWLEDGEMENT_GIVEN).exists()
    page = client.get(f"/report/cases/{case.pk}/acknowledgement/")
    assert "Waiting to be sent by email" in page.content.decode()
    client.post(f"/report/cases/{case.pk}/acknowledgement/given/", {"send": "1"})  # sent twice
    assert Message.objects.filter(case=case).count() == 1


# --- Nothing revealing, whichever event ------------------------------------------------------------------------
def test_no_subject_or_text_message_names_the_crime(sensitive_case, officer, witness_care, store):
    case = sensitive_case
    agree(case, officer, "sms", "cy")
    contact.record_update(case, channel="sms", language="cy", actor=officer, summary="Ymosodiad rhywiol: diweddariad")
    commitment = cases.record_key_decision(case, rules.KeyDecision.SUSPECT_ARRESTED, actor=officer)
    cases.record_victim_informed(commitment, actor=officer, how="text_message")
    told_owner(case, officer, store, how="sms")
    for language in ("en", "cy"):
        agreement = contact.current_agreement(case)
        agreement.language = language
        agreement.save(update_fields=["language"])
        victim_messages.queue_acknowledgement(case, channel="sms")
        Message.objects.filter(kind="acknowledgement").update(key=None)
    messages = list(Message.objects.filter(case=case))
    assert {m.kind for m in messages} == {"update", "decision", "property", "acknowledgement"}
    for message in messages:
        assert message.channel == "sms"
        assert_not_revealing(message)


@pytest.mark.parametrize(("how", "channel"), [
    ("email", "email"), ("By email", "email"), ("by letter, in Welsh", "letter"), ("text_message", "sms"),
    ("By text message", "sms"), ("sms", "sms"), ("phone", None), ("by phone", None), ("in_person", None),
    ("Left a note saying we would email", None), ("", None),
])
def test_how_the_victim_was_told_names_the_written_channel(how, channel):
    assert victim_messages.written_channel(how) == channel


def test_the_acknowledgement_page_shows_the_message_sent_in_a_bounded_number_of_queries(
        client, acknowledged_case, officer, django_assert_max_num_queries):
    case = acknowledged_case
    client.force_login(officer)
    url = f"/report/cases/{case.pk}/acknowledgement/"
    with django_assert_max_num_queries(16):
        assert "Send it to the victim by email" in client.get(url).content.decode()
    send_message(firstcontact.send_acknowledgement(case, actor=officer))
    with django_assert_max_num_queries(16):
        html = client.get(url).content.decode()
    assert "Given to the victim" in html and "Sent by email on" in html
    assert "Send it to the victim" not in html and "Mark as given" not in html


def test_an_acknowledgement_with_no_address_is_held_and_can_still_be_given_by_hand(client, acknowledged_case, officer):
    case = acknowledged_case
    case.victim.email, case.victim.address = "", ""
    case.victim.save(update_fields=["email", "address"])
    client.force_login(officer)
    url = f"/report/cases/{case.pk}/acknowledgement/"
    client.post(f"{url}given/", {"send": "1"})
    message = only_message(case, "acknowledgement")
    assert (message.channel, message.status) == ("letter", Message.Status.HELD)
    html = client.get(url).content.decode()
    assert "The letter was held back" in html and "Mark as given to the victim" in html
    assert "Send it to the victim" not in html
    client.post(f"{url}given/")  # given by hand instead
    assert written_acknowledgement(case).status == Commitment.Status.MET
    assert case.timeline.get(kind=Kind.ACKNOWLEDGEMENT_GIVEN).actor == officer
