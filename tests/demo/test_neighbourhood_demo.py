"""The demo configures every Gwent team and shows the feeds in each state."""


from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.cases.models import Case
from victimcare.neighbourhood.demo import NEWPORT_WEST_WARDS
from victimcare.neighbourhood.models import DefaultTeam, FeedSubscription, IncidentNotice, LocalAction, TeamWard


def test_every_local_authority_has_a_default_team_and_newport_is_split_at_the_usk(demo, db):
    defaults = dict(DefaultTeam.objects.values_list("local_authority__name_en", "team__code"))
    assert defaults == {"Caerphilly": "npt-caerphilly", "Blaenau Gwent": "npt-blaenau-gwent",
                        "Torfaen": "npt-torfaen", "Monmouthshire": "npt-monmouthshire",
                        "Newport": "npt-newport-east"}
    wards = dict(TeamWard.objects.values_list("ward__name_en", "team__code"))
    assert len(wards) == 21 and len(NEWPORT_WEST_WARDS) == 12
    assert wards["Stow Hill"] == wards["Pillgwenlly"] == wards["Bettws"] == "npt-newport-west"
    assert wards["St Julians"] == wards["Lliswerry"] == wards["Caerleon"] == "npt-newport-east"


def test_every_open_case_reached_a_team_and_the_feeds_show_each_state(demo, db):
    notices = IncidentNotice.objects.select_related("commitment")
    assert notices.count() == Case.objects.open().values("crime").distinct().count()
    assert {notice.team.code for notice in notices} >= {"npt-newport-east", "npt-newport-west", "npt-caerphilly"}
    now = timezone.now()
    states = {notice.acknowledgement(now)["state"] for notice in notices}
    assert states == {"acknowledged", "late", "overdue", "due"}
    assert LocalAction.objects.exists()
    huw = User.objects.get(username="huw.thomas")
    assert set(notices.filter(acknowledged_by=huw).values_list("team__code", flat=True)) == {
        "npt-newport-east", "npt-newport-west"}


def test_newport_community_safety_follows_newport_west(demo, db):
    subscription = FeedSubscription.objects.active().get()
    assert (subscription.organisation.code, subscription.team.code) == ("newport-community-safety",
                                                                       "npt-newport-west")
