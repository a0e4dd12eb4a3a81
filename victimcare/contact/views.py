"""Agree how to update the victim, record updates and failed attempts. The case is loaded only through
cases.access.get_case_for_user (404 to anyone who may not see it); only officers and supervisors of its
unit may change it (403 to others who can see it, such as the call handler who recorded it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods

from victimcare.cases import access
from victimcare.cases.services import CaseStateError
from victimcare.contact import services
from victimcare.contact.forms import AgreementForm, FailedAttemptForm, UpdateForm

# What these pages and services write in the case access log, in English. Marked here so the Welsh is
# in this app's catalogue; the access-log page translates any phrase that has a translation.
ACCESS_LOG_WHAT = (
    gettext_noop("contact agreement form"), gettext_noop("record update form"),
    gettext_noop("record failed attempt form"), gettext_noop("agreed how to update the victim"),
    gettext_noop("changed how to update the victim"), gettext_noop("recorded an update to the victim"),
    gettext_noop("recorded a failed attempt to update the victim"),
)
_CLOSED = gettext_noop("This case is closed, so nothing more can be recorded on it.")


def _changeable_case(request, case_id, what: str):
    case = access.get_case_for_user(request.user, case_id, what=what,
                                    queryset=access.visible_cases(request.user).select_related("victim", "crime"))
    if not access.may_change_case(request.user, case):
        raise PermissionDenied
    return case


def _next_due_message(case) -> str:
    commitment = services.next_update(case)
    if commitment is None:
        return ""
    due = date_format(timezone.localtime(commitment.due_at), "j F Y")
    return " " + _("Next update due by %(due)s.") % {"due": due}


@login_required
@require_http_methods(["GET", "POST"])
def agreement(request, case_id):
    case = _changeable_case(request, case_id, what="contact agreement form")
    current = services.current_agreement(case)
    if request.method == "POST":
        form = AgreementForm(request.POST)
    else:
        form = AgreementForm(initial=AgreementForm.initial_for(case, current))
    if form.is_bound and form.is_valid():
        record = services.change_agreement if current is not None else services.agree_contact
        try:
            record(case, form.terms, actor=request.user, idempotency_key=form.idempotency_key)
        except CaseStateError:
            form.add_error(None, _(_CLOSED) if case.status != case.Status.OPEN else
                           _("The agreement was changed by someone else. Check it and try again."))
        else:
            messages.success(request, _("Agreement recorded.") + _next_due_message(case))
            return redirect("cases:contact", case_id=case.pk)
    return render(request, "contact/agreement_form.html", {"case": case, "form": form, "current": current})


@login_required
@require_http_methods(["GET", "POST"])
def record_update(request, case_id):
    case = _changeable_case(request, case_id, what="record update form")
    current = services.current_agreement(case)
    if request.method == "POST":
        form = UpdateForm(request.POST)
    else:
        form = UpdateForm(initial={"channel": current.channel, "language": current.language,
                                   "other_language": current.other_language} if current else {})
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_update(case, channel=data["channel"], language=data["language"],
                                   other_language=data["other_language"], summary=data["summary"],
                                   actor=request.user, idempotency_key=form.idempotency_key)
        except CaseStateError:
            form.add_error(None, _(_CLOSED))
        else:
            messages.success(request, _("Update recorded.") + _next_due_message(case))
            return redirect("cases:contact", case_id=case.pk)
    return render(request, "contact/update_form.html", {"case": case, "form": form, "current": current})


@login_required
@require_http_methods(["GET", "POST"])
def record_failed_attempt(request, case_id):
    case = _changeable_case(request, case_id, what="record failed attempt form")
    current = services.current_agreement(case)
    if request.method == "POST":
        form = FailedAttemptForm(request.POST)
    else:
        form = FailedAttemptForm(initial={"channel": current.channel} if current else {})
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_failed_attempt(case, channel=data["channel"], reason=data["reason"], note=data["note"],
                                           actor=request.user, idempotency_key=form.idempotency_key)
        except CaseStateError:
            form.add_error(None, _(_CLOSED))
        else:
            messages.success(request, _("Failed attempt recorded. The update is still owed."))
            return redirect("cases:contact", case_id=case.pk)
    return render(request, "contact/failed_attempt_form.html", {"case": case, "form": form, "current": current})
