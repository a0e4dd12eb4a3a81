"""Staff screens for cases. A case is only ever loaded through access.get_case_for_user, and every
change goes through a function in cases.services."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from victimcare.accounts.roles import Role, organisations_with_role
from victimcare.cases import access, services
from victimcare.cases.forms import CaseFilterForm, CloseCaseForm, KeyDecisionForm, VictimInformedForm
from victimcare.cases.models import TimelineEvent
from victimcare.cases.page_reads import case_commitments, with_row_probes
from victimcare.cases.sections import SECTION_OF_KIND, SECTIONS, SECTIONS_BY_NAME, SUMMARY, TIMELINE
from victimcare.cases.timeline import RESPONSE_GRADES, decision_label, describe, outcome_text, reason_label
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind
from victimcare.charter.services import CommitmentStateError
from victimcare.charter.standards import STANDARDS_BY_NUMBER
from victimcare.frontend.pages import CappedPaginator, how_long, page_links, query_without_page

CASES_PER_PAGE = 25
TIMELINE_LATEST = 20  # the case page's timeline shows this many newest entries unless asked for all
ACCESS_LOG_PER_PAGE = 50
_CASE_RELATED = ("victim", "crime", "crime__local_authority", "crime__ward", "unit", "officer")
_STATUS_TAG = {
    Commitment.Status.OPEN: "",
    Commitment.Status.MET: "govuk-tag--green",
    Commitment.Status.MET_LATE: "govuk-tag--yellow",
    Commitment.Status.MISSED: "govuk-tag--red",
    Commitment.Status.WAIVED: "govuk-tag--grey",
}


# What the access log records, in English; shown through gettext so the log reads in Welsh too.
ACCESS_LOG_WHAT = (
    gettext_noop("case list"), gettext_noop("case page"), gettext_noop("record decision form"),
    gettext_noop("record victim informed form"), gettext_noop("access log"), gettext_noop("opened the case"),
    gettext_noop("assigned the officer"), gettext_noop("recorded attendance"),
    gettext_noop("recorded that the victim was informed"), gettext_noop("recorded consent to a referral"),
    gettext_noop("recorded a referral"), gettext_noop("closed the case"), gettext_noop("close case form"),
    gettext_noop("control room"), gettext_noop("dispatch form"), gettext_noop("attendance form"),
    gettext_noop("attendance declined form"), gettext_noop("re-grade form"), gettext_noop("dispatched an officer"),
    gettext_noop("recorded that the victim did not want an officer to attend"),
    *(section.logged_as for section in SECTIONS),
)
_DECISION_WHAT = "recorded decision: "


def _access_log_what(what: str) -> str:
    """The logged phrase in the reader's language. Each app marks its own phrases with gettext_noop
    (this app's are in ACCESS_LOG_WHAT); a phrase with no translation shows as written."""
    if what.startswith(_DECISION_WHAT):
        return _("recorded decision: %(decision)s") % {"decision": decision_label(what[len(_DECISION_WHAT):])}
    return _(what)


def _actionable_case(request, case_id, what: str):
    case = access.get_case_for_user(request.user, case_id, what=what,
                                    queryset=access.visible_cases(request.user).select_related(*_CASE_RELATED))
    if not access.may_change_case(request.user, case):
        raise PermissionDenied
    return case


def overdue_count():
    """How many of the case's commitments are overdue now, as a subquery: worked out for the page's rows
    only, not (as a join and GROUP BY would) for every case the user may see before the page is cut."""
    overdue = (Commitment.objects.filter(case=OuterRef("pk"), status=Commitment.Status.OPEN,
                                         due_at__lt=timezone.now())
               .order_by().values("case").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(overdue), 0)


@login_required
def case_list(request):
    form = CaseFilterForm(request.GET)
    form.is_valid()
    cases = (
        access.visible_cases(request.user)
        .select_related("victim", "crime", "crime__local_authority", "officer")
        .annotate(overdue_count=overdue_count())
        .order_by("-opened_at", "-id")
    )
    page = CappedPaginator(form.filter(cases), CASES_PER_PAGE).get_page(request.GET.get("page"))
    access.log_cases_listed(page.object_list, request.user, what="case list")
    return render(request, "cases/case_list.html", {
        "form": form, "page": page, "page_links": page_links(page), "query": query_without_page(request),
        "ignored": [_("%(field)s filter ignored: %(error)s.") % {"field": label, "error": error}
                    for label, error in form.ignored()],
    })


@dataclass
class CommitmentRow:
    commitment: Commitment
    what: str
    standard: str
    owner: str
    tag_class: str
    status: str
    overdue_by: str
    can_record_informed: bool
    section_url: str  # the section of the case page where it is dealt with; empty when that is the summary


def _commitment_rows(case, commitments, may_act: bool, now: datetime, section_urls: dict) -> list[CommitmentRow]:
    language = get_language() or "en"
    rows = []
    for commitment in commitments:
        standard = STANDARDS_BY_NUMBER.get(commitment.standard)
        rows.append(CommitmentRow(
            commitment=commitment,
            what=CommitmentKind(commitment.kind).label(language),
            standard=_("Standard %(number)s: %(title)s") % {"number": standard.number,
                                                             "title": standard.title(language)} if standard else "",
            owner=str(commitment.owner_person or commitment.owner_organisation),
            tag_class=_STATUS_TAG.get(commitment.status, ""),
            # Not get_status_display(): that translates every choice to look one up, a dozen times a page.
            status=Commitment.Status(commitment.status).label,
            overdue_by=how_long(now - commitment.due_at) if commitment.is_overdue(now) else "",
            can_record_informed=(may_act and case.status == case.Status.OPEN
                                 and commitment.status == Commitment.Status.OPEN
                                 and commitment.kind == CommitmentKind.INFORM_DECISION),
            section_url=section_urls.get(SECTION_OF_KIND.get(commitment.kind), ""),
        ))
    return rows


def _section_url(case, section) -> str:
    return reverse(f"cases:{section.name}", kwargs={"case_id": case.pk})


def _latest_timeline(case, *, everything: bool) -> tuple[list, bool]:
    """The case's timeline described, newest first: the TIMELINE_LATEST newest entries, or every one, and whether
    older entries were left out. A long-running case has hundreds; most visits want the latest."""
    events = (
        TimelineEvent.objects.filter(Q(case=case) | Q(case__isnull=True, crime_id=case.crime_id))
        .select_related("actor").order_by("-occurred_at", "-id")
    )
    events = list(events if everything else events[:TIMELINE_LATEST + 1])
    cut = not everything and len(events) > TIMELINE_LATEST
    if cut:
        events = events[:TIMELINE_LATEST]
    return [describe(event, case) for event in events], cut


def _case_page(request, case_id, section, *, probes: bool = False):
    """The case for one section of its page, logged as that section's view; with the row probes when the section's
    panels skip reading tables that hold no row of the case."""
    cases = access.visible_cases(request.user).select_related(*_CASE_RELATED)
    case = access.get_case_for_user(request.user, case_id, what=section.logged_as,
                                    queryset=with_row_probes(cases) if probes else cases)
    may_change = access.may_change_case(request.user, case)
    return case, {
        "case": case,
        "section": section,
        "sections": [(s, _section_url(case, s)) for s in SECTIONS],
        "may_act": may_change and case.status == case.Status.OPEN,
        "may_change": may_change,
    }


@login_required
def case_detail(request, case_id):
    """The case page's summary: what is owed to the victim, and the crime, the victim and the case."""
    case, context = _case_page(request, case_id, SUMMARY)
    return render(request, "cases/case_detail.html", context | {
        "age": case.victim.age_on(timezone.localdate()),
        "reasons": [reason_label(r) for r in case.enhanced_rights_reasons],
        "response_grade": RESPONSE_GRADES.get(case.response_grade, case.response_grade),
        "last_outcome": outcome_text(case.crime.last_outcome),
        "commitment_rows": _commitment_rows(case, case_commitments(case), context["may_act"], timezone.now(),
                                            section_urls=dict(context["sections"])),
        "supervises": access.supervises(request.user, case),  # the access log link
    })


@login_required
def case_section(request, case_id, section):
    """One section of the case page: its panels, each reading only what it shows."""
    _case, context = _case_page(request, case_id, SECTIONS_BY_NAME[section], probes=True)
    return render(request, f"cases/section_{section}.html", context)


@login_required
def case_timeline(request, case_id):
    """Everything that happened on the case, newest first: the latest entries, or all of them when asked."""
    case, context = _case_page(request, case_id, TIMELINE)
    timeline, timeline_cut = _latest_timeline(case, everything=request.GET.get("timeline") == "all")
    return render(request, "cases/section_timeline.html", context | {
        "timeline": timeline, "timeline_cut": timeline_cut,
    })


@login_required
@require_http_methods(["GET", "POST"])
def record_decision(request, case_id):
    case = _actionable_case(request, case_id, what="record decision form")
    form = KeyDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            commitment = services.record_key_decision(case, form.key_decision, actor=request.user,
                                                      note=form.cleaned_data["note"],
                                                      tell_victim=form.cleaned_data["tell_victim"],
                                                      idempotency_key=form.idempotency_key)
        except services.CaseStateError:
            form.add_error(None, _("This case is closed, so no decision can be recorded."))
        else:
            due = date_format(timezone.localtime(commitment.due_at), "j F Y, H:i")
            messages.success(request, _("Decision recorded. Tell the victim by %(due)s.") % {"due": due})
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/record_decision.html", {"case": case, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def record_informed(request, case_id, commitment_id):
    case = _actionable_case(request, case_id, what="record victim informed form")
    form = VictimInformedForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid() and services.replayed_event(case, form.idempotency_key):
        return redirect("cases:detail", case_id=case.pk)  # the same page sent again: already recorded
    commitment = get_object_or_404(
        case.commitments.open().filter(kind=CommitmentKind.INFORM_DECISION), pk=commitment_id
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_victim_informed(commitment, actor=request.user, how=form.cleaned_data["how"],
                                            idempotency_key=form.idempotency_key)
        except (services.CaseStateError, CommitmentStateError):
            form.add_error(None, _("This commitment has already ended."))
        else:
            messages.success(request, _("Recorded that the victim was told."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/record_informed.html", {
        "case": case, "commitment": commitment, "form": form,
        "decision": decision_label(commitment.detail.get("decision")),
    })


@login_required
@require_http_methods(["GET", "POST"])
def close(request, case_id):
    """Close the case with its outcome, deciding for each commitment still open: waive it (with a
    reason) or record it as missed."""
    case = _actionable_case(request, case_id, what="close case form")
    if case.status != case.Status.OPEN:
        messages.info(request, _("This case is already closed."))
        return redirect("cases:detail", case_id=case.pk)
    commitments = list(case.commitments.open().select_related("owner_organisation", "owner_person")
                       .order_by("due_at", "id"))
    form = CloseCaseForm(request.POST if request.method == "POST" else None, commitments=commitments)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_case_with_outcome(case, form.cleaned_data["outcome"], actor=request.user,
                                             waive=form.waive, idempotency_key=form.idempotency_key)
        except (services.CaseStateError, CommitmentStateError):
            form.add_error(None, _("The case changed while you were closing it. Check it and try again."))
        else:
            messages.success(request, _("Case closed."))
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/close.html", {"case": case, "form": form, "now": timezone.now()})


@login_required
def access_log(request, case_id):
    """Who read or changed the case. Only a supervisor of the case's unit may see it; 404 for others."""
    supervised = access.visible_cases(request.user).filter(
        unit_id__in=organisations_with_role(request.user, Role.SUPERVISOR)
    )
    case = access.get_case_for_user(request.user, case_id, what="access log",
                                    queryset=supervised.select_related("crime", "victim"))
    if not access.supervises(request.user, case):
        raise Http404("No such case")
    page = Paginator(case.access_log.select_related("user"), ACCESS_LOG_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cases/access_log.html", {
        "case": case, "page": page, "page_links": page_links(page), "query": "",
        "entries": [(entry, _access_log_what(entry.what)) for entry in page.object_list],
    })
