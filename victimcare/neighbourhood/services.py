"""State changes for neighbourhood teams, one named function each, in a transaction, with the timeline
entry and the access-log row for what they did."""

import logging

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_noop

from victimcare.cases.models import Case, TimelineEvent
from victimcare.cases.services import log_change, once, record_event
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.charter.services import deadlines, meet_commitment, open_commitment
from victimcare.neighbourhood.models import DefaultTeam, FeedSubscription, IncidentNotice, LocalAction, TeamWard
from victimcare.neighbourhood.routing import route

logger = logging.getLogger(__name__)

# What these services write in the case access log, marked so the Welsh is in this app's catalogue.
ACCESS_LOG_WHAT = (
    gettext_noop("neighbourhood notice"),
    gettext_noop("acknowledged the incident for the neighbourhood team"),
    gettext_noop("noted local action"),
)


class NeighbourhoodStateError(Exception):
    """The notice or subscription is not in a state that allows the change asked for."""


def _team_data(team) -> dict:
    return {"team": team.pk, "team_en": team.name_en, "team_cy": team.name_cy}


@transaction.atomic
def notify_team(case: Case, *, at=None) -> IncidentNotice | None:
    """Tell the neighbourhood team of the case's area about the incident: a notice on its feed, the timeline
    entry on the case, and the acknowledgement the team owes. Where the place was not found, the team of
    the area of the case's unit, and the timeline says so. Nothing if the crime's team was told already;
    nothing but a warning if no team can be found (the incident is then among those that reached no team,
    see `unrouted_cases`)."""
    at = at or timezone.now()
    crime = case.crime
    found = route(crime, unit=case.unit)
    if found.team is None:
        logger.warning("No neighbourhood team for crime %s (case %s): ward %s, local authority %s",
                       crime.reference, case.pk, getattr(found.ward, "code", None),
                       getattr(found.local_authority, "code", None))
        return None
    existing = IncidentNotice.objects.filter(crime=crime, team=found.team).first()
    if existing is not None:
        return existing
    notice = IncidentNotice.objects.create(
        crime=crime, case=case, team=found.team, ward=found.ward, local_authority=found.local_authority,
        routed_by=found.routed_by, received_at=at,
    )
    ward, area = found.ward, found.unit_area
    event = record_event(
        case, TimelineEvent.Kind.NEIGHBOURHOOD_NOTIFIED, None, at, notice=notice.pk, **_team_data(found.team),
        ward=ward.code if ward else "", ward_en=ward.name_en if ward else "", ward_cy=ward.name_cy if ward else "",
        routed_by=found.routed_by,
        **({"area_en": area.name_en, "area_cy": area.name_cy} if area is not None else {}),
    )
    notice.commitment = open_commitment(
        case, rules.neighbourhood_acknowledgement_commitment(at, deadlines()), opened_by_event=event,
        owner_organisation=found.team, owner_person=None, at=at,
    )
    notice.save(update_fields=["commitment"])
    return notice


def unrouted_cases(cases):
    """Of these cases, the open ones whose incident reached no neighbourhood team."""
    told = IncidentNotice.objects.filter(crime_id=OuterRef("crime_id"))
    return cases.filter(status=Case.Status.OPEN).exclude(Exists(told))


def notify_open_cases(since, *, at=None) -> int:
    """Route the open cases opened on or after `since` whose crime no team was told of yet (cases recorded
    before routing existed). Safe to run again: returns how many notices it made."""
    made: set[int] = set()
    cases = Case.objects.open().filter(opened_at__date__gte=since).exclude(
        crime__neighbourhood_notices__isnull=False).select_related("crime__ward", "crime__lsoa", "unit").order_by(
        "opened_at")
    for case in cases:
        notice = notify_team(case, at=at)  # a second victim of a crime gets the notice made for the first
        if notice is not None:
            made.add(notice.pk)
    return len(made)


def _replay_notice(notice):
    return lambda event: IncidentNotice.objects.get(pk=notice.pk)


def acknowledge_notice(notice: IncidentNotice, *, actor, at=None, channel="web", idempotency_key=None):
    """The team has seen the incident: the acknowledgement it owes is met (late if past its due time)."""
    return once(notice.case, idempotency_key,
                lambda: _acknowledge(notice, actor, at or timezone.now(), channel, idempotency_key),
                _replay_notice(notice))


def _acknowledge(notice, actor, at, channel, idempotency_key) -> IncidentNotice:
    locked = IncidentNotice.objects.select_for_update(of=("self",)).select_related("case", "team").get(pk=notice.pk)
    if locked.acknowledged_at is not None:
        raise NeighbourhoodStateError("Already acknowledged")
    locked.acknowledged_at, locked.acknowledged_by = at, actor
    locked.save(update_fields=["acknowledged_at", "acknowledged_by"])
    commitment = Commitment.objects.filter(pk=locked.commitment_id, status=Commitment.Status.OPEN).first()
    on_time = at <= locked.commitment.due_at if locked.commitment_id else True
    record_event(locked.case, TimelineEvent.Kind.NEIGHBOURHOOD_ACKNOWLEDGED, actor, at,
                 idempotency_key=idempotency_key, notice=locked.pk, on_time=on_time, **_team_data(locked.team))
    if commitment is not None:
        meet_commitment(commitment, actor=actor, at=at)
    log_change(locked.case, actor, "acknowledged the incident for the neighbourhood team", channel)
    return locked


def note_local_action(notice: IncidentNotice, text: str, *, actor, at=None, channel="web", idempotency_key=None):
    """What the team did locally about the incident."""
    text = (text or "").strip()
    if not text:
        raise NeighbourhoodStateError("Local action needs a description")
    return once(notice.case, idempotency_key,
                lambda: _note_local_action(notice, text, actor, at or timezone.now(), channel, idempotency_key),
                lambda event: LocalAction.objects.get(pk=event.data["local_action"]))


def _note_local_action(notice, text, actor, at, channel, idempotency_key) -> LocalAction:
    action = LocalAction.objects.create(notice=notice, text=text, noted_at=at, noted_by=actor)
    record_event(notice.case, TimelineEvent.Kind.LOCAL_ACTION_NOTED, actor, at, idempotency_key=idempotency_key,
                 notice=notice.pk, local_action=action.pk, text=text, **_team_data(notice.team))
    log_change(notice.case, actor, "noted local action", channel)
    return action


# --- Subscriptions ---------------------------------------------------------------------------------

@transaction.atomic
def subscribe(team, organisation, *, actor, at=None) -> FeedSubscription:
    """The organisation follows the team's feed from now on."""
    if FeedSubscription.objects.filter(team=team, organisation=organisation, ended_at__isnull=True).exists():
        raise NeighbourhoodStateError("Already subscribed")
    return FeedSubscription.objects.create(team=team, organisation=organisation, started_at=at or timezone.now(),
                                           started_by=actor)


@transaction.atomic
def end_subscription(subscription: FeedSubscription, *, actor, at=None) -> FeedSubscription:
    """The organisation stops following the feed: it sees none of the team's notices from this moment."""
    locked = FeedSubscription.objects.select_for_update().get(pk=subscription.pk)
    if locked.ended_at is not None:
        raise NeighbourhoodStateError("Already ended")
    locked.ended_at, locked.ended_by = at or timezone.now(), actor
    locked.save(update_fields=["ended_at", "ended_by"])
    return locked


# --- Configuration ---------------------------------------------------------------------------------

@transaction.atomic
def assign_ward(team, ward, *, actor=None, at=None) -> TeamWard:
    """The team covers the ward from now on (taking it from any team that covered it)."""
    assigned, _created = TeamWard.objects.update_or_create(
        ward=ward, defaults={"team": team, "assigned_at": at or timezone.now(), "assigned_by": actor})
    return assigned


@transaction.atomic
def set_team_wards(team, wards, *, actor=None, at=None) -> None:
    """The team covers exactly these wards; wards another team covered move to this one."""
    codes = {ward.pk for ward in wards}
    TeamWard.objects.filter(team=team).exclude(ward_id__in=codes).delete()
    held = set(TeamWard.objects.filter(team=team).values_list("ward_id", flat=True))
    for ward in wards:
        if ward.pk not in held:
            assign_ward(team, ward, actor=actor, at=at)


@transaction.atomic
def set_default_team(local_authority, team, *, actor=None, at=None) -> DefaultTeam | None:
    """The team told of incidents in the local authority that no ward assignment covers (None: no default)."""
    if team is None:
        DefaultTeam.objects.filter(local_authority=local_authority).delete()
        return None
    default, _created = DefaultTeam.objects.update_or_create(
        local_authority=local_authority, defaults={"team": team, "set_at": at or timezone.now(), "set_by": actor})
    return default
