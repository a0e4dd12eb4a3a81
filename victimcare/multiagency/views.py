"""Pages for multi-agency case management. Meetings, agenda items and actions are only loaded through
multiagency.access; cases through cases.access; every change goes through multiagency.services."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext_lazy
from django.views.decorators.http import require_http_methods

from victimcare.accounts.roles import Role, organisations_with_role
from victimcare.cases import access as case_access
from victimcare.cases.models import CaseAccessLog
from victimcare.cases.services import CaseStateError
from victimcare.cases.timeline import outcome_text, reason_label
from victimcare.charter.services import CommitmentStateError
from victimcare.crimes.places import street_level
from victimcare.firstcontact.choices import RiskLevel
from victimcare.multiagency import access, services
from victimcare.multiagency.forms import (
    ActionForm,
    AgendaForm,
    CancelActionForm,
    CompleteActionForm,
    FlagForm,
    MeetingForm,
    WithdrawForm,
)
from victimcare.multiagency.models import Action, AgendaItem, MultiAgencyReferral
from victimcare.organisations.models import Organisation
from victimcare.sharing.models import ConsentRecord, Decision, Disclosure, Purpose, SharedItem
from victimcare.sharing.services import SharingError

# What the access log records, in English; shown through gettext so the log reads in Welsh too.
ACCESS_LOG_WHAT = (
    gettext_noop("multi-agency meeting"), gettext_noop("flagged cases awaiting a meeting"),
    gettext_noop("add to agenda form"), gettext_noop("multi-agency action form"), gettext_noop("flag case form"),
    gettext_noop("withdraw flag form"), gettext_noop("flagged the case for a multi-agency meeting"),
    gettext_noop("withdrew the multi-agency flag"), gettext_noop("added the case to a multi-agency meeting's agenda"),
    gettext_noop("recorded a multi-agency action"), gettext_noop("completed a multi-agency action"),
    gettext_noop("cancelled a multi-agency action"),
)

_CASE_RELATED = ("referral__case__crime__ward", "referral__case__victim", "referral__case__unit",
                 "referral__case__firstcontact_assessment")
_ACTION_TAG = {Action.Status.OPEN: "govuk-tag--blue", Action.Status.DONE: "govuk-tag--green",
               Action.Status.CANCELLED: "govuk-tag--grey"}
# How a disclosure made for the meeting stands, for each agency: (label, tag class).
_DISCLOSURE_STATE = {
    Disclosure.Status.IN_FORCE: (pgettext_lazy("multi-agency sharing", "In force"), "govuk-tag--green"),
    Disclosure.Status.AWAITING_APPROVAL: (pgettext_lazy("multi-agency sharing", "Awaiting a supervisor's approval"),
                                          "govuk-tag--yellow"),
    Disclosure.Status.REFUSED: (pgettext_lazy("multi-agency sharing", "Refused by the supervisor"), "govuk-tag--red"),
    Disclosure.Status.ENDED: (pgettext_lazy("multi-agency sharing", "Ended"), "govuk-tag--grey"),
}


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def _day(day) -> str:
    return date_format(day, "j F Y")


# --- Meetings --------------------------------------------------------------------------------------
@login_required
def meetings(request):
    access.require_user(request.user)
    now = timezone.now()
    visible = (access.visible_meetings(request.user).select_related("local_authority", "chair")
               .annotate(cases=Count("agenda", distinct=True))
               .prefetch_related(Prefetch("attending", queryset=Organisation.objects.order_by("name_en"))))
    police = access.is_police(request.user)
    return render(request, "multiagency/meetings.html", {
        "upcoming": list(visible.upcoming(now)), "past": list(visible.past(now)), "police": police,
        "awaiting": access.managed_referrals(request.user).awaiting_meeting().count() if police else 0,
    })


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request):
    access.require_user(request.user)
    access.require_police(request.user)
    force = Organisation.objects.get(pk=min(access.police_forces(request.user)))
    units = Organisation.objects.filter(pk__in=access.force_units(request.user)).order_by("name_en")
    agencies = Organisation.objects.filter(kind__in=(
        Organisation.Kind.PARTNER_AGENCY, Organisation.Kind.VICTIM_SERVICE, Organisation.Kind.NEIGHBOURHOOD_TEAM,
    )).order_by("name_en")
    agencies = list(agencies)
    form = MeetingForm(request.POST if request.method == "POST" else None, chairs=list(units) + agencies,
                       agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = services.create_meeting(
            force=force, held_at=data["held_at"], title=data["title"], chair=form.chosen_chair,
            attending=form.chosen_agencies, actor=request.user,
            local_authority=_local_authority(data["local_authority"]), submission_key=form.idempotency_key,
        )
        messages.success(request, _("Meeting created. Add the flagged cases to its agenda."))
        return redirect("multiagency:meeting", meeting_id=meeting.pk)
    return render(request, "multiagency/meeting_create.html", {"form": form})


def _local_authority(code):
    from victimcare.areas.models import LocalAuthority

    return LocalAuthority.objects.filter(pk=code).first() if code else None


@dataclass
class Shown:
    label: str
    value: str


@dataclass
class AgencyShare:
    agency: Organisation
    status: str
    status_label: str
    tag: str


@dataclass
class AgendaRow:
    item: AgendaItem
    case: object
    reasons: list[str]
    shown: list[Shown] = field(default_factory=list)
    shares: list[AgencyShare] = field(default_factory=list)
    actions: list = field(default_factory=list)
    nothing_shared: bool = False


def _assessment(case):
    try:
        return case.firstcontact_assessment
    except AttributeError:  # the reverse one-to-one's DoesNotExist is an AttributeError too
        return None


def _shown(case, items: set[str]) -> list[Shown]:
    """What of the case may be shown, item by item, in SharedItem order: never more than `items`."""
    crime, victim = case.crime, case.victim
    rows = []
    for item in SharedItem:
        if item not in items:
            continue
        if item == SharedItem.INCIDENT_SUMMARY:
            place = street_level(crime.location_description)  # never the victim's address
            where = ", ".join(part for part in (place, crime.ward.name if crime.ward else "") if part)
            what = crime.offence_name or crime.category_name
            when = _when(crime.occurred_at) if crime.occurred_at else ""
            rows.append(Shown(_("What happened"), " \N{EN DASH} ".join(part for part in (what, when, where) if part)))
        elif item == SharedItem.VICTIM_NAME:
            born = _day(victim.date_of_birth) if victim.date_of_birth else _("date of birth not known")
            rows.append(Shown(_("Victim"), f"{victim.full_name} ({born})"))
        elif item == SharedItem.VICTIM_CONTACT:
            contact = "; ".join(part for part in (victim.phone, victim.email, victim.address, victim.postcode) if part)
            rows.append(Shown(_("Contact details"), contact or _("None recorded")))
        elif item == SharedItem.RISK_ASSESSMENT:
            assessment = _assessment(case)
            if assessment is None:
                rows.append(Shown(_("Risk"), _("No assessment recorded")))
            else:
                risk = str(RiskLevel(assessment.risk_level).label) if assessment.risk_level in RiskLevel.values else ""
                if assessment.dash_asked and assessment.dash_score is not None:
                    risk = _("%(risk)s; DASH score %(score)s") % {"risk": risk, "score": assessment.dash_score}
                if assessment.is_repeat_victim:
                    risk = _("%(risk)s; repeat victim") % {"risk": risk}
                rows.append(Shown(_("Risk"), risk))
        elif item == SharedItem.NEEDS:
            needs = [reason_label(r) for r in case.enhanced_rights_reasons]
            if victim.needs_interpreter:
                needs.append(_("needs an interpreter"))
            if victim.communication_needs:
                needs.append(victim.communication_needs)
            rows.append(Shown(_("Needs"), "; ".join(needs) or _("None recorded")))
        elif item == SharedItem.CASE_PROGRESS:
            progress = str(case.get_status_display())
            if crime.last_outcome:
                progress = f"{progress}; {outcome_text(crime.last_outcome)}"
            rows.append(Shown(_("Progress of the investigation"), progress))
    return rows


def _share(agency, disclosures) -> AgencyShare:
    mine = [d for d in disclosures if d.organisation_id == agency.pk]
    if not mine:
        return AgencyShare(agency, "", _("Nothing shared"), "govuk-tag--grey")
    latest = mine[0]
    label, tag = _DISCLOSURE_STATE.get(latest.status, (latest.get_status_display(), ""))
    return AgencyShare(agency, latest.status, str(label), tag)


def _tag(action) -> str:
    return _ACTION_TAG.get(action.status, "")


@login_required
def meeting(request, meeting_id):
    """The agenda. The police see all of it; an agency's user sees, for each case, only what disclosures in
    force give their organisation, and only their own organisation's actions."""
    found = access.get_meeting_for_user(request.user, meeting_id)
    police = access.is_police(request.user)
    mine = access.agencies(request.user)
    attending = list(found.attending.order_by("name_en"))
    agenda = list(
        found.agenda.select_related(*_CASE_RELATED)
        .prefetch_related(Prefetch("disclosures", queryset=Disclosure.objects.order_by("-requested_at", "-id")),
                          Prefetch("actions", queryset=Action.objects.select_related("owner", "commitment")))
    )
    now = timezone.now()
    rows = []
    if police:
        for item in agenda:
            case = item.referral.case
            rows.append(AgendaRow(
                item=item, case=case, reasons=item.referral.reason_labels(),
                shown=_shown(case, set(SharedItem.values)),
                shares=[_share(agency, list(item.disclosures.all())) for agency in attending],
                actions=[(a, _tag(a), a.commitment.is_overdue(now)) for a in item.actions.all()],
            ))
        case_access.log_cases_listed([row.case for row in rows], request.user, what="multi-agency meeting")
    else:
        shared = access.items_shared_by_case([item.referral.case_id for item in agenda], mine)
        for item in agenda:
            case = item.referral.case
            shown = _shown(case, shared[case.pk])
            rows.append(AgendaRow(
                item=item, case=None, reasons=[], shown=shown, nothing_shared=not shown,
                shares=[_share(agency, list(item.disclosures.all())) for agency in attending if agency.pk in mine],
                actions=[(a, _tag(a), a.commitment.is_overdue(now)) for a in item.actions.all() if a.owner_id in mine],
            ))
        case_access.log_cases_listed([item.referral.case for item, row in zip(agenda, rows, strict=True)
                                      if row.shown], request.user, what="multi-agency meeting")
    my_units = organisations_with_role(request.user, Role.OFFICER, Role.SUPERVISOR)
    return render(request, "multiagency/meeting.html", {
        "meeting": found, "attending": attending, "rows": rows, "police": police, "my_units": my_units,
        "is_past": found.held_at < now,
    })


def _consented_victims(victim_ids) -> set[int]:
    """Victims whose latest choice about discussion at a multi-agency meeting is consent given."""
    latest: dict[int, str] = {}
    for victim_id, decision in ConsentRecord.objects.filter(
            victim_id__in=victim_ids, purpose=Purpose.MULTI_AGENCY_MEETING, organisation__isnull=True,
            organisation_kind="").order_by("victim_id", "-at", "-id").values_list("victim_id", "decision"):
        latest.setdefault(victim_id, decision)
    return {victim_id for victim_id, decision in latest.items() if decision == Decision.GIVEN}


@login_required
@require_http_methods(["GET", "POST"])
def agenda_add(request, meeting_id):
    found = access.get_meeting_for_user(request.user, meeting_id)
    access.require_police(request.user)
    referrals = list(access.managed_referrals(request.user).awaiting_meeting()
                     .select_related("case__crime", "case__victim").order_by("flagged_at", "id"))
    agencies = list(found.attending.order_by("name_en"))
    form = AgendaForm(request.POST if request.method == "POST" else None, referrals=referrals, agencies=agencies,
                      consented_victims=_consented_victims({r.case.victim_id for r in referrals}))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_to_agenda(found, form.chosen_referral, actor=request.user, basis=form.cleaned_data["basis"],
                                   items_by_agency=form.items_by_agency,
                                   justification=form.cleaned_data["justification"],
                                   idempotency_key=form.idempotency_key)
        except (services.MultiAgencyError, SharingError, CaseStateError) as error:
            form.add_error(None, _("The case could not be added: %(error)s") % {"error": _(str(error))})
        else:
            messages.success(request, _("Case added to the agenda."))
            return redirect("multiagency:meeting", meeting_id=found.pk)
    case_access.log_cases_listed([r.case for r in referrals], request.user, what="add to agenda form")
    return render(request, "multiagency/agenda_add.html", {"meeting": found, "form": form, "referrals": referrals})


@login_required
def flagged(request):
    """Flagged cases of the user's force still awaiting a meeting, oldest first."""
    access.require_user(request.user)
    access.require_police(request.user)
    referrals = list(access.managed_referrals(request.user).awaiting_meeting()
                     .select_related("case__crime", "case__victim", "case__unit", "flagged_by")
                     .order_by("flagged_at", "id"))
    case_access.log_cases_listed([r.case for r in referrals], request.user, what="flagged cases awaiting a meeting")
    my_units = organisations_with_role(request.user, Role.OFFICER, Role.SUPERVISOR)
    return render(request, "multiagency/flagged.html", {"referrals": referrals, "my_units": my_units})


# --- Actions ---------------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def action_add(request, item_id):
    item = access.get_agenda_item_for_police(request.user, item_id)
    access.require_police(request.user)
    case = item.referral.case
    form = ActionForm(request.POST if request.method == "POST" else None,
                      owners=services.action_owners(item.meeting))
    if request.method == "POST" and form.is_valid():
        try:
            action = services.agree_action(item, owner=form.chosen_owner, description=form.cleaned_data["description"],
                                           due_on=form.cleaned_data["due_on"], actor=request.user,
                                           idempotency_key=form.idempotency_key)
        except (services.MultiAgencyError, CaseStateError) as error:
            form.add_error(None, _("The action could not be recorded: %(error)s") % {"error": _(str(error))})
        else:
            messages.success(request, _("Action recorded: %(owner)s owes it by the end of %(due)s.") % {
                "owner": action.owner.name, "due": _day(action.due_on)})
            return redirect("multiagency:meeting", meeting_id=item.meeting_id)
    case_access.log_case_access(case, request.user, CaseAccessLog.Action.VIEWED, what="multi-agency action form")
    return render(request, "multiagency/action_add.html", {"item": item, "case": case, "form": form})


def _end_action_page(request, action, form, end, *, template: str, failed: str, succeeded: str):
    """The page that marks an action done or cancels it: `end(action, form)` does it."""
    meeting_page = redirect("multiagency:meeting", meeting_id=action.agenda_item.meeting_id)
    if action.status != Action.Status.OPEN:
        messages.info(request, _("This action has already ended."))
        return meeting_page
    if request.method == "POST" and form.is_valid():
        try:
            end(action, form)
        except (services.MultiAgencyError, CaseStateError, CommitmentStateError):
            form.add_error(None, failed)
        else:
            messages.success(request, succeeded)
            return meeting_page
    return render(request, template, {"action": action, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def action_done(request, action_id):
    """The owning organisation's users (and the police) mark the action done."""
    action = access.get_action_for_user(request.user, action_id, to_complete=True)
    return _end_action_page(
        request, action, CompleteActionForm(request.POST if request.method == "POST" else None),
        lambda action, form: services.complete_action(action, actor=request.user,
                                                      idempotency_key=form.idempotency_key),
        template="multiagency/action_done.html", failed=_("This action can no longer be marked as done."),
        succeeded=_("Action marked as done."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_cancel(request, action_id):
    """The police cancel an action no longer needed, saying why."""
    action = access.get_action_for_user(request.user, action_id, to_complete=False)
    return _end_action_page(
        request, action, CancelActionForm(request.POST if request.method == "POST" else None),
        lambda action, form: services.cancel_action(action, actor=request.user, reason=form.cleaned_data["reason"],
                                                    idempotency_key=form.idempotency_key),
        template="multiagency/action_cancel.html", failed=_("This action can no longer be cancelled."),
        succeeded=_("Action cancelled."),
    )


# --- Flagging from the case page ------------------------------------------------------------------
def _actionable_case(request, case_id, what: str):
    case = case_access.get_case_for_user(request.user, case_id, what=what, queryset=case_access.visible_cases(
        request.user).select_related("crime", "victim", "unit"))
    if not case_access.may_change_case(request.user, case):
        raise PermissionDenied
    return case


@login_required
@require_http_methods(["GET", "POST"])
def flag(request, case_id):
    case = _actionable_case(request, case_id, "flag case form")
    active = MultiAgencyReferral.objects.active().filter(case=case).first()
    form = FlagForm(request.POST if request.method == "POST" and active is None else None)
    if form.is_bound and form.is_valid():
        try:
            services.flag_by_judgement(case, actor=request.user, note=form.cleaned_data["note"],
                                       idempotency_key=form.idempotency_key)
        except (services.MultiAgencyError, CaseStateError) as error:
            form.add_error(None, _("The case could not be flagged: %(error)s") % {"error": _(str(error))})
        else:
            messages.success(request, _("Case flagged for a multi-agency meeting."))
            return redirect("cases:support", case_id=case.pk)
    return render(request, "multiagency/flag.html", {"case": case, "form": form, "active": active})


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, case_id):
    case = _actionable_case(request, case_id, "withdraw flag form")
    referral = get_object_or_404(MultiAgencyReferral.objects.awaiting_meeting(), case=case)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_referral(referral, actor=request.user, reason=form.cleaned_data["reason"],
                                       idempotency_key=form.idempotency_key)
        except services.MultiAgencyError as error:
            form.add_error(None, _("The flag could not be withdrawn: %(error)s") % {"error": _(str(error))})
        else:
            messages.success(request, _("Flag withdrawn."))
            return redirect("cases:support", case_id=case.pk)
    return render(request, "multiagency/withdraw.html", {"case": case, "referral": referral, "form": form})
