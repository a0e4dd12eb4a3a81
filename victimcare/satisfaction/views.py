"""The staff page for the satisfaction survey taken by phone (the victim answers for themselves in the
portal). Officers and supervisors of the case's unit record it; one survey per case."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods

from victimcare.cases import access
from victimcare.satisfaction.forms import PhoneSurveyForm
from victimcare.satisfaction.models import SurveyResponse
from victimcare.satisfaction.services import SurveyError, record_survey_response

ACCESS_LOG_WHAT = (gettext_noop("phone survey form"), gettext_noop("answered the satisfaction survey"))


def _case_page(case) -> str:
    return reverse("cases:documents", kwargs={"case_id": case.pk}) + "#portal"


@login_required
@require_http_methods(["GET", "POST"])
def record_by_phone(request, case_id):
    case = access.get_case_for_user(request.user, case_id, what="phone survey form")
    if not access.may_change_case(request.user, case):
        raise PermissionDenied
    answered = SurveyResponse.objects.filter(case=case).first()
    form = PhoneSurveyForm(request.POST if request.method == "POST" and answered is None else None)
    if answered is None and request.method == "POST" and form.is_valid():
        try:
            record_survey_response(case, ratings=form.ratings(), comments=form.cleaned_data["comments"], how="phone",
                                   actor=request.user)
        except SurveyError:
            answered = SurveyResponse.objects.filter(case=case).first()
            if answered is None:
                raise
        else:
            messages.success(request, _("Satisfaction survey answers recorded."))
            return redirect(_case_page(case))
    status = 409 if answered is not None and request.method == "POST" else 200
    return render(request, "satisfaction/record_by_phone.html",
                  {"case": case, "form": form, "answered": answered, "back": _case_page(case)}, status=status)
