"""The information rights officer's pages: find a victim, their subject access requests and the export, the
correction of their personal details, and the retention review queue with the erasure it can lead to. The
case's unit corrects the details from the case page (`case_correct`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from victimcare.cases import access as case_access
from victimcare.cases.models import Case
from victimcare.dataprotection import access
from victimcare.dataprotection.forms import CorrectionForm, FindVictimForm, ReviewForm, SubjectAccessRequestForm
from victimcare.dataprotection.models import RetentionReview
from victimcare.dataprotection.retention import KINDS
from victimcare.dataprotection.services import (
    DataProtectionError,
    anonymise_case,
    correct_personal_details,
    export_for_request,
    keep_for_longer,
    record_subject_access_request,
)
from victimcare.victims.models import Victim

MAX_RESULTS = 50
# What these pages write in the access log, in English; the log page shows them through gettext (in Welsh too).
ACCESS_LOG_WHAT = (gettext_noop("data protection: victim search"), gettext_noop("data protection: victim's record"),
                   gettext_noop("data protection: subject access request"),
                   gettext_noop("data protection: correction form"), gettext_noop("retention review"),
                   gettext_noop("correct personal details form"))


def _cases_of(victim):
    return list(Case.objects.filter(victim=victim).select_related("crime", "unit", "retention_review")
                .order_by("opened_at"))


@never_cache
@login_required
@require_GET
def start(request):
    units = access.require_information_rights(request.user)
    form = FindVictimForm(request.GET or None)
    victims = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        found = access.visible_victims(request.user)
        if data["reference"]:
            found = found.filter(cases__crime__reference__iexact=data["reference"])
        else:
            found = found.filter(family_name__iexact=data["family_name"], date_of_birth=data["date_of_birth"])
        victims = list(found.order_by("family_name", "given_name", "pk")[:MAX_RESULTS])
        shown = Case.objects.filter(victim__in=victims, unit_id__in=units).only("pk")
        case_access.log_cases_listed(shown, request.user, what="data protection: victim search")
    waiting = RetentionReview.objects.waiting().filter(case__unit_id__in=units).count()
    return render(request, "dataprotection/start.html", {"form": form, "victims": victims, "waiting": waiting})


@never_cache
@login_required
@require_GET
def victim(request, victim_id):
    found = access.get_victim(request.user, victim_id)
    cases = _cases_of(found)
    case_access.log_cases_listed(cases, request.user, what="data protection: victim's record")
    requests = (found.subject_access_requests.annotate(export_count=Count("exports"),
                                                       last_export=Max("exports__exported_at")))
    return render(request, "dataprotection/victim.html", {
        "victim": found, "cases": cases, "requests": requests, "today": timezone.localdate()})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def request_new(request, victim_id):
    found = access.get_victim(request.user, victim_id)
    form = SubjectAccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = record_subject_access_request(found, reference=form.cleaned_data["reference"],
                                                 received_on=form.cleaned_data["received_on"], actor=request.user)
        except DataProtectionError as error:
            form.add_error("reference" if str(error).startswith("reference") else "received_on",
                           _("This request reference is already in use") if str(error).startswith("reference")
                           else _("The date received must be today or in the past"))
        else:
            messages.success(request, _("Subject access request %(reference)s recorded.") % {
                "reference": made.reference})
            return redirect("dataprotection:request", request_id=made.pk)
    case_access.log_victim_access(found, request.user, what="data protection: new subject access request")
    return render(request, "dataprotection/request_new.html", {"victim": found, "form": form})


@never_cache
@login_required
@require_GET
def request_detail(request, request_id):
    found = access.get_request(request.user, request_id)
    cases = _cases_of(found.victim)
    case_access.log_cases_listed(cases, request.user, what="data protection: subject access request")
    return render(request, "dataprotection/request.html", {
        "sar": found, "victim": found.victim, "cases": cases,
        "exports": found.exports.select_related("exported_by"), "today": timezone.localdate()})


@never_cache
@login_required
@require_POST
def request_export(request, request_id):
    found = access.get_request(request.user, request_id)
    content = export_for_request(found, actor=request.user)
    response = HttpResponse(content, content_type="application/zip")
    name = "subject-access-" + "".join(ch if ch.isalnum() else "-" for ch in found.reference) + ".zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _correct(request, found, *, back, template_context):
    initial = {name: getattr(found, name) for name in (
        "given_name", "family_name", "date_of_birth", "phone", "email", "address", "postcode", "preferred_language",
        "other_language", "communication_needs")}
    initial["needs_interpreter"] = "yes" if found.needs_interpreter else "no"
    form = CorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = correct_personal_details(found, changes=form.victim_fields(), reason=form.cleaned_data["reason"],
                                               actor=request.user)
        except DataProtectionError as error:
            if str(error).startswith("details:"):
                form.add_error(None, _("Nothing was changed: change a detail, or cancel"))
            else:
                form.add_error(None, _("These details could not be corrected"))
        else:
            messages.success(request, _("Personal details corrected (%(count)s changed).") % {"count": len(changed)})
            return redirect(back)
    return render(request, "dataprotection/correct.html", {"form": form, "victim": found, "back": back,
                                                           **template_context})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def correct(request, victim_id):
    found = access.get_victim(request.user, victim_id)
    if found.anonymised_at:
        raise PermissionDenied
    back = reverse("dataprotection:victim", kwargs={"victim_id": found.pk})
    if request.method == "GET":
        case_access.log_cases_listed(_cases_of(found), request.user, what="data protection: correction form")
    return _correct(request, found, back=back, template_context={})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def case_correct(request, case_id):
    case = case_access.get_case_for_user(request.user, case_id, what="correct personal details form")
    if not case_access.may_change_case(request.user, case):
        raise PermissionDenied
    found = Victim.objects.get(pk=case.victim_id)
    if found.anonymised_at:
        raise PermissionDenied
    return _correct(request, found, back=reverse("cases:detail", kwargs={"case_id": case.pk}),
                    template_context={"case": case})


# The queue's columns that sort (server-side, so it works without JavaScript): name -> ordering.
SORTS = {"reference": "case__crime__reference", "unit": "case__unit__name_en", "rule": "rule",
         "closed": "case__closed_at", "review_on": "review_on"}


@never_cache
@login_required
@require_GET
def queue(request):
    shown = request.GET.get("view", "waiting")
    if shown not in RetentionReview.Status.values:
        shown = RetentionReview.Status.WAITING
    sort = request.GET.get("sort", "review_on")
    sort = sort if sort in SORTS else "review_on"
    descending = request.GET.get("order") == "descending"
    reviews = access.visible_reviews(request.user)
    counts = dict(reviews.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    rows = list(reviews.filter(status=shown).select_related("case__crime", "case__unit")
                .order_by(("-" if descending else "") + SORTS[sort], "pk")[:500])
    views = [(status, label, counts.get(status, 0)) for status, label in RetentionReview.Status.choices]
    columns = [(name, label, name == sort, "descending" if name == sort and not descending else "ascending")
               for name, label in (("reference", _("Crime reference")), ("unit", _("Unit")),
                                   ("rule", _("Retention rule")), ("closed", _("Closed")),
                                   ("review_on", _("Review date")))]
    return render(request, "dataprotection/queue.html", {
        "rows": rows, "shown": shown, "views": views, "columns": columns, "descending": descending,
        "kinds": {key: str(label) for key, label in KINDS.items()}})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def review(request, review_id):
    found = access.get_review(request.user, review_id)
    if found.status != RetentionReview.Status.WAITING:
        return render(request, "dataprotection/review_done.html", {"review": found, "case": found.case,
                                                                    "kinds": KINDS}, status=200)
    case_access.log_case_access(found.case, request.user, "viewed", what="retention review")
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == "anonymise":
            return redirect("dataprotection:anonymise", review_id=found.pk)
        try:
            keep_for_longer(found, reason=form.cleaned_data["reason"], review_on=form.cleaned_data["review_on"],
                            actor=request.user)
        except DataProtectionError:
            form.add_error("review_on", _("The next review date must be in the future"))
        else:
            messages.success(request, _("Case %(reference)s kept for longer.") % {
                "reference": found.case.crime.reference})
            return redirect("dataprotection:queue")
    return render(request, "dataprotection/review.html", {
        "review": found, "case": found.case, "form": form, "kinds": KINDS,
        "commitments": found.case.commitments.count()})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def anonymise(request, review_id):
    found = access.get_review(request.user, review_id)
    if found.status != RetentionReview.Status.WAITING:
        return redirect("dataprotection:review", review_id=found.pk)
    if request.method == "POST":
        victim_erased = anonymise_case(found, actor=request.user)
        messages.success(request, _("The personal data of case %(reference)s has been erased.") % {
            "reference": found.case.crime.reference} + (" " + _("The victim's own details were erased too.")
                                                        if victim_erased else ""))
        return redirect("dataprotection:queue")
    others = (Case.objects.filter(victim_id=found.case.victim_id).exclude(pk=found.case_id)
              .exclude(retention_review__status=RetentionReview.Status.ANONYMISED).count())
    return render(request, "dataprotection/anonymise.html", {"review": found, "case": found.case, "others": others,
                                                             "kinds": KINDS})
