"""Who sees which incident notices: members of the team it went to, and partner agencies following that
team's feed (only notices received while they follow it). Anyone else gets 404 for a notice."""

from django.http import Http404

from victimcare.accounts.roles import Role, has_role, organisations_with_role
from victimcare.cases.access import log_case_access
from victimcare.cases.models import CaseAccessLog
from victimcare.neighbourhood.models import IncidentNotice


def team_ids(user) -> frozenset[int]:
    return organisations_with_role(user, Role.NEIGHBOURHOOD)


def partner_ids(user) -> frozenset[int]:
    return organisations_with_role(user, Role.PARTNER)


def may_use_feed(user) -> bool:
    return has_role(user, Role.NEIGHBOURHOOD, Role.PARTNER)


def unrouted_scope(user):
    """Cases whose incidents that reached no team the user may see listed: a supervisor, the cases of the
    units they supervise; a neighbourhood team member, the cases of every unit of their team's force (a
    summary only, as on a feed). None: neither (403)."""
    from django.db.models import Q

    from victimcare.cases.access import units_within
    from victimcare.cases.models import Case
    from victimcare.organisations.models import Organisation

    supervised = organisations_with_role(user, Role.SUPERVISOR)
    teams = team_ids(user)
    if not supervised and not teams:
        return None
    forces = set(Organisation.objects.filter(pk__in=teams, parent__isnull=False).values_list("parent_id", flat=True))
    units = units_within(forces) if forces else frozenset()
    return Case.objects.filter(Q(unit_id__in=supervised) | Q(unit_id__in=units))


def may_configure(user) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def visible_notices(user):
    if not user.is_authenticated:
        return IncidentNotice.objects.none()
    notices = IncidentNotice.objects.none()
    teams, partners = team_ids(user), partner_ids(user)
    if teams:
        notices = notices | IncidentNotice.objects.for_teams(teams)
    if partners:
        notices = notices | IncidentNotice.objects.for_subscribers(partners)
    return notices


def is_team_member(user, notice: IncidentNotice) -> bool:
    return notice.team_id in team_ids(user)


def get_notice_for_user(user, notice_id, *, what: str = "neighbourhood notice", channel: str = "web"):
    """The notice, if the user may see it (the read is logged on the victim's case); otherwise 404."""
    try:
        notice = visible_notices(user).select_related(
            "crime", "case", "team", "ward", "local_authority", "commitment", "acknowledged_by").get(pk=notice_id)
    except (IncidentNotice.DoesNotExist, ValueError, TypeError):
        raise Http404("No such notice") from None
    log_case_access(notice.case, user, CaseAccessLog.Action.VIEWED, what=what, channel=channel)
    return notice
