"""What the victim does in the portal, and staff answering it: each a named service, in a transaction, on
the timeline and in the access log (no user, channel "portal" for the victim)."""

import datetime as dt

import pytest

from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import close_case
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind
from victimcare.contact.services import current_agreement, next_update
from victimcare.notifications.models import Message
from victimcare.portal import services
from victimcare.sharing.services import current_consent, record_consent
from victimcare.support.services import current_choice, record_support_choice

pytestmark = pytest.mark.django_db
Kind = TimelineEvent.Kind


def portal_log(case):
    return list(CaseAccessLog.objects.filter(case=case, channel="portal", user=None).values_list("what", flat=True))


def test_changing_how_often_replans_the_next_update(agreed_case):
    before = next_update(agreed_case).due_at
    services.change_updates(agreed_case, services.UpdateChoice(
        channel="sms", every_days=7, language="cy", quiet_from=dt.time(21), quiet_until=dt.time(8)))
    agreement = current_agreement(agreed_case)
    assert (agreement.channel, agreement.every_days, agreement.language) == ("sms", 7, "cy")
    assert (agreement.quiet_from, agreement.quiet_until) == (dt.time(21), dt.time(8))
    assert agreement.agreed_by is None and agreement.version == 2
    assert next_update(agreed_case).due_at < before
    assert "changed how to be updated" in portal_log(agreed_case)


def test_updates_only_on_key_events_waives_the_update(agreed_case):
    services.change_updates(agreed_case, services.UpdateChoice(channel="email", every_days=None, language="en"))
    assert next_update(agreed_case) is None


def test_the_first_agreement_can_be_made_in_the_portal(case):
    services.change_updates(case, services.UpdateChoice(channel="email", every_days=14, language="en"))
    assert current_agreement(case).version == 1 and next_update(case) is not None


def test_the_rest_of_the_agreement_is_kept(case, officer):
    from victimcare.contact.services import Terms, agree_contact

    agree_contact(case, Terms(channel="phone", every_days=28, details_not_to_use="01633 000000",
                              interpreter_needed=True), actor=officer)
    services.change_updates(case, services.UpdateChoice(channel="email", every_days=14, language="en"))
    agreement = current_agreement(case)
    assert agreement.details_not_to_use == "01633 000000" and agreement.interpreter_needed


def test_a_message_is_owed_a_reply_by_the_officer(agreed_case, officer):
    event = services.send_victim_message(agreed_case, "  Has anyone been arrested?  ")
    assert event.kind == Kind.VICTIM_MESSAGE and event.data == {"text": "Has anyone been arrested?"}
    assert event.actor is None
    commitment = Commitment.objects.get(case=agreed_case, kind=CommitmentKind.VICTIM_MESSAGE_REPLY)
    assert commitment.owner_person == officer and commitment.opened_by_event == event
    assert "sent a message to the officer" in portal_log(agreed_case)

    reply = services.answer_victim_message(agreed_case, event.pk, "Yes, yesterday.", actor=officer)
    assert reply.kind == Kind.VICTIM_MESSAGE_ANSWERED and reply.data["reply"] == "Yes, yesterday."
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.MET
    message = Message.objects.get(case=agreed_case, kind="victim_message_reply")
    assert message.cause == reply and "Yes, yesterday." not in message.body, "the reply is read in the portal"
    assert CaseAccessLog.objects.filter(case=agreed_case, user=officer, what="answered the victim's message").exists()
    with pytest.raises(services.PortalError):
        services.answer_victim_message(agreed_case, event.pk, "Again", actor=officer)


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_an_empty_or_overlong_message_is_refused(agreed_case, text):
    with pytest.raises(services.PortalError):
        services.send_victim_message(agreed_case, text)
    assert not agreed_case.timeline.filter(kind=Kind.VICTIM_MESSAGE).exists()


def test_a_complaint_is_acknowledged_within_ten_working_days(agreed_case, officer):
    event = services.make_complaint(agreed_case, "Nobody called back.")
    commitment = Commitment.objects.get(case=agreed_case, kind=CommitmentKind.COMPLAINT_ACKNOWLEDGEMENT)
    assert commitment.due_at - event.occurred_at >= dt.timedelta(days=13)
    services.acknowledge_complaint(agreed_case, event.pk, actor=officer)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.MET
    assert agreed_case.timeline.filter(kind=Kind.COMPLAINT_ACKNOWLEDGED, data__complaint=event.pk).exists()
    assert Message.objects.filter(case=agreed_case, kind="complaint_acknowledgement").count() == 1


def test_a_closed_case_takes_no_changes(agreed_case, officer):
    close_case(agreed_case, actor=officer)
    with pytest.raises(Exception, match="closed"):
        services.send_victim_message(agreed_case, "Hello")
    assert not agreed_case.timeline.filter(kind=Kind.VICTIM_MESSAGE).exists()


def test_withdrawing_and_giving_consent(agreed_case, officer):
    given = record_consent(victim=agreed_case.victim, purpose="multi_agency_meeting", decision="given",
                           how="verbal", actor=officer, case=agreed_case)
    withdrawn = services.change_consent(agreed_case, given, "withdrawn")
    assert withdrawn.how == "portal" and withdrawn.recorded_by is None
    assert current_consent(agreed_case.victim, "multi_agency_meeting").decision == "withdrawn"
    with pytest.raises(Exception, match="Only consent that was given"):
        services.change_consent(agreed_case, withdrawn, "withdrawn")
    services.change_consent(agreed_case, withdrawn, "given")
    assert current_consent(agreed_case.victim, "multi_agency_meeting").decision == "given"
    assert "withdrawn consent (multi_agency_meeting)" in portal_log(agreed_case)


def test_another_victims_consent_cannot_be_changed(agreed_case, other_case, officer):
    theirs = record_consent(victim=other_case.victim, purpose="multi_agency_meeting", decision="given",
                            how="verbal", actor=officer, case=other_case)
    with pytest.raises(services.PortalError):
        services.change_consent(agreed_case, theirs, "withdrawn")
    assert current_consent(other_case.victim, "multi_agency_meeting").decision == "given"


def test_opting_out_of_support_and_back_in(agreed_case, officer):
    record_support_choice(agreed_case, "given", how="verbal", actor=officer)
    assert Commitment.objects.open().filter(case=agreed_case, kind=CommitmentKind.REFERRAL_TO_SUPPORT).exists()
    services.choose_support(agreed_case, "withdrawn")
    assert current_choice(agreed_case.victim).decision == "withdrawn"
    assert not Commitment.objects.open().filter(case=agreed_case, kind=CommitmentKind.REFERRAL_TO_SUPPORT).exists()
    services.choose_support(agreed_case, "given")
    assert Commitment.objects.open().filter(case=agreed_case, kind=CommitmentKind.REFERRAL_TO_SUPPORT).exists()
    assert current_choice(agreed_case.victim).how == "portal"
