"""The staff page where an officer or supervisor of the case's unit records the victim's own equality
answers (the victim answers for themselves in the portal: victimcare/portal/views.py `about_you`). The
answers are shown nowhere else: this form, pre-filled, is the one place staff read them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from victimcare.cases import access
from victimcare.equality.forms import EqualityForm
from victimcare.equality.models import EqualityAnswers
from victimcare.equality.services import EqualityError, record_equality_answers

ACCESS_LOG_WHAT = (gettext_noop("equality monitoring form"),)


def initial_answers(victim) -> dict[str, str]:
    record = EqualityAnswers.objects.filter(victim=victim).first()
    return record.answers() if record is not None else {}


def nothing_chosen(form, initial) -> bool:
    """A first submission with no answer at all records nothing: say so rather than save an empty record."""
    return not initial and not any(form.answers().values())


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def case_answers(request, case_id):
    case = access.get_case_for_user(request.user, case_id, what="equality monitoring form")
    if not access.may_change_case(request.user, case):
        raise PermissionDenied
    initial = initial_answers(case.victim)
    form = EqualityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if nothing_chosen(form, initial):
            form.add_error(None, _("Select at least one answer, or go back to the case if the victim does not "
                                   "want to answer"))
        else:
            try:
                record_equality_answers(case.victim, answers=form.answers(), how="staff", actor=request.user,
                                        case=case)
            except EqualityError as error:
                form.add_error(None, _("This could not be saved: %(error)s") % {"error": error})
            else:
                messages.success(request, _("Equality monitoring answers saved."))
                return redirect("cases:detail", case_id=case.pk)
    return render(request, "equality/case_answers.html", {"case": case, "form": form, "answered": bool(initial)})
