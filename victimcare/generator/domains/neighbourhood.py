"""Generated cases: the neighbourhood team told of every report (neighbourhood.services.notify_team, the
receiver of report_recorded), routed as neighbourhood.routing.route routes it: the team covering the
crime's ward (the ward of its point, else of its LSOA), else the default team of its local authority. The
team owes an acknowledgement, mostly given on time by a member of the team; now and then it notes local
action (acknowledge_notice, note_local_action)."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password

from victimcare.accounts.models import User
from victimcare.areas.models import Ward
from victimcare.cases.models import TimelineEvent
from victimcare.charter import rules
from victimcare.charter.rules import DEFAULT_DEADLINES as DEADLINES
from victimcare.generator.life import CaseLife
from victimcare.neighbourhood.demo import LOCAL_ACTIONS
from victimcare.neighbourhood.models import DefaultTeam, IncidentNotice, LocalAction, TeamWard
from victimcare.neighbourhood.routing import ward_code_for_lsoa
from victimcare.organisations.models import Membership, Organisation

Kind = TimelineEvent.Kind
RoutedBy = IncidentNotice.RoutedBy
# Assumptions: teams acknowledge about 1 in 10 late and about 1 in 30 never; about 1 in 8 notices leads to
# local action the team notes (patrols, advice to neighbours).
LATE_SHARE = 0.1
NEVER_SHARE = 0.03
LOCAL_ACTION_SHARE = 0.12


@dataclass(frozen=True)
class Route:
    team_id: int
    data: dict  # the timeline entry's data but the notice: team and ward names, how it was routed
    ward_code: str | None
    local_authority_code: str
    routed_by: str


def prepare(ctx) -> None:
    teams = {pk: (name_en, name_cy or name_en) for pk, name_en, name_cy in Organisation.objects.filter(
        kind=Organisation.Kind.NEIGHBOURHOOD_TEAM).values_list("pk", "name_en", "name_cy")}
    wards = {code: (name_en, name_cy or name_en) for code, name_en, name_cy in Ward.objects.values_list(
        "code", "name_en", "name_cy")}
    by_ward = dict(TeamWard.objects.values_list("ward_id", "team_id"))
    by_area = dict(DefaultTeam.objects.values_list("local_authority_id", "team_id"))
    routes = {}
    for place in ctx.places:
        key = (place.ward_code, place.lsoa_code, place.local_authority_code)
        if key not in routes:
            routes[key] = _route(place, teams, wards, by_ward, by_area)
    ctx.extra["neighbourhood"] = {"routes": routes, "members": team_members(teams)}


def _route(place, teams, wards, by_ward, by_area) -> Route | None:
    ward, how = place.ward_code, RoutedBy.WARD
    if ward is None:
        ward, how = ward_code_for_lsoa(place.lsoa_code), RoutedBy.LSOA
        ward = ward if ward in wards else None
    team = by_ward.get(ward) if ward else None
    if team is None:
        team, how = by_area.get(place.local_authority_code), RoutedBy.DEFAULT
    if team is None:
        return None
    ward_en, ward_cy = wards.get(ward, ("", ""))
    data = {"team": team, "team_en": teams[team][0], "team_cy": teams[team][1], "ward": ward or "",
            "ward_en": ward_en, "ward_cy": ward_cy, "routed_by": how}
    return Route(team, data, ward, place.local_authority_code, how)


def team_members(teams) -> dict[int, int]:
    """A member of each team to acknowledge its notices; a team with none (in the demo only Newport's have
    one) is given one, as run.add_officers gives units their officers."""
    members: dict[int, int] = {}
    for team, user in Membership.objects.filter(role=Membership.Role.NEIGHBOURHOOD, organisation_id__in=teams
                                                ).order_by("user_id").values_list("organisation_id", "user_id"):
        members.setdefault(team, user)
    for team in teams:
        if team not in members:
            code = Organisation.objects.get(pk=team).code
            user, _ = User.objects.get_or_create(username=f"neighbourhood.{code}", defaults={
                "first_name": "Neighbourhood", "last_name": "Officer", "email": f"{code}@gwent-police.example",
                "password": make_password(None)})  # unusable: generated members never sign in
            Membership.objects.get_or_create(user=user, organisation_id=team, role=Membership.Role.NEIGHBOURHOOD)
            members[team] = user.pk
    return members


def add(life: CaseLife, ctx) -> None:
    extra, place = ctx.extra["neighbourhood"], life.facts["place"]
    route = extra["routes"].get((place.ward_code, place.lsoa_code, place.local_authority_code))
    if route is None:
        return
    rng, at = life.rng, life.opened_at
    notice = life.rows.ids.next(IncidentNotice._meta.db_table)
    team_data = {"team": route.team_id, "team_en": route.data["team_en"], "team_cy": route.data["team_cy"]}
    event = life.event(Kind.NEIGHBOURHOOD_NOTIFIED, at, None, notice=notice, **route.data)
    commitment = life.open_commitment(rules.neighbourhood_acknowledgement_commitment(at, DEADLINES), at,
                                      opened_by_event_id=event, owner_organisation_id=route.team_id,
                                      owner_person_id=None)
    member = extra["members"][route.team_id]
    acknowledged = life.plausible_moment(at, commitment.due_at, LATE_SHARE)
    if rng.random() < NEVER_SHARE or acknowledged > life.now:
        acknowledged = None
    if acknowledged is not None:
        # The team acknowledges from its feed whether or not the police case has closed meanwhile; the
        # commitment is met only while the case is open (closing misses what is owed).
        life.event(Kind.NEIGHBOURHOOD_ACKNOWLEDGED, acknowledged, member, notice=notice,
                   on_time=acknowledged <= commitment.due_at, **team_data)
        life.meet(commitment, acknowledged, member)
        noted = acknowledged + timedelta(minutes=rng.uniform(10, 2880))
        if rng.random() < LOCAL_ACTION_SHARE and noted <= life.now:
            text = rng.choice(LOCAL_ACTIONS)
            action = life.rows.add(LocalAction, notice_id=notice, text=text, noted_at=noted, noted_by_id=member)
            life.event(Kind.LOCAL_ACTION_NOTED, noted, member, notice=notice, local_action=action, text=text,
                       **team_data)
    life.rows.add(IncidentNotice, id=notice, crime_id=life.crime_id, case_id=life.case_id, team_id=route.team_id,
                  ward_id=route.ward_code, local_authority_id=route.local_authority_code, routed_by=route.routed_by,
                  received_at=at, commitment_id=commitment.id, acknowledged_at=acknowledged,
                  acknowledged_by_id=member if acknowledged else None)
