"""The neighbourhood team's incident feed and notices, partner agencies' subscriptions to feeds, and the
administrators' configuration of which team covers which ward.

A notice shows the incident in summary (reference, what, when, street-level place, ward): never the
victim's name, contact details, age or anything else about them. A notice is loaded only through
access.get_notice_for_user: 404 to anyone not on the team or following its feed."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from victimcare.accounts.roles import Role, organisations_with_role
from victimcare.areas.loading import CURRENT_WARD_BOUNDARY_YEAR
from victimcare.areas.models import LocalAuthority, Ward
from victimcare.cases.access import log_cases_listed
from victimcare.crimes.places import street_level
from victimcare.frontend.pages import page_links, query_without_page
from victimcare.neighbourhood import access, services
from victimcare.neighbourhood.forms import (
    AcknowledgeForm,
    DefaultTeamsForm,
    LocalActionForm,
    SubscribeForm,
    TeamWardsForm,
)
from victimcare.neighbourhood.models import DefaultTeam, FeedSubscription, TeamWard
from victimcare.organisations.models import Organisation

# The administrators' navigation link to the team configuration (in base.html), marked for this catalogue.
NAVIGATION_LABEL = gettext_noop("Neighbourhood teams")
# What the unrouted list writes in the case access log, marked for this catalogue.
ACCESS_LOG_WHAT = (gettext_noop("incidents that reached no neighbourhood team"),)
PAGE_SIZE = 25
STATUS_FILTERS = ("waiting", "acknowledged")

def teams():
    return Organisation.objects.filter(kind=Organisation.Kind.NEIGHBOURHOOD_TEAM).order_by("name_en")


@login_required
def feed(request):
    user = request.user
    if not access.may_use_feed(user):
        raise PermissionDenied
    visible = access.visible_notices(user)
    notices = visible.select_related("crime", "team", "ward", "local_authority", "commitment")
    status = request.GET.get("status", "")
    if status == "waiting":
        notices = notices.unacknowledged()
    elif status == "acknowledged":
        notices = notices.acknowledged()
    wards = list(Ward.objects.filter(pk__in=visible.values("ward_id")).order_by("name_en"))
    ward = request.GET.get("ward", "")
    if ward:
        notices = notices.filter(ward_id=ward)
    page = Paginator(notices.order_by("-received_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [{"notice": notice, **notice.acknowledgement(now)} for notice in page]
    member_of = list(Organisation.objects.filter(pk__in=access.team_ids(user)).order_by("name_en"))
    following = list(FeedSubscription.objects.active().filter(organisation_id__in=access.partner_ids(user))
                     .select_related("team").order_by("team__name_en"))
    return render(request, "neighbourhood/feed.html", {
        "rows": rows, "page": page, "page_links": page_links(page), "query": query_without_page(request),
        "status": status if status in STATUS_FILTERS else "", "wards": wards, "ward": ward,
        "member_of": member_of, "following": following, "is_member": bool(member_of),
    })


def _shared_case_url(user, notice) -> str:
    """The partner's page of what was shared of this case, if a disclosure to their agency is in force."""
    partners = access.partner_ids(user)
    if not partners:
        return ""
    try:
        from victimcare.sharing.access import shared_case_ids
    except ImportError:
        return ""
    if notice.case_id not in shared_case_ids(partners):
        return ""
    try:
        return reverse("sharing:shared-case", kwargs={"case_id": notice.case_id})
    except NoReverseMatch:
        return ""


def _render_notice(request, notice, *, action_form=None, status=200):
    member = access.is_team_member(request.user, notice)
    return render(request, "neighbourhood/notice.html", {
        "notice": notice,
        "crime": notice.crime,
        "place": street_level(notice.crime.location_description),
        "member": member,
        "local_actions": list(notice.local_actions.select_related("noted_by")) if member else [],
        "acknowledge_form": AcknowledgeForm() if member and not notice.acknowledged_at else None,
        "action_form": action_form or (LocalActionForm() if member else None),
        "shared_case_url": "" if member else _shared_case_url(request.user, notice),
        **notice.acknowledgement(),
    }, status=status)


@login_required
def notice(request, notice_id):
    return _render_notice(request, access.get_notice_for_user(request.user, notice_id))


def _notice_to_change(request, notice_id):
    notice = access.get_notice_for_user(request.user, notice_id)
    if not access.is_team_member(request.user, notice):
        raise PermissionDenied
    return notice


@login_required
@require_POST
def acknowledge(request, notice_id):
    notice = _notice_to_change(request, notice_id)
    form = AcknowledgeForm(request.POST)
    form.is_valid()
    try:
        services.acknowledge_notice(notice, actor=request.user, idempotency_key=form.idempotency_key)
    except services.NeighbourhoodStateError:
        messages.info(request, _("This incident was already acknowledged."))
    else:
        messages.success(request, _("Incident acknowledged."))
    return redirect("neighbourhood:notice", notice_id=notice.pk)


@login_required
@require_POST
def local_action(request, notice_id):
    notice = _notice_to_change(request, notice_id)
    form = LocalActionForm(request.POST)
    if not form.is_valid():
        return _render_notice(request, notice, action_form=form)
    services.note_local_action(notice, form.cleaned_data["text"], actor=request.user,
                               idempotency_key=form.idempotency_key)
    messages.success(request, _("Local action noted."))
    return redirect("neighbourhood:notice", notice_id=notice.pk)


# --- Incidents that reached no team ----------------------------------------------------------------

@login_required
def unrouted(request):
    """Open cases whose incident reached no neighbourhood team (no team covers the place and no default
    team covers its area or the area of the case's unit). Supervisors see their units' and may open the
    case; team members see their force's, as a summary, to pick up what is theirs."""
    scope = access.unrouted_scope(request.user)
    if scope is None:
        raise PermissionDenied
    supervised = organisations_with_role(request.user, Role.SUPERVISOR)
    cases = list(services.unrouted_cases(scope).select_related("crime", "unit").order_by("-opened_at", "-id")[:200])
    log_cases_listed(cases, request.user, what="incidents that reached no neighbourhood team")
    rows = [{"case": case, "crime": case.crime, "place": street_level(case.crime.location_description),
             "may_open": case.unit_id in supervised} for case in cases]
    return render(request, "neighbourhood/unrouted.html", {"rows": rows})


# --- Partner agencies' subscriptions ---------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def subscriptions(request):
    partners = access.partner_ids(request.user)
    if not partners:
        raise PermissionDenied
    agency = Organisation.objects.filter(pk__in=partners).order_by("name_en", "id").first()
    current = list(FeedSubscription.objects.filter(organisation_id__in=partners, ended_at__isnull=True)
                   .select_related("team", "started_by").order_by("team__name_en"))
    followed = {subscription.team_id for subscription in current}
    form = SubscribeForm(teams=[team for team in teams() if team.pk not in followed])
    if request.method == "POST":
        if request.POST.get("action") == "end":
            subscription = next((s for s in current if str(s.pk) == request.POST.get("subscription")), None)
            if subscription is None:
                raise Http404("No such subscription")
            services.end_subscription(subscription, actor=request.user)
            messages.success(request, _("%(agency)s no longer follows %(team)s.") % {
                "agency": subscription.organisation.name, "team": subscription.team.name})
            return redirect("neighbourhood:subscriptions")
        form = SubscribeForm(request.POST, teams=form.teams.values())
        if form.is_valid():
            services.subscribe(form.chosen_team, agency, actor=request.user)
            messages.success(request, _("%(agency)s now follows %(team)s.") % {
                "agency": agency.name, "team": form.chosen_team.name})
            return redirect("neighbourhood:subscriptions")
    ended = list(FeedSubscription.objects.filter(organisation_id__in=partners, ended_at__isnull=False)
                 .select_related("team").order_by("-ended_at")[:20])
    return render(request, "neighbourhood/subscriptions.html", {
        "agency": agency, "current": current, "ended": ended, "form": form})


# --- Administrators: which team covers which ward --------------------------------------------------

def _administrator(request):
    if not access.may_configure(request.user):
        raise PermissionDenied


@login_required
def team_list(request):
    _administrator(request)
    all_teams = list(teams().select_related("local_authority").prefetch_related(
        Prefetch("team_wards", queryset=TeamWard.objects.select_related("ward").order_by("ward__name_en")),
        Prefetch("default_for", queryset=DefaultTeam.objects.select_related("local_authority")),
    ))
    return render(request, "neighbourhood/team_list.html", {"teams": all_teams})


@login_required
@require_http_methods(["GET", "POST"])
def team_wards(request, team_id):
    _administrator(request)
    team = get_object_or_404(Organisation, pk=team_id, kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)
    wards = Ward.objects.filter(boundary_year=CURRENT_WARD_BOUNDARY_YEAR).select_related("local_authority")
    if team.local_authority_id:
        wards = wards.filter(local_authority_id=team.local_authority_id)
    wards = list(wards.order_by("local_authority__name_en", "name_en"))
    holders = {held.ward_id: held.team for held in TeamWard.objects.filter(ward__in=wards).select_related("team")}
    if request.method == "POST":
        form = TeamWardsForm(request.POST, wards=wards)
        if form.is_valid():
            services.set_team_wards(team, form.chosen_wards, actor=request.user)
            messages.success(request, _("Wards saved for %(team)s.") % {"team": team.name})
            return redirect("neighbourhood:teams")
    else:
        form = TeamWardsForm(wards=wards, initial={"wards": [c for c, t in holders.items() if t.pk == team.pk]})
    chosen = set(form["wards"].value() or [])
    rows = [{"ward": ward, "checked": ward.pk in chosen,
             "held_by": holders[ward.pk] if ward.pk in holders and holders[ward.pk].pk != team.pk else None}
            for ward in wards]
    return render(request, "neighbourhood/team_wards.html", {"team": team, "form": form, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def default_teams(request):
    _administrator(request)
    authorities = list(LocalAuthority.objects.order_by("name_en"))
    all_teams = list(teams())
    current = {default.local_authority_id: str(default.team_id) for default in DefaultTeam.objects.all()}
    form = DefaultTeamsForm(request.POST or None, local_authorities=authorities, teams=all_teams, initial=current)
    if request.method == "POST" and form.is_valid():
        for authority, team in form.chosen():
            services.set_default_team(authority, team, actor=request.user)
        messages.success(request, _("Default teams saved."))
        return redirect("neighbourhood:teams")
    return render(request, "neighbourhood/default_teams.html", {"form": form})
