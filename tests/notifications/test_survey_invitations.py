"""The satisfaction survey invitation: to victims who reported 6 to 12 weeks ago and agreed to be contacted
for the survey (their latest choice), once per case, by their agreed channel and in their language."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import CrimeFactory, VictimFactory
from victimcare.cases.services import open_case
from victimcare.contact import services as contact
from victimcare.contact.services import Terms
from victimcare.notifications.models import Message
from victimcare.notifications.victim_messages import send_survey_invitations, send_survey_invitations_task
from victimcare.sharing.models import Purpose
from victimcare.sharing.services import record_consent

NOW = timezone.now()


@pytest.fixture
def reported(unit, officer, call_handler):
    """make(weeks ago, consent=...): a case reported that long before NOW, with the survey consent given
    (True), refused (False), given then withdrawn ("withdrawn") or never asked (None)."""

    def make(weeks, consent=True, language="en", channel="email"):
        at = NOW - dt.timedelta(weeks=weeks)
        case = open_case(victim=VictimFactory(), crime=CrimeFactory(reported_at=at, occurred_at=at), unit=unit,
                         officer=officer, recorded_by=call_handler, at=at)
        contact.agree_contact(case, Terms(channel=channel, language=language), actor=officer, at=at)
        if consent is not None:
            record_consent(victim=case.victim, purpose=Purpose.SATISFACTION_SURVEY, case=case, how="verbal",
                           decision="given" if consent else "refused", actor=officer, at=at)
        if consent == "withdrawn":
            record_consent(victim=case.victim, purpose=Purpose.SATISFACTION_SURVEY, case=case, how="portal",
                           decision="withdrawn", actor=None, at=at + dt.timedelta(days=1))
        return case

    return make


def invitations():
    return Message.objects.filter(kind="survey_invitation")


@pytest.mark.parametrize(("weeks", "invited"), [
    (5.9, False), (6.1, True), (9, True), (11.9, True), (12.1, False), (30, False),
])
def test_only_victims_who_reported_6_to_12_weeks_ago_are_invited(reported, weeks, invited):
    case = reported(weeks)
    assert send_survey_invitations(NOW) == int(invited)
    assert list(invitations().values_list("case", flat=True)) == ([case.pk] if invited else [])


@pytest.mark.parametrize("consent", [None, False, "withdrawn"], ids=["never-asked", "refused", "withdrawn"])
def test_without_consent_to_be_contacted_for_the_survey_no_one_is_invited(reported, consent):
    reported(8, consent=consent)
    assert send_survey_invitations(NOW) == 0
    assert not invitations().exists()


def test_each_case_is_invited_once(reported):
    case = reported(8)
    assert send_survey_invitations(NOW) == 1
    assert send_survey_invitations(NOW + dt.timedelta(days=7)) == 0
    message = invitations().get()
    assert (message.case, message.key, message.channel, message.to) == (
        case, f"survey_invitation:{case.pk}", "email", case.victim.email)
    assert message.subject == f"Tell us how we did (reference {case.crime.reference})"
    assert "/portal/survey/" in message.body


def test_the_invitation_is_in_the_victims_language_and_channel(reported):
    case = reported(8, language="cy", channel="sms")
    send_survey_invitations(NOW)
    message = invitations().get()
    assert (message.channel, message.language, message.to) == ("sms", "cy", case.victim.phone)
    assert message.body.startswith("Heddlu Gwent: dywedwch wrthym sut y gwnaethom")
    assert message.body.endswith("/portal/survey/")


def test_the_command_and_the_task_queue_the_invitations(reported):
    reported(8)
    reported(7, consent=False)
    out = StringIO()
    call_command("send_survey_invitations", "--now", NOW.isoformat(), stdout=out)
    assert out.getvalue().strip() == "Queued 1 survey invitation(s)."
    reported(9)
    result = send_survey_invitations_task.enqueue(NOW.isoformat())
    assert result.return_value == 1
    assert invitations().count() == 2
