"""An unclaimed item's disposal warnings reach people, through the outbox and once each: the owner, when the owner
is the victim (in their language, by their channel, with nothing about the crime in the subject), and the property
officers of the force (else the case's officer). The scheduler runs the sweep every round."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.conftest import _member
from tests.property.conftest import seize
from victimcare.cases.models import TimelineEvent
from victimcare.notifications.delivery import send_message
from victimcare.notifications.kinds import kind_label
from victimcare.notifications.models import Message
from victimcare.organisations.models import Membership
from victimcare.property import services
from victimcare.property.services import DISPOSAL_REMINDER, DISPOSAL_WARNING

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
Kind = TimelineEvent.Kind


def at(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=LONDON)


@pytest.fixture
def unclaimed(case, officer, property_officer, store):
    """Told on 15 January 2026 it could be collected: warnings on 18 December 2026 (28 days) and 8 January 2027
    (7 days) before the disposal date, 15 January 2027."""
    property_officer.email = "rhys.parry@gwent.example"
    property_officer.save()
    item = seize(case, officer, store, at=at(2025, 12, 1, 10, 0))
    services.mark_no_longer_needed(item, actor=officer, at=at(2026, 1, 12, 9, 0))
    return services.record_owner_told(item, actor=officer, how="Letter to the owner", at=at(2026, 1, 15, 11, 0))


def messages(kind):
    return list(Message.objects.filter(kind=kind).order_by("created_at", "pk"))


def test_each_warning_goes_once_to_the_victim_and_to_the_property_officer(unclaimed, case, property_officer, settings):
    settings.SITE_URL = "https://victimcare.gwent.example/"
    assert services.sweep_disposal_warnings(at(2026, 12, 18, 6, 0)) == 1
    assert services.sweep_disposal_warnings(at(2026, 12, 18, 7, 0)) == 0
    [warning] = TimelineEvent.objects.filter(case=case, kind=Kind.PROPERTY_DISPOSAL_WARNING)

    [to_victim] = messages(DISPOSAL_WARNING)
    assert (to_victim.victim, to_victim.case, to_victim.staff_user) == (case.victim, case, None)
    assert to_victim.cause == warning
    assert (to_victim.channel, to_victim.to, to_victim.language) == ("email", case.victim.email, "en")
    assert to_victim.key == f"property_disposal_warning:{unclaimed.pk}:28"
    assert to_victim.subject == f"Please collect your property (reference {case.crime.reference})"
    assert to_victim.created_at == at(2026, 12, 18, 6, 0)
    body = to_victim.body
    assert body.startswith(f"Dear {case.victim.full_name},")
    assert "Item: Black Samsung phone (OP/1)" in body
    assert "Where to collect it: Newport Central property store, Cardiff Road, Newport" in body
    assert "If it is not collected before 15 January 2027, we may dispose of it." in body

    [to_officer] = messages(DISPOSAL_REMINDER)
    assert (to_officer.staff_user, to_officer.victim, to_officer.to, to_officer.channel, to_officer.cause) == (
        property_officer, None, "rhys.parry@gwent.example", "email", warning)
    assert to_officer.key == f"property_disposal_reminder:{unclaimed.pk}:28:{property_officer.pk}"
    assert to_officer.subject == (f"Unclaimed property: exhibit OP/1 may be disposed of from 15 January 2027 "
                                  f"({case.crime.reference})")
    assert to_officer.body.startswith("Dear Rhys,")
    assert (f"Exhibit OP/1 on case {case.crime.reference} has not been collected. Its owner was told on 15 January "
            "2026 that it could be collected.") in to_officer.body
    assert "Where it is: Newport Central property store" in to_officer.body
    assert "The owner, who is the victim, has been sent a reminder." in to_officer.body
    assert f"https://victimcare.gwent.example/property/items/{unclaimed.pk}/" in to_officer.body

    # The second warning, a week before: one more of each; then nothing more, however often the sweep runs.
    assert services.sweep_disposal_warnings(at(2027, 1, 8, 6, 0)) == 1
    for moment in (at(2027, 1, 8, 7, 0), at(2027, 1, 14, 6, 0), at(2027, 1, 16, 6, 0)):
        assert services.sweep_disposal_warnings(moment) == 0
    assert [m.key.split(":")[2] for m in messages(DISPOSAL_WARNING)] == ["28", "7"]
    assert [m.key.split(":")[2] for m in messages(DISPOSAL_REMINDER)] == ["28", "7"]


def test_a_collection_date_already_past_is_not_repeated_to_the_victim(unclaimed, officer):
    services.arrange_return(unclaimed, actor=officer, on=dt.date(2026, 2, 2), place="Newport Central front counter",
                            at=at(2026, 1, 20, 10, 0))
    services.sweep_disposal_warnings(at(2026, 12, 18, 6, 0))
    [to_victim] = messages(DISPOSAL_WARNING)
    assert "Where to collect it: Newport Central property store, Newport Central front counter" in to_victim.body
    assert "Date agreed" not in to_victim.body  # 2 February, long gone: they did not come


def test_warnings_caught_up_at_once_each_go_once(unclaimed):
    assert services.sweep_disposal_warnings(at(2027, 1, 10, 6, 0)) == 2
    assert sorted(m.key for m in messages(DISPOSAL_WARNING)) == [
        f"property_disposal_warning:{unclaimed.pk}:28", f"property_disposal_warning:{unclaimed.pk}:7"]
    assert len(messages(DISPOSAL_REMINDER)) == 2


def test_a_welsh_speaker_is_warned_in_welsh_by_text(unclaimed, case):
    victim = case.victim
    victim.preferred_language, victim.email = "cy", ""
    victim.save()
    services.sweep_disposal_warnings(at(2026, 12, 18, 6, 0))
    [to_victim] = messages(DISPOSAL_WARNING)
    assert (to_victim.language, to_victim.channel, to_victim.to) == ("cy", "sms", victim.phone)
    assert to_victim.subject == f"Casglwch eich eiddo (cyfeirnod {case.crime.reference})"
    assert to_victim.body.startswith(f"Heddlu Gwent: casglwch eich eiddo, cyfeirnod {case.crime.reference}, cyn "
                                     "15 Ionawr 2027.")
    assert "Samsung" not in to_victim.body  # a text message says nothing of the item or the crime
    [to_officer] = messages(DISPOSAL_REMINDER)
    assert to_officer.language == "en"


def test_an_owner_who_is_not_the_victim_gets_nothing_and_the_officer_is_told_to_contact_them(
        case, officer, property_officer, store):
    item = seize(case, officer, store, reference="OP/7", at=at(2025, 12, 1, 10, 0), owner_name="Huw Bowen",
                 owner_contact="07700 900777")
    item.owner_is_victim = False  # the owner's details were given when it was taken
    item.save(update_fields=["owner_is_victim"])
    services.mark_no_longer_needed(item, actor=officer, at=at(2026, 1, 12, 9, 0))
    services.record_owner_told(item, actor=officer, how="Phoned Mr Bowen", at=at(2026, 1, 15, 11, 0))
    services.sweep_disposal_warnings(at(2026, 12, 18, 6, 0))
    assert messages(DISPOSAL_WARNING) == []
    [to_officer] = messages(DISPOSAL_REMINDER)
    assert "Owner: Huw Bowen (07700 900777)" in to_officer.body
    assert "The owner is not the victim and has not been sent a reminder: please contact them." in to_officer.body


def test_a_victim_with_no_address_is_held_and_the_officer_is_told(unclaimed, case):
    victim = case.victim
    victim.email, victim.phone = "", ""
    victim.save()
    services.sweep_disposal_warnings(at(2026, 12, 18, 6, 0))
    [to_victim] = messages(DISPOSAL_WARNING)
    assert to_victim.status == Message.Status.HELD
    [to_officer] = messages(DISPOSAL_REMINDER)
    assert "The reminder to the owner, who is the victim, could not be sent: please contact them." in to_officer.body


def test_every_property_officer_of_the_force_is_reminded_and_no_one_else(unclaimed, property_officer, force,
                                                                         other_officer):
    second = _member("second-property-officer", force, Membership.Role.PROPERTY_OFFICER, first_name="Mali")
    _member("gone-property-officer", force, Membership.Role.PROPERTY_OFFICER, is_active=False)
    services.sweep_disposal_warnings(at(2026, 12, 18, 6, 0))
    assert [m.staff_user for m in messages(DISPOSAL_REMINDER)] == [property_officer, second]


def test_with_no_property_officer_the_cases_officer_is_reminded(case, officer, store):
    item = seize(case, officer, store, at=at(2025, 12, 1, 10, 0))
    services.mark_no_longer_needed(item, actor=officer, at=at(2026, 1, 12, 9, 0))
    services.record_owner_told(item, actor=officer, how="Letter", at=at(2026, 1, 15, 11, 0))
    services.sweep_disposal_warnings(at(2026, 12, 18, 6, 0))
    assert [m.staff_user for m in messages(DISPOSAL_REMINDER)] == [officer]


def test_the_reminder_is_sent_by_email_and_each_kind_has_a_label(unclaimed, case, mailoutbox):
    services.sweep_disposal_warnings(at(2026, 12, 18, 6, 0))
    [to_officer] = messages(DISPOSAL_REMINDER)
    assert send_message(to_officer, at=at(2026, 12, 18, 6, 1)) is True
    assert [email.to for email in mailoutbox] == [["rhys.parry@gwent.example"]]
    assert kind_label(DISPOSAL_WARNING) == "reminder to collect property before its disposal"
    assert kind_label(DISPOSAL_REMINDER) == "reminder of unclaimed property to dispose of"


@pytest.mark.django_db(transaction=True)  # the scheduler closes stale connections, as a long-running process must
def test_the_scheduler_runs_the_disposal_sweep_each_round(case, officer, property_officer, store):
    now = timezone.now()
    item = seize(case, officer, store, at=now - dt.timedelta(days=400))
    services.mark_no_longer_needed(item, actor=officer, at=now - dt.timedelta(days=360))
    services.record_owner_told(item, actor=officer, how="Letter", at=now - dt.timedelta(days=350))  # 28 days due
    out = StringIO()
    call_command("charter_scheduler", "--every", "0.01", "--times", "2", stdout=out)
    assert out.getvalue().count("Enqueued property disposal sweep") == 2
    assert TimelineEvent.objects.filter(case=case, kind=Kind.PROPERTY_DISPOSAL_WARNING).count() == 1
    assert len(messages(DISPOSAL_WARNING)) == 1 and len(messages(DISPOSAL_REMINDER)) == 1
