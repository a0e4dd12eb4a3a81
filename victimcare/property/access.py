"""Who may see and change which property item. Property officers manage the register of their force's items
(every case of the force, though they never see the police case page); officers and supervisors of the case's
unit record what happens to their cases' items. Anyone else: 404. Every read is logged on the case."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from victimcare.accounts.roles import Role, organisations_with_role
from victimcare.cases.access import log_case_access
from victimcare.cases.models import CaseAccessLog
from victimcare.property.models import PropertyItem


def property_forces(user) -> frozenset[int]:
    return organisations_with_role(user, Role.PROPERTY_OFFICER)


def require_property_officer(user) -> frozenset[int]:
    forces = property_forces(user)
    if not forces:
        raise PermissionDenied
    return forces


def visible_items(user):
    if not user.is_authenticated:
        return PropertyItem.objects.none()
    units = organisations_with_role(user, Role.OFFICER, Role.SUPERVISOR)
    forces = property_forces(user)
    if not units and not forces:
        return PropertyItem.objects.none()
    return PropertyItem.objects.filter(Q(force_id__in=forces) | Q(case__unit_id__in=units))


def manages_register(user, item: PropertyItem) -> bool:
    """A property officer of the force whose register the item is on."""
    return item.force_id in property_forces(user)


def works_the_case(user, item: PropertyItem) -> bool:
    """An officer or supervisor of the case's unit."""
    return item.case.unit_id in organisations_with_role(user, Role.OFFICER, Role.SUPERVISOR)


def get_item_for_user(user, item_id, *, what: str, case_officers: bool = True, property_officers: bool = True
                      ) -> PropertyItem:
    """The item if `user` may see it (404 otherwise) and, for the action asked, may act (403 otherwise): the
    case's officers if `case_officers`, the force's property officers if `property_officers`. Logs the read."""
    try:
        item = visible_items(user).select_related("case__crime", "case__unit", "current_store",
                                                  "return_commitment").get(pk=item_id)
    except (PropertyItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such item") from None
    allowed = (case_officers and works_the_case(user, item)) or (property_officers and manages_register(user, item))
    if not allowed:
        raise PermissionDenied
    log_case_access(item.case, user, CaseAccessLog.Action.VIEWED, what=what)
    return item
