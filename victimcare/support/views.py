"""Victims' services pages.

- The directory (any signed-in member of staff) and, for administrators only, adding, changing and
  deactivating entries (403 for anyone else).
- On a police case (officers and supervisors of its unit; the case is loaded only through
  cases.access.get_case_for_user, so 404 to anyone who may not see it): the needs assessment, the
  victim's choice about support, and sending a referral.
- For a victims' service's caseworkers: their worklist and each referral to their service (or to a
  member service of their hub), while the victim's details are shared with the service. Any other
  referral is a 404. Every read is logged on the case.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from victimcare.accounts.roles import Role, has_role, organisations_with_role
from victimcare.cases import access
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import CaseStateError, replayed_event
from victimcare.cases.timeline import describe
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind
from victimcare.crimes.offences import CATEGORIES
from victimcare.sharing.models import Decision, Disclosure, SharedItem
from victimcare.support import services
from victimcare.support.forms import (
    DirectoryFilterForm,
    NeedsAssessmentForm,
    ReferralActionForm,
    ReferralForm,
    ServiceForm,
    SupportChoiceForm,
)
from victimcare.support.matching import services_for
from victimcare.support.models import Referral, SupportService

# What these pages and services write in the case access log, in English (the access-log page
# translates any phrase with a translation).
ACCESS_LOG_WHAT = (
    gettext_noop("support needs form"), gettext_noop("support choice form"), gettext_noop("referral form"),
    gettext_noop("support referral"), gettext_noop("support referrals list"),
    gettext_noop("recorded the support needs assessment"),
)
SERVICE_OWES = (CommitmentKind.REFERRAL_RESPONSE, CommitmentKind.SUPPORT_CONTACT)


def _posted(request):
    """The form data if the page was sent (even empty, so an empty form shows its errors), else None."""
    return request.POST if request.method == "POST" else None


# --- The directory ---------------------------------------------------------------------------------------
def _is_administrator(user) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def _administrator_only(request) -> None:
    if not _is_administrator(request.user):
        raise PermissionDenied


@login_required
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    found = SupportService.objects.prefetch_related("local_authorities").select_related("organisation")
    if not _is_administrator(request.user):
        found = found.active()
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = []
    for service in found:
        if chosen.get("need") and chosen["need"] not in service.needs:
            continue
        areas = list(service.local_authorities.all())
        if chosen.get("area") and areas and chosen["area"] not in areas:
            continue
        if chosen.get("language") and chosen["language"] not in service.languages:
            continue
        if chosen.get("category") and service.crime_categories and chosen["category"] not in service.crime_categories:
            continue
        rows.append({"service": service, "areas": areas})
    return render(request, "support/directory.html", {
        "form": form, "rows": rows, "may_manage": _is_administrator(request.user),
        "filtered": any(chosen.values()) if chosen else False,
    })


@login_required
def service_detail(request, service_id):
    queryset = SupportService.objects.select_related("organisation").prefetch_related("local_authorities")
    if not _is_administrator(request.user):
        queryset = queryset.active()
    service = get_object_or_404(queryset, pk=service_id)
    return render(request, "support/service_detail.html", {
        "service": service, "areas": list(service.local_authorities.all()),
        "may_manage": _is_administrator(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, service_id=None):
    _administrator_only(request)
    service = get_object_or_404(SupportService, pk=service_id) if service_id is not None else None
    form = ServiceForm(_posted(request), instance=service)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Saved %(name)s.") % {"name": saved.name})
        return redirect("support:service", service_id=saved.pk)
    return render(request, "support/service_form.html", {"form": form, "service": service})


@login_required
@require_http_methods(["GET", "POST"])
def service_deactivate(request, service_id):
    _administrator_only(request)
    service = get_object_or_404(SupportService, pk=service_id)
    if request.method == "POST":
        service.is_active = not service.is_active
        service.save(update_fields=["is_active"])
        if service.is_active:
            messages.success(request, _("%(name)s is back in the directory.") % {"name": service.name})
        else:
            messages.success(request, _("%(name)s was taken out of the directory.") % {"name": service.name})
        return redirect("support:service", service_id=service.pk)
    return render(request, "support/service_deactivate.html", {"service": service})


# --- On a police case -------------------------------------------------------------------------------------
def _changeable_case(request, case_id, what: str):
    case = access.get_case_for_user(request.user, case_id, what=what, queryset=access.visible_cases(
        request.user).select_related("victim", "crime", "unit"))
    if not access.may_change_case(request.user, case):
        raise PermissionDenied
    return case


def _closed(request, case):
    messages.error(request, _("This case is closed, so nothing more can be recorded on it."))
    return redirect("cases:support", case_id=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def needs(request, case_id):
    case = _changeable_case(request, case_id, what="support needs form")
    latest = case.needs_assessments.order_by("-at", "-id").first()
    initial = {"needs": latest.needs, "no_support": not latest.needs} if latest else {}
    form = NeedsAssessmentForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_needs_assessment(case, form.cleaned_data["needs"], actor=request.user,
                                             notes=form.cleaned_data["notes"], idempotency_key=form.idempotency_key)
        except CaseStateError:
            return _closed(request, case)
        messages.success(request, _("Support needs recorded."))
        return redirect("cases:support", case_id=case.pk)
    return render(request, "support/needs_form.html", {"case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def choice(request, case_id):
    case = _changeable_case(request, case_id, what="support choice form")
    current = services.current_choice(case.victim)
    form = SupportChoiceForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        if current is not None and current.decision == decision:
            # Already the victim's choice (or the same page sent twice): nothing new to record.
            messages.success(request, _("The victim's choice about support is already recorded."))
            return redirect("cases:support", case_id=case.pk)
        try:
            services.record_support_choice(case, decision, how=form.cleaned_data["how"], actor=request.user,
                                           note=form.cleaned_data["note"])
        except CaseStateError:
            return _closed(request, case)
        except services.SupportError:
            form.add_error("decision", _("The victim has not agreed to support, so they cannot opt out of it"))
        else:
            messages.success(request, {
                Decision.GIVEN: _("Recorded that the victim wants support. A referral is due within 2 working days."),
                Decision.REFUSED: _("Recorded that the victim does not want support."),
                Decision.WITHDRAWN: _("Recorded that the victim opted out of support. Any referral was closed."),
            }[decision])
            return redirect("cases:support", case_id=case.pk)
    return render(request, "support/choice_form.html", {"case": case, "form": form, "current": current})


@login_required
@require_http_methods(["GET", "POST"])
def refer(request, case_id):
    case = _changeable_case(request, case_id, what="referral form")
    latest = case.needs_assessments.order_by("-at", "-id").first()
    needs = latest.needs if latest else ()
    fitting = [service for service in services_for(case, needs=needs) if service.takes_referrals]
    consent = services.may_send(case)
    form = ReferralForm(_posted(request), services=fitting,
                        initial={"needs": latest.needs if latest else [],
                                 "service": fitting[0].pk if fitting else None})
    if request.method == "POST" and consent and form.is_valid():
        try:
            referral = services.send_referral(
                case, form.cleaned_data["service"], actor=request.user, needs=form.cleaned_data["needs"],
                note=form.cleaned_data["note"], idempotency_key=form.idempotency_key)
        except CaseStateError:
            return _closed(request, case)
        except services.SupportError as error:
            form.add_error("service", str(error))
        else:
            messages.success(request, _("Referral sent to %(service)s.") % {"service": referral.service.name})
            return redirect("cases:support", case_id=case.pk)
    return render(request, "support/refer_form.html", {
        "case": case, "form": form, "consent": consent, "fitting": fitting})


# --- For a victims' service -------------------------------------------------------------------------------
def _caseworker_organisations(user) -> frozenset[int]:
    return organisations_with_role(user, Role.CASEWORKER)


def _details_shared(referral: Referral) -> bool:
    """The victim's details are shown only while the referral is active and its disclosure in force.

    What a service still sees of a referral once that disclosure has ended (the service turned it down or
    closed its support, the victim declined or withdrew consent, or the police stopped sharing): only its
    row in the worklist, with the crime reference, which of its services it went to and its status, so
    the service can account for its own work and quote the reference to the police. Nothing about the
    victim: no name, needs, note from the police, history or date, and the referral's page is a 404 like
    any referral that is not theirs. (An ended referral counts as not shared even if its disclosure were
    somehow still in force.)"""
    disclosure = referral.disclosure
    return referral.is_active and disclosure is not None and disclosure.status == Disclosure.Status.IN_FORCE


def _owed(referrals, organisations) -> dict[int, list[Commitment]]:
    """What each referral's service owes, open, by referral id: one query."""
    owed: dict[int, list[Commitment]] = {}
    ids = {referral.pk for referral in referrals}
    for commitment in Commitment.objects.open().filter(
            case_id__in={referral.case_id for referral in referrals}, kind__in=SERVICE_OWES):
        referral_id = commitment.detail.get("referral")
        if referral_id in ids:
            owed.setdefault(referral_id, []).append(commitment)
    return owed


STATUS_FILTERS = {
    "active": Referral.ACTIVE,
    "closed": (Referral.Status.CLOSED, Referral.Status.DECLINED_BY_VICTIM, Referral.Status.REJECTED),
}


@login_required
def referrals(request):
    organisations = _caseworker_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    shown = request.GET.get("status") if request.GET.get("status") in STATUS_FILTERS else "active"
    found = list(Referral.objects.for_caseworker_organisations(organisations)
                 .filter(status__in=STATUS_FILTERS[shown])
                 .select_related("case__victim", "case__crime", "service", "disclosure")
                 .order_by("sent_at", "id")[:200])
    owed = _owed(found, organisations)
    now = timezone.now()
    rows = []
    for referral in found:
        commitments = owed.get(referral.pk, [])
        rows.append({"referral": referral, "shared": _details_shared(referral), "owed": commitments,
                     "overdue": any(c.due_at < now for c in commitments)})
    access.log_cases_listed([row["referral"].case for row in rows if row["shared"]], request.user,
                            what="support referrals list")
    rows.sort(key=lambda row: (not row["overdue"], min((c.due_at for c in row["owed"]), default=now),
                               row["referral"].sent_at))
    counts = {name: Referral.objects.for_caseworker_organisations(organisations).filter(status__in=statuses).count()
              for name, statuses in STATUS_FILTERS.items()}
    return render(request, "support/referrals.html", {"rows": rows, "shown": shown, "counts": counts,
                                                      "now": now})


def _own_referral(user, referral_id) -> Referral:
    """A referral to the user's service (or a member service of their hub), shared or not; else 404."""
    organisations = _caseworker_organisations(user)
    try:
        return (Referral.objects.for_caseworker_organisations(organisations)
                .select_related("case__victim", "case__crime", "service__organisation", "disclosure", "sent_by")
                .get(pk=referral_id))
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Http404("No such referral") from None


def _referral_for(user, referral_id) -> Referral:
    """A referral of the user's service whose victim's details are shared with it now; else 404."""
    referral = _own_referral(user, referral_id)
    if not _details_shared(referral):
        raise Http404("No such referral")
    return referral


def _history(referral: Referral):
    events = (TimelineEvent.objects.filter(case_id=referral.case_id, data__referral=referral.pk)
              .select_related("actor").order_by("occurred_at", "id"))
    return [describe(event, referral.case) for event in events]


def _referral_page(request, referral: Referral, form=None, status=200):
    access.log_case_access(referral.case, request.user, CaseAccessLog.Action.VIEWED, what="support referral")
    shared = _details_shared(referral)
    owed = _owed([referral], None).get(referral.pk, [])
    actions = services.NEXT_ACTIONS.get(referral.status, ())
    return render(request, "support/referral.html", {
        "referral": referral, "case": referral.case, "victim": referral.case.victim if shared else None,
        "shared": shared, "contact_shared": shared and SharedItem.VICTIM_CONTACT in referral.disclosure.items,
        "history": _history(referral), "owed": owed, "now": timezone.now(), "actions": actions,
        "form": form or ReferralActionForm(),
        "category": _category_name(referral.case.crime.category),
    }, status=status)


def _category_name(slug: str) -> str:
    category = CATEGORIES.get(slug)
    if category is None:
        return slug
    return category.name_cy if get_language() == "cy" else category.police_uk_name


@login_required
def referral(request, referral_id):
    return _referral_page(request, _referral_for(request.user, referral_id))


DONE = {
    "accept": gettext_noop("Referral accepted. Contact the victim by %(due)s."),
    "reject": gettext_noop("Referral turned down. The police have been told, and the victim's details are no "
                           "longer shared with your service."),
    "contacted": gettext_noop("Recorded that the victim was contacted."),
    "started": gettext_noop("Recorded that support is in progress."),
    "close": gettext_noop("Support closed. The victim's details are no longer shared with your service."),
    "declined": gettext_noop("Recorded that the victim declined the support. Their details are no longer shared "
                             "with your service."),
}
# These steps end the referral and the sharing with it: afterwards the referral's page is a 404, so the
# caseworker goes back to the worklist's ended referrals.
ENDING = ("reject", "close", "declined")


def _ended(referral: Referral):
    return redirect(f"{reverse('support:referrals')}?status=closed")


@login_required
@require_POST
def referral_update(request, referral_id):
    referral = _own_referral(request.user, referral_id)
    form = ReferralActionForm(request.POST)
    if not _details_shared(referral):
        # The step that ended the sharing, sent again (a double click, a retry): answer as the first did.
        first = replayed_event(referral.case, form.idempotency_key) if form.is_valid() else None
        if first is not None and first.data.get("referral") == referral.pk and form.cleaned_data["action"] in ENDING:
            messages.success(request, _(DONE[form.cleaned_data["action"]]))
            return _ended(referral)
        raise Http404("No such referral")
    if not form.is_valid():
        return _referral_page(request, referral, form)
    action = form.cleaned_data["action"]
    extra = {"reject": {"reason": form.cleaned_data["reason"]}, "close": {"outcome": form.cleaned_data["outcome"]},
             "declined": {"note": form.cleaned_data["note"], "how": form.cleaned_data["how"]}}.get(action, {})
    try:
        updated = services.ACTIONS[action](referral, actor=request.user, idempotency_key=form.idempotency_key,
                                           **extra)
    except services.SupportError:
        messages.error(request, _("That cannot be done: the referral is now %(status)s.") % {
            "status": referral.get_status_display().lower()})
        return redirect("support:referral", referral_id=referral.pk)
    due = ""
    if action == "accept":
        owed = _owed([updated], None).get(updated.pk, [])
        due = date_format(timezone.localtime(owed[0].due_at), "j F Y, H:i") if owed else ""
    messages.success(request, _(DONE[action]) % {"due": due})
    if action in ENDING:
        return _ended(updated)
    return redirect("support:referral", referral_id=referral.pk)
