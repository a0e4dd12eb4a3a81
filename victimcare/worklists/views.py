"""Worklists: an officer's own open cases in the order their commitments fall due, and a supervisor's
view of what is overdue or soon due across their units, with reassignment of a case.

Counts use the same definitions as the case page: a commitment is open when its status is open, and
an open commitment is overdue when its due time has passed (charter.models.CommitmentQuerySet).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from victimcare.accounts.roles import Role, organisations_with_role
from victimcare.cases import access, services
from victimcare.cases.models import Case
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind
from victimcare.frontend.pages import how_long, page_links, query_without_page
from victimcare.organisations.models import Organisation
from victimcare.worklists.forms import BY_DUE, DEFAULT_DAYS, ReassignForm, TeamFilterForm

# What the access log says for this app's reads and changes (translated on the access-log page).
ACCESS_LOG_WHAT = (gettext_noop("my cases"), gettext_noop("team worklist"), gettext_noop("reassign form"))

CASES_PER_PAGE = 25
COMMITMENTS_PER_PAGE = 50
UNASSIGNED_SHOWN = 25
OFFICERS_SHOWN = 20  # the team view's "By officer" table shows this many, most in need first, unless asked for all


def _of_case(queryset):
    return queryset.filter(case=OuterRef("pk"))


def _count(queryset):
    """The number of rows of `queryset` (a commitment queryset of the outer case), as a subquery."""
    counted = _of_case(queryset).order_by().values("case").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_commitment_counts(cases, now: datetime):
    """Cases annotated with open_count, overdue_count, and the next open commitment's due time and kind."""
    first_open = _of_case(Commitment.objects.open()).order_by("due_at", "id")
    return cases.annotate(
        open_count=_count(Commitment.objects.open()),
        overdue_count=_count(Commitment.objects.overdue(now)),
        next_due_at=Subquery(first_open.values("due_at")[:1]),
        next_kind=Subquery(first_open.values("kind")[:1]),
    )


def _kind_label(kind: str, language: str) -> str:
    try:
        return CommitmentKind(kind).label(language)
    except ValueError:
        return kind or ""


@dataclass
class MyCaseRow:
    case: Case
    next_what: str
    next_due_at: datetime | None
    late_by: str


@login_required
def my_cases(request):
    """The open cases the user is officer in charge of, the next commitment falling due first (so the
    overdue ones lead), then those with nothing owed."""
    now = timezone.now()
    language = get_language() or "en"
    cases = (
        with_commitment_counts(
            access.visible_cases(request.user).open().filter(officer=request.user).select_related("victim", "crime"),
            now,
        )
        .order_by(F("next_due_at").asc(nulls_last=True), "opened_at", "pk")
    )
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    access.log_cases_listed(page.object_list, request.user, what="my cases")
    rows = [
        MyCaseRow(
            case=case,
            next_what=_kind_label(case.next_kind, language) if case.next_kind else "",
            next_due_at=case.next_due_at,
            late_by=how_long(now - case.next_due_at) if case.next_due_at and case.next_due_at < now else "",
        )
        for case in page.object_list
    ]
    return render(request, "worklists/my_cases.html", {
        "page": page, "rows": rows, "page_links": page_links(page), "query": query_without_page(request),
        "overdue_total": sum(1 for row in rows if row.late_by),
    })


@dataclass
class OfficerCounts:
    officer_id: int | None
    name: str
    overdue: int
    due_soon: int


@dataclass
class TeamRow:
    """One commitment of the team view, with what its row shows worked out here: 50 rows of lookups through the
    commitment's case, victim and crime, and of date filters, were half the page's rendering."""
    commitment: Commitment
    what: str
    late_by: str
    officer: str  # empty when no officer is in charge
    reference: str
    victim: str
    due_iso: str
    due_day: str
    due_time: str

    @classmethod
    def of(cls, commitment: Commitment, language: str, now: datetime) -> "TeamRow":
        case = commitment.case
        due = timezone.localtime(commitment.due_at)
        return cls(commitment=commitment, what=_kind_label(commitment.kind, language),
                   late_by=how_long(now - commitment.due_at) if commitment.is_overdue(now) else "",
                   officer=str(case.officer) if case.officer_id else "", reference=case.crime.reference,
                   victim=case.victim.full_name, due_iso=due.isoformat(), due_day=date_format(due, "j F Y"),
                   due_time=time_format(due, "H:i"))


# What the team view shows of each row, and nothing more: read whole, the 75 rows' cases, victims, crimes and
# officers were a fifth of the page's time at a million cases.
_CASE_SHOWN = ("victim_id", "crime_id", "officer_id", "opened_at", "status", "victim__given_name",
               "victim__family_name", "crime__reference")
_UNASSIGNED_FIELDS = _CASE_SHOWN
_TEAM_ROW_FIELDS = ("case_id", "kind", "due_at", "status", *(f"case__{field}" for field in _CASE_SHOWN),
                    *(f"case__officer__{field}" for field in ("username", "display_name", "first_name", "last_name")))


def _supervised_units(user) -> list[Organisation]:
    units = organisations_with_role(user, Role.SUPERVISOR)
    if not units:
        raise PermissionDenied
    return list(Organisation.objects.filter(pk__in=units).order_by("name_en"))


def _in_order(ids, queryset) -> list:
    """The rows of `queryset` with these ids, in the order of the ids."""
    ids = list(ids)
    found = queryset.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def _need(row: OfficerCounts) -> tuple[int, int]:
    """Sorts the officers most overdue first, then most due soon."""
    return -row.overdue, -row.due_soon


def _most_in_need_first(rows: list[OfficerCounts], *, shown: int | None) -> list[OfficerCounts]:
    """The first `shown` of `rows` (all of them if None), most overdue first, then most due soon, then by name
    (the unassigned row too, named "Not assigned"), with their names. Names are read, in one query, only for
    the rows that can be shown: those before the cut, and any with the same counts as the last one shown, since
    among those the names decide which are shown."""
    rows = sorted(rows, key=_need)
    if shown is not None and len(rows) > shown:
        last = _need(rows[shown - 1])
        rows = [row for row in rows if _need(row) <= last]
    named = [row.officer_id for row in rows if row.officer_id is not None]
    names = {officer.pk: str(officer) for officer in get_user_model().objects.filter(pk__in=named)
             .only("pk", "username", "display_name", "first_name", "last_name")}
    for row in rows:
        row.name = names.get(row.officer_id, "") if row.officer_id is not None else _("Not assigned")
    rows.sort(key=lambda row: (*_need(row), row.name.lower()))
    return rows if shown is None else rows[:shown]


@login_required
def team(request):
    """For supervisors: every open commitment on their units' open cases that is overdue or falls due in
    the next few days, with how many each officer has (those most in need of attention first); and the open
    cases no officer is in charge of (the oldest first), so that they can be given to one."""
    units = _supervised_units(request.user)
    data = request.GET.copy()
    data.setdefault("days", str(DEFAULT_DAYS))
    form = TeamFilterForm(data, units=units)
    form.is_valid()
    now = timezone.now()
    horizon = now + timedelta(days=form.due_within_days)
    cases = access.visible_cases(request.user).open().filter(unit_id__in=form.chosen_units)
    # Filtered through the join, not `case__in=cases`: with the cases table named twice (the join for the officer,
    # the subquery) PostgreSQL read every case to match them. A supervisor sees every case of the units they
    # supervise, and the form offers only those, so this is the same set as `cases`.
    commitments = Commitment.objects.open().filter(case__unit_id__in=form.chosen_units, case__status=Case.Status.OPEN,
                                                   due_at__lt=horizon)
    overdue = Q(due_at__lt=now)
    counts = {
        row["case__officer"]: row
        for row in commitments.order_by().values("case__officer").annotate(
            overdue=Count("pk", filter=overdue), due_soon=Count("pk", filter=~overdue)
        )
    }
    every_officer = [OfficerCounts(pk, "", row["overdue"], row["due_soon"]) for pk, row in counts.items()]
    per_officer = _most_in_need_first(every_officer, shown=None if request.GET.get("officers") == "all"
                                      else OFFICERS_SHOWN)
    if form.sort_order == BY_DUE:
        ordered = commitments.order_by("due_at", "pk")
    else:
        ordered = commitments.order_by(
            F("case__officer__first_name").asc(nulls_last=True), F("case__officer__last_name").asc(nulls_last=True),
            "case__officer_id", "due_at", "pk",
        )
    # The page's ids are picked from narrow rows, then only those rows are read whole: sorting every listed
    # commitment with its case, victim and crime (thousands in a large force) was most of the page's time.
    paginator = Paginator(ordered.values_list("pk", flat=True), COMMITMENTS_PER_PAGE)
    paginator.count = sum(c.overdue + c.due_soon for c in every_officer)  # every listed commitment, counted above
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = _in_order(page.object_list, Commitment.objects.select_related(
        "case", "case__victim", "case__crime", "case__officer").only(*_TEAM_ROW_FIELDS))
    unassigned = list(cases.filter(officer__isnull=True).select_related("victim", "crime")
                      .only(*_UNASSIGNED_FIELDS).order_by("opened_at", "pk")[:UNASSIGNED_SHOWN + 1])
    shown_cases = {c.case_id: c.case for c in page.object_list}
    shown_cases.update((case.pk, case) for case in unassigned[:UNASSIGNED_SHOWN])
    access.log_cases_listed(shown_cases.values(), request.user, what="team worklist")
    language = get_language() or "en"
    rows = [TeamRow.of(commitment, language, now) for commitment in page.object_list]
    return render(request, "worklists/team.html", {
        "form": form, "units": units, "page": page, "rows": rows, "per_officer": per_officer,
        "unassigned": unassigned[:UNASSIGNED_SHOWN], "more_unassigned": len(unassigned) > UNASSIGNED_SHOWN,
        "page_links": page_links(page), "query": query_without_page(request),
        "days": form.due_within_days, "by_officer": form.sort_order != BY_DUE,
        "officers_total": len(every_officer), "officers_cut": len(per_officer) < len(every_officer),
        "overdue_total": sum(c.overdue for c in every_officer),
        "due_soon_total": sum(c.due_soon for c in every_officer),
        "ignored": [_("%(field)s filter ignored: %(error)s.") % {"field": label, "error": error}
                    for label, error in form.ignored()],
    })


@login_required
@require_http_methods(["GET", "POST"])
def reassign(request, case_id):
    """Only a supervisor of the case's unit may give it to another officer of that unit. Anyone who
    cannot see the case gets 404; those who can see it but may not reassign it, 403."""
    case = access.get_case_for_user(
        request.user, case_id, what="reassign form",
        queryset=access.visible_cases(request.user).select_related("victim", "crime", "unit", "officer"),
    )
    if not access.supervises(request.user, case):
        raise PermissionDenied
    is_open = case.status == Case.Status.OPEN
    form = ReassignForm(request.POST if request.method == "POST" and is_open else None, case=case)
    if request.method == "POST" and is_open and form.is_valid():
        officer = form.chosen_officer
        try:
            services.assign_officer(case, officer, actor=request.user, idempotency_key=form.idempotency_key)
        except services.CaseStateError:
            form.add_error(None, _("This case is closed, so it cannot be reassigned."))
        else:
            messages.success(request, _("%(reference)s is now with %(officer)s.") % {
                "reference": case.crime.reference, "officer": officer})
            return redirect("worklists:team")
    return render(request, "worklists/reassign.html", {"case": case, "form": form, "is_open": is_open})
