"""Consent and sharing pages.

Police side: the consent ledger, recording a consent choice, sharing, ending a disclosure (officers and
supervisors of the case's unit; 404 to those who cannot see the case, 403 to those who can see but not
change it), and the supervisor's approvals of safeguarding overrides.

Receiving side: the cases shared with the user's organisation, and one shared case showing exactly the
items shared in force with it. Anything not shared in force is a 404, as if it did not exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods

from victimcare.accounts.roles import Role, organisations_with_role
from victimcare.cases import access
from victimcare.cases.models import CaseAccessLog
from victimcare.cases.services import once
from victimcare.frontend.pages import page_links, query_without_page
from victimcare.sharing import partner, services
from victimcare.sharing.access import receiving_organisation_ids
from victimcare.sharing.forms import APPROVE, ConsentForm, DecideForm, EndForm, ShareForm
from victimcare.sharing.models import ConsentRecord, Disclosure, LawfulBasis
from victimcare.sharing.templatetags.sharing_panels import item_labels

SHARED_CASES_PER_PAGE = 25
# What these pages write in the case access log, in English; marked here for this app's catalogue.
ACCESS_LOG_WHAT = (
    gettext_noop("consent ledger"), gettext_noop("record consent form"), gettext_noop("share information form"),
    gettext_noop("end sharing form"), gettext_noop("safeguarding override decision form"),
    gettext_noop("shared case"), gettext_noop("shared cases list"), gettext_noop("safeguarding approvals"),
)


def _case(request, case_id, what: str, *, change: bool):
    case = access.get_case_for_user(request.user, case_id, what=what,
                                    queryset=access.visible_cases(request.user).select_related("victim", "crime"))
    if change and not access.may_change_case(request.user, case):
        raise PermissionDenied
    return case


def _replayed(model, key):
    return lambda event: model.objects.get(pk=event.data[key])


@login_required
def ledger(request, case_id):
    case = _case(request, case_id, "consent ledger", change=False)
    records = (ConsentRecord.objects.filter(victim=case.victim)
               .select_related("organisation", "recorded_by", "case__crime").order_by("-at", "-id"))
    return render(request, "sharing/ledger.html", {
        "case": case, "records": records, "may_act": access.may_change_case(request.user, case),
    })


@login_required
@require_http_methods(["GET", "POST"])
def record_consent(request, case_id):
    case = _case(request, case_id, "record consent form", change=True)
    form = ConsentForm(request.POST if request.method == "POST" else None,
                       initial={"purpose": request.GET.get("purpose", "")})
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            once(case, form.idempotency_key, lambda: services.record_consent(
                victim=case.victim, case=case, purpose=data["purpose"], decision=data["decision"], how=data["how"],
                actor=request.user, organisation=data.get("organisation"),
                organisation_kind=data.get("organisation_kind") or "", note=data["note"],
                idempotency_key=form.idempotency_key,
            ), _replayed(ConsentRecord, "consent"))
        except services.ConsentError:
            form.add_error("decision", _("The victim has not given consent for this, so it cannot be withdrawn"))
        else:
            messages.success(request, _("The victim's choice was recorded."))
            return redirect("cases:support", case_id=case.pk)
    return render(request, "sharing/record_consent.html", {"case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def share(request, case_id):
    case = _case(request, case_id, "share information form", change=True)
    form = ShareForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid() and case.status != case.Status.OPEN:
        form.add_error(None, _("This case is closed, so nothing more can be shared from it."))
    elif form.is_bound and form.is_valid():
        data = form.cleaned_data
        organisation = data["organisation"]
        try:
            if data["basis"] == LawfulBasis.CONSENT:
                once(case, form.idempotency_key, lambda: services.share_with_consent(
                    case, organisation, data["items"], actor=request.user, summary=data["summary"],
                    idempotency_key=form.idempotency_key), _replayed(Disclosure, "disclosure"))
                message = _("Shared with %(organisation)s.")
            else:
                once(case, form.idempotency_key, lambda: services.request_safeguarding_disclosure(
                    case, organisation, data["items"], actor=request.user, justification=data["justification"],
                    summary=data["summary"], idempotency_key=form.idempotency_key),
                    _replayed(Disclosure, "disclosure"))
                message = _("Sent to a supervisor for approval. Nothing is shared with %(organisation)s until "
                            "it is approved.")
        except services.SharingError:
            form.add_error("basis", _("The victim has not consented to sharing with %(organisation)s. Record their "
                                      "consent first, or ask for a safeguarding override.")
                           % {"organisation": organisation.name})
        else:
            messages.success(request, message % {"organisation": organisation.name})
            return redirect("cases:support", case_id=case.pk)
    return render(request, "sharing/share.html", {"case": case, "form": form})


def _disclosure(request, disclosure_id, what: str):
    disclosure = Disclosure.objects.select_related("organisation", "requested_by").filter(pk=disclosure_id).first()
    if disclosure is None:
        raise Http404("No such disclosure")
    case = access.get_case_for_user(request.user, disclosure.case_id, what=what,
                                    queryset=access.visible_cases(request.user).select_related("victim", "crime"))
    disclosure.case = case
    return disclosure


@login_required
@require_http_methods(["GET", "POST"])
def end(request, disclosure_id):
    disclosure = _disclosure(request, disclosure_id, "end sharing form")
    case = disclosure.case
    if not access.may_change_case(request.user, case):
        raise PermissionDenied
    if disclosure.status not in (Disclosure.Status.IN_FORCE, Disclosure.Status.AWAITING_APPROVAL):
        messages.info(request, _("This sharing has already ended."))
        return redirect("cases:support", case_id=case.pk)
    form = EndForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            once(case, form.idempotency_key, lambda: services.end_disclosure(
                disclosure, actor=request.user, reason=form.cleaned_data["reason"],
                idempotency_key=form.idempotency_key), _replayed(Disclosure, "disclosure"))
        except services.SharingError:
            messages.info(request, _("This sharing has already ended."))
        else:
            messages.success(request, _("Sharing with %(organisation)s ended.")
                             % {"organisation": disclosure.organisation.name})
        return redirect("cases:support", case_id=case.pk)
    return render(request, "sharing/end.html", {"case": case, "disclosure": disclosure, "form": form,
                                                "items": item_labels(disclosure.items)})


@login_required
def approvals(request):
    units = organisations_with_role(request.user, Role.SUPERVISOR)
    if not units:
        raise PermissionDenied
    waiting = list(Disclosure.objects.filter(status=Disclosure.Status.AWAITING_APPROVAL, case__unit_id__in=units)
                   .select_related("case__crime", "case__victim", "organisation", "requested_by")
                   .order_by("requested_at", "id"))
    access.log_cases_listed([d.case for d in waiting], request.user, what="safeguarding approvals")
    for disclosure in waiting:
        disclosure.item_labels = item_labels(disclosure.items)
    return render(request, "sharing/approvals.html", {"waiting": waiting})


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, disclosure_id):
    disclosure = _disclosure(request, disclosure_id, "safeguarding override decision form")
    case = disclosure.case
    if not access.supervises(request.user, case):
        raise Http404("No such request")
    if disclosure.status != Disclosure.Status.AWAITING_APPROVAL:
        messages.info(request, _("This request has already been decided."))
        return redirect("sharing:approvals")
    own = disclosure.requested_by_id == request.user.pk
    form = DecideForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        approve = form.cleaned_data["decision"] == APPROVE
        try:
            once(case, form.idempotency_key, lambda: services.decide_safeguarding_disclosure(
                disclosure, actor=request.user, approve=approve, note=form.cleaned_data["note"],
                idempotency_key=form.idempotency_key), _replayed(Disclosure, "disclosure"))
        except services.SharingError:
            if own:
                form.add_error("decision", _("Someone else must decide a request you made"))
            else:
                messages.info(request, _("This request has already been decided."))
                return redirect("sharing:approvals")
        else:
            values = {"organisation": disclosure.organisation.name}
            messages.success(request, (_("Approved: the information is now shared with %(organisation)s.") if approve
                                       else _("Refused: nothing is shared with %(organisation)s.")) % values)
            return redirect("sharing:approvals")
    return render(request, "sharing/decide.html", {"case": case, "disclosure": disclosure, "form": form, "own": own,
                                                   "items": item_labels(disclosure.items)})


# --- Receiving organisations --------------------------------------------------------------------------

@login_required
def shared_cases(request):
    organisations = receiving_organisation_ids(request.user)
    page = Paginator(partner.shared_case_ids(organisations), SHARED_CASES_PER_PAGE).get_page(request.GET.get("page"))
    rows = partner.shared_cases(organisations, case_ids=[row["case_id"] for row in page.object_list])
    for row in rows:
        row["item_labels"] = item_labels(row["items"])
    access.log_cases_listed([row["case"] for row in rows], request.user, what="shared cases list")
    return render(request, "sharing/shared_cases.html", {
        "rows": rows, "page": page, "page_links": page_links(page), "query": query_without_page(request)})


@login_required
def shared_case(request, case_id):
    shared = partner.shared_case(case_id, receiving_organisation_ids(request.user))
    if shared is None:
        raise Http404("No such case")
    access.log_case_access(shared.case, request.user, CaseAccessLog.Action.VIEWED, what="shared case")
    return render(request, "sharing/shared_case.html", {"shared": shared,
                                                        "item_labels": item_labels(shared.items)})
