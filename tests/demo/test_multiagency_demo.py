"""The demo shows multi-agency case management working: flagged cases (some repeats), a past meeting with
actions done, open, overdue and cancelled, and an upcoming meeting, attended by the three Newport agencies."""


from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.multiagency.models import Action, Meeting, MultiAgencyReferral


def test_meetings_past_and_upcoming_with_the_three_agencies(demo, db):
    now = timezone.now()
    past, upcoming = Meeting.objects.past(now).get(), Meeting.objects.upcoming(now).get()
    for meeting in (past, upcoming):
        assert set(meeting.attending.values_list("code", flat=True)) == {
            "newport-community-safety", "newport-housing", "connect-gwent"}
    assert past.agenda.count() == 3 and upcoming.agenda.count() == 2


def test_actions_in_every_state(demo, db):
    now = timezone.now()
    states = {(a.status, a.commitment.status, a.commitment.is_overdue(now)) for a in Action.objects.all()}
    assert ("done", "met", False) in states and ("done", "met_late", False) in states
    assert ("open", "open", False) in states and ("open", "open", True) in states
    assert ("cancelled", "waived", False) in states


def test_flagged_cases_some_repeats_some_awaiting(demo, db):
    referrals = MultiAgencyReferral.objects.all()
    assert referrals.filter(is_repeat=True).count() == 2
    assert referrals.filter(status="flagged").count() == 2 and referrals.filter(status="listed").count() == 2
    assert referrals.filter(status="discussed").count() == 3


def test_the_partner_sees_the_meetings_their_agency_attends(demo, db, client):
    client.force_login(User.objects.get(username="mair.evans"))
    page = client.get("/multi-agency/").content.decode()
    assert page.count("Newport MARAC") == 2
