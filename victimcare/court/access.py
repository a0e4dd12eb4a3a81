"""Who may see and change the court side of a case.

Witness care officers of the Witness Care Unit that owns the prosecution manage it (news, hearings,
witness care, VPS, Victim Contact Scheme). Officers and supervisors of the case's unit record the charge
and read the court record. Anyone who may not see the case gets 404; someone who may see it but not
manage the court side gets 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from victimcare.accounts.roles import Role, organisations_with_role
from victimcare.cases import access as case_access
from victimcare.court.models import Prosecution


def witness_care_units(user) -> frozenset[int]:
    return organisations_with_role(user, Role.WITNESS_CARE_OFFICER)


def may_manage_court(user, case) -> bool:
    """Witness care officers of the Witness Care Unit that owns the case's prosecution."""
    prosecution = getattr(case, "prosecution", None) if _has_prosecution(case) else None
    return prosecution is not None and prosecution.witness_care_unit_id in witness_care_units(user)


def may_record_charge(user, case) -> bool:
    return case_access.may_change_case(user, case)


def _has_prosecution(case) -> bool:
    try:
        return case.prosecution is not None
    except Prosecution.DoesNotExist:
        return False


def get_case(user, case_id, *, what: str):
    """The case (with its prosecution, if any), if the user may see it; logged as read."""
    return case_access.get_case_for_user(
        user, case_id, what=what,
        queryset=case_access.visible_cases(user).select_related("crime", "victim", "unit", "prosecution"),
    )


def get_prosecution(user, case_id, *, what: str, manage: bool = True) -> Prosecution:
    """The case's prosecution: 404 if the user may not see the case or it has none; 403 if `manage` and the
    user is not a witness care officer of the owning unit."""
    case = get_case(user, case_id, what=what)
    if not _has_prosecution(case):
        raise Http404("No prosecution")
    if manage and not may_manage_court(user, case):
        raise PermissionDenied
    prosecution = case.prosecution
    prosecution.case = case
    return prosecution


def require_witness_care(user) -> None:
    if not witness_care_units(user):
        raise PermissionDenied
