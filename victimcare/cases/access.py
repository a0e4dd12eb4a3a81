"""Who may see which case. A case is only ever loaded for a user through `get_case_for_user`,
which answers 404 to anyone who may not see it and logs every read."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from victimcare.accounts.roles import Role, has_role, organisations_with_role
from victimcare.cases.audit_chain import seal_after_commit
from victimcare.cases.models import Case, CaseAccessLog
from victimcare.organisations.models import Organisation


def units_within(organisation_ids) -> frozenset[int]:
    """The organisations whose parent chain reaches any of `organisation_ids` (those included), in
    one query: the organisation tree is small."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Organisation.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, stack = set(), list(organisation_ids)
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, ()))
    return frozenset(found)


def call_handler_units(user) -> frozenset[int]:
    """Every unit in the forces (or parts of a force) the user is a call handler in. Cached on the user."""
    cached = getattr(user, "_call_handler_units", None)
    if cached is None:
        cached = units_within(organisations_with_role(user, Role.CALL_HANDLER))
        user._call_handler_units = cached
    return cached


def awaiting_attendance():
    """A condition on cases: open, with an open commitment to attend within the response target."""
    from victimcare.charter.models import Commitment
    from victimcare.charter.rules import CommitmentKind

    return Q(status=Case.Status.OPEN) & Exists(
        Commitment.objects.filter(case=OuterRef("pk"), kind=CommitmentKind.RESPONSE, status=Commitment.Status.OPEN)
    )


def visible_cases(user) -> QuerySet[Case]:
    """Officers see their units' cases, supervisors the cases of the units they supervise,
    call handlers the cases they recorded and, while a report awaits attendance, every case of their
    force awaiting it (the control room); witness care officers the charged cases their Witness Care
    Unit owns. Administrators manage the system, not cases."""
    if not user.is_authenticated:
        return Case.objects.none()
    units = organisations_with_role(user, Role.OFFICER, Role.SUPERVISOR)
    condition = Q(unit_id__in=units)
    if has_role(user, Role.CALL_HANDLER):
        condition |= Q(recorded_by=user)
        force_units = call_handler_units(user)
        if force_units:
            condition |= Q(unit_id__in=force_units) & awaiting_attendance()
    witness_care = organisations_with_role(user, Role.WITNESS_CARE_OFFICER)
    if witness_care:  # the Witness Care Unit sees, read-only, the cases it owns from charge
        condition |= Q(prosecution__witness_care_unit_id__in=witness_care)
    if not units and not witness_care and not has_role(user, Role.CALL_HANDLER):
        return Case.objects.none()
    return Case.objects.filter(condition)


def supervises(user, case: Case) -> bool:
    return case.unit_id in organisations_with_role(user, Role.SUPERVISOR)


def may_change_case(user, case: Case) -> bool:
    """Officers and supervisors of the case's unit record decisions and contact on it. Others who can
    see it (a call handler who recorded it) may only read it."""
    return case.unit_id in organisations_with_role(user, Role.OFFICER, Role.SUPERVISOR)


def may_act_on_response(user, case: Case) -> bool:
    """Dispatch, attendance and re-grading: officers and supervisors of the case's unit, and call
    handlers of the force the unit belongs to (who see the case while it awaits attendance)."""
    return may_change_case(user, case) or case.unit_id in call_handler_units(user)


# The largest id any table holds (a 64-bit signed integer): a bigger number in a URL names nothing, and SQLite
# refuses to be asked about one (OverflowError) rather than finding nothing. Check ids from a URL against it
# before a lookup Django does not guard itself (a foreign key's id; Django guards a primary key's).
MAX_ID = 2**63 - 1


def get_case_for_user(
    user, case_id, *, what: str, why: str = "", channel: str = CaseAccessLog.Channel.WEB, queryset=None
) -> Case:
    """The case, if `user` may see it (and log the read); otherwise 404, with no hint it exists."""
    queryset = queryset if queryset is not None else visible_cases(user)
    try:
        case = queryset.get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404("No such case") from None
    log_case_access(case, user, CaseAccessLog.Action.VIEWED, what=what, why=why, channel=channel)
    return case


def log_case_access(case: Case, user, action: str, *, what: str, why: str = "", channel: str = "web") -> None:
    """One read or change of a case's personal data: who (`user`; None for the victim in the portal or the
    system), what, why and through which channel. Chained once the transaction commits (audit_chain)."""
    CaseAccessLog.objects.create(
        case=case, victim_id=case.victim_id, user=user, action=action, what=what[:200], why=why[:200],
        channel=channel,
    )
    seal_after_commit()


def log_cases_listed(cases, user, *, what: str, channel: str = CaseAccessLog.Channel.WEB) -> None:
    """A list shows victims' names, so each case shown is a read: one row each, in one query."""
    entries = [
        CaseAccessLog(case=case, victim_id=case.victim_id, user=user, action=CaseAccessLog.Action.VIEWED,
                      what=what[:200], channel=channel)
        for case in cases
    ]
    if entries:
        CaseAccessLog.objects.bulk_create(entries)
        seal_after_commit()


def log_victim_access(victims, user, action: str = CaseAccessLog.Action.VIEWED, *, what: str, why: str = "",
                      channel: str = CaseAccessLog.Channel.WEB) -> None:
    """Reads or changes of victims' personal data outside any case (a victim search's results, a subject access
    export): one row per victim, in one query. `victims` is one victim or several (instances or ids)."""
    many = victims if isinstance(victims, list | tuple | set | frozenset) else [victims]
    entries = [
        CaseAccessLog(victim_id=getattr(victim, "pk", victim), user=user, action=action, what=what[:200],
                      why=why[:200], channel=channel)
        for victim in many
    ]
    if entries:
        CaseAccessLog.objects.bulk_create(entries)
        seal_after_commit()
