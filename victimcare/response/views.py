"""Response pages: the control room and, on a case awaiting attendance, dispatch, attendance, the
victim's choice not to have an officer attend, and re-grading."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from victimcare.accounts.roles import Role, has_role, organisations_with_role
from victimcare.cases import access
from victimcare.cases.models import Case, TimelineEvent
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind
from victimcare.frontend.pages import how_long
from victimcare.response import services
from victimcare.response.forms import AttendanceForm, DeclinedForm, DispatchForm, RegradeForm
from victimcare.response.grades import grade as grade_of

_CASE_RELATED = ("victim", "crime", "unit", "officer")


def _response_case(request, case_id, what: str) -> Case:
    """The case, if the user may act on its response and it awaits attendance: 403 for those who can
    see it but may not act, 404 otherwise (including a case no longer awaiting attendance)."""
    case = access.get_case_for_user(request.user, case_id, what=what,
                                    queryset=access.visible_cases(request.user).select_related(*_CASE_RELATED))
    if not access.may_act_on_response(request.user, case):
        raise PermissionDenied
    return case


def _done(request, case, message):
    messages.success(request, message)
    return redirect("cases:contact", case_id=case.pk)


def _form_page(request, case_id, *, what, heading, form_class, template, perform, success, needs_case=False):
    case = _response_case(request, case_id, what)
    kwargs = {"case": case} if needs_case else {}
    form = form_class(request.POST if request.method == "POST" else None, **kwargs)
    if request.method == "POST" and form.is_valid():
        if services.cases.replayed_event(case, form.idempotency_key):
            return redirect("cases:contact", case_id=case.pk)  # the same page sent again: already recorded
        try:
            perform(case, form)
        except services.ResponseStateError:
            messages.error(request, _("This report is no longer awaiting attendance."))
            return redirect("cases:contact", case_id=case.pk)
        return _done(request, case, success)
    if not services.awaiting_attendance(case):
        raise Http404("Not awaiting attendance")
    return render(request, template, {"case": case, "form": form, "heading": heading,
                                      "commitment": services.open_response(case).first()})


@login_required
@require_http_methods(["GET", "POST"])
def dispatch(request, case_id):
    return _form_page(
        request, case_id, what="dispatch form", heading=_("Dispatch an officer"),
        form_class=DispatchForm, template="response/dispatch.html",
        needs_case=True, success=_("Officer dispatch recorded."),
        perform=lambda case, form: services.record_dispatch(case, form.cleaned_data["officer"], actor=request.user,
                                                            idempotency_key=form.idempotency_key),
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, case_id):
    return _form_page(
        request, case_id, what="attendance form", heading=_("Record attendance"),
        form_class=AttendanceForm, template="response/attendance.html",
        success=_("Attendance recorded."),
        perform=lambda case, form: services.record_attendance(case, actor=request.user,
                                                              idempotency_key=form.idempotency_key),
    )


@login_required
@require_http_methods(["GET", "POST"])
def declined(request, case_id):
    return _form_page(
        request, case_id, what="attendance declined form",
        heading=_("The victim does not want an officer to attend"), form_class=DeclinedForm,
        template="response/declined.html",
        success=_("Recorded that the victim does not want an officer to attend."),
        perform=lambda case, form: services.record_attendance_declined(
            case, actor=request.user, reason=form.cleaned_data["reason"], idempotency_key=form.idempotency_key),
    )


@login_required
@require_http_methods(["GET", "POST"])
def regrade(request, case_id):
    return _form_page(
        request, case_id, what="re-grade form", heading=_("Re-grade the response"),
        form_class=RegradeForm, template="response/regrade.html",
        needs_case=True, success=_("Response re-graded."),
        perform=lambda case, form: services.regrade(
            case, form.cleaned_data["grade"], actor=request.user, rationale=form.cleaned_data["rationale"],
            idempotency_key=form.idempotency_key),
    )


@dataclass
class ControlRoomRow:
    commitment: Commitment
    case: Case
    grade: str
    officer_name: str
    late_by: str
    time_left: str


def control_room_commitments(user):
    """Open response commitments of reports awaiting attendance that the user may see, soonest due first
    (so overdue ones lead), with the case, crime and last dispatched officer, in one query."""
    units = set(organisations_with_role(user, Role.OFFICER, Role.SUPERVISOR)) | set(access.call_handler_units(user))
    dispatched = (
        TimelineEvent.objects.filter(case=OuterRef("case"), kind=TimelineEvent.Kind.OFFICER_DISPATCHED)
        .order_by("-occurred_at", "-id").values("data__officer_name")[:1]
    )
    return (
        Commitment.objects.open()
        .filter(kind=CommitmentKind.RESPONSE, case__status=Case.Status.OPEN)
        .filter(Q(case__unit_id__in=units))
        .select_related("case", "case__crime", "case__crime__local_authority", "case__unit")
        .annotate(dispatched_officer=Subquery(dispatched))
        .order_by("due_at", "id")
    )


@login_required
def control_room(request):
    if not has_role(request.user, Role.CALL_HANDLER, Role.OFFICER, Role.SUPERVISOR):
        raise PermissionDenied
    now = timezone.now()
    rows = []
    for commitment in control_room_commitments(request.user):
        number = commitment.detail.get("grade", commitment.case.response_grade)
        found = grade_of(number)
        rows.append(ControlRoomRow(
            commitment=commitment,
            case=commitment.case,
            grade=_("%(number)s: %(name)s") % {"number": number, "name": found.name()} if found else str(number),
            officer_name=commitment.dispatched_officer or "",
            late_by=how_long(now - commitment.due_at) if commitment.due_at < now else "",
            time_left=how_long(commitment.due_at - now) if commitment.due_at >= now else "",
        ))
    access.log_cases_listed([row.case for row in rows], request.user, what="control room")
    return render(request, "response/control_room.html", {"rows": rows})
