"""Who may see and run multi-agency meetings.

The police run them: officers and supervisors of any unit of a force manage every meeting of that
force and every flagged case of its units. An attending agency's users (partner agencies, victims'
services caseworkers, neighbourhood team members) see the meetings their organisation attends, and of
each case on the agenda only what the sharing app's disclosures in force give their organisation.
Anyone else gets 403 on the pages; an object outside what a user may see is a 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from victimcare.accounts.roles import Role, organisations_with_role
from victimcare.cases.access import units_within
from victimcare.multiagency.models import Action, AgendaItem, Meeting, MultiAgencyReferral
from victimcare.organisations.models import Organisation
from victimcare.sharing.models import Disclosure

AGENCY_ROLES = (Role.PARTNER, Role.CASEWORKER, Role.NEIGHBOURHOOD)


def police_forces(user) -> frozenset[int]:
    """The forces of the units the user is an officer or supervisor in. Cached on the user."""
    cached = getattr(user, "_multi_agency_forces", None)
    if cached is None:
        units = organisations_with_role(user, Role.OFFICER, Role.SUPERVISOR)
        found: set[int] = set()
        if units:
            tree = {pk: (parent_id, kind) for pk, parent_id, kind in
                    Organisation.objects.values_list("pk", "parent_id", "kind")}
            for unit in units:
                pk = unit
                while pk is not None and pk in tree:
                    parent_id, kind = tree[pk]
                    if kind == Organisation.Kind.FORCE:
                        found.add(pk)
                        break
                    pk = parent_id
        cached = frozenset(found)
        user._multi_agency_forces = cached
    return cached


def force_units(user) -> frozenset[int]:
    """Every organisation within the user's forces (the forces themselves included)."""
    cached = getattr(user, "_multi_agency_force_units", None)
    if cached is None:
        forces = police_forces(user)
        cached = units_within(forces) if forces else frozenset()
        user._multi_agency_force_units = cached
    return cached


def agencies(user) -> frozenset[int]:
    return organisations_with_role(user, *AGENCY_ROLES)


def is_police(user) -> bool:
    return bool(police_forces(user))


def require_user(user) -> None:
    """403 for anyone who neither runs nor attends meetings (call handlers, administrators)."""
    if not (is_police(user) or agencies(user)):
        raise PermissionDenied


def require_police(user) -> None:
    if not is_police(user):
        raise PermissionDenied


def visible_meetings(user):
    if is_police(user):
        return Meeting.objects.filter(force_id__in=police_forces(user))
    return Meeting.objects.filter(
        pk__in=Meeting.attending.through.objects.filter(organisation_id__in=agencies(user)).values("meeting_id"))


def get_meeting_for_user(user, meeting_id) -> Meeting:
    require_user(user)
    try:
        return visible_meetings(user).select_related("chair", "local_authority").get(pk=meeting_id)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404("No such meeting") from None


def managed_referrals(user):
    """The referrals of the cases of the user's force (police only)."""
    return MultiAgencyReferral.objects.filter(case__unit_id__in=force_units(user))


def get_agenda_item_for_police(user, item_id) -> AgendaItem:
    require_user(user)
    try:
        return AgendaItem.objects.select_related("meeting", "referral__case__crime", "referral__case__victim").get(
            pk=item_id, meeting__force_id__in=police_forces(user))
    except (AgendaItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such agenda item") from None


def get_action_for_user(user, action_id, *, to_complete: bool) -> Action:
    """An action the user may end: police of the meeting's force any of them (to complete or cancel);
    an agency user only their own organisation's, and only to complete it."""
    require_user(user)
    actions = Action.objects.select_related("owner", "agenda_item__meeting", "agenda_item__referral__case__crime",
                                            "commitment")
    if is_police(user):
        actions = actions.filter(agenda_item__meeting__force_id__in=police_forces(user))
    elif to_complete:
        mine = agencies(user)
        actions = actions.filter(owner_id__in=mine, agenda_item__meeting__in=visible_meetings(user))
    else:
        actions = actions.none()
    try:
        return actions.get(pk=action_id)
    except (Action.DoesNotExist, ValueError, TypeError):
        raise Http404("No such action") from None


def items_shared_by_case(case_ids, organisation_ids) -> dict[int, set[str]]:
    """{case id: what disclosures in force share of it with these organisations}, in one query: the same
    answer as victimcare.sharing.access.items_shared for each case."""
    shared: dict[int, set[str]] = {case_id: set() for case_id in case_ids}
    for case_id, items in Disclosure.objects.in_force().for_organisations(organisation_ids).filter(
            case_id__in=case_ids).values_list("case_id", "items"):
        shared[case_id].update(items)
    return shared
