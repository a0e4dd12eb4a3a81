"""The victim portal's pages, and the two staff actions answering it (a reply, an acknowledgement).

A portal page is only ever about the case the victim signed in to (request.session["portal_case_id"]),
so its URL names no case. The portal session is apart from staff sign-in and ends after a short idle time.
Every page and change is logged on the case with no user and channel "portal"."""

import datetime as dt
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from victimcare.cases import access as case_access
from victimcare.cases.models import Case, CaseAccessLog, TimelineEvent
from victimcare.cases.page_reads import may_have_rows, open_commitments, probe_rows
from victimcare.cases.services import CaseStateError
from victimcare.charter.rules import CommitmentKind
from victimcare.contact.services import ContactStateError, current_agreement
from victimcare.portal import forms, services
from victimcare.portal.story import story
from victimcare.satisfaction.models import STAGES
from victimcare.sharing.models import ConsentRecord, Decision, Purpose
from victimcare.sharing.services import ConsentError

CASE_KEY, SEEN_KEY, PENDING_KEY = "portal_case_id", "portal_seen_at", "portal_code_id"
LANGUAGE_CHOSEN_KEY = "portal_language_chosen"  # the victim used the language switch since signing in or out
ACCESS_LOG_WHAT = (gettext_noop("portal home"), gettext_noop("portal updates form"),
                   gettext_noop("portal message form"),
                   gettext_noop("portal complaint form"), gettext_noop("portal consents"),
                   gettext_noop("portal survey"), gettext_noop("portal support"), gettext_noop("portal about you"))
ERRORS = (services.PortalError, CaseStateError, ContactStateError, ConsentError, ValueError)


def _ip(request) -> str | None:
    """The address the per-address lockout counts: resolved as django-axes resolves it for staff sign-in
    (REMOTE_ADDR unless settings.AXES_CLIENT_IP_CALLABLE says otherwise; see the README behind a proxy)."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


def _sign_out(request) -> None:
    for key in (CASE_KEY, SEEN_KEY, PENDING_KEY, LANGUAGE_CHOSEN_KEY, "portal_code_channel"):
        request.session.pop(key, None)


def signed_in_case(request) -> Case | None:
    """The case the victim is signed in to, if the portal session is still alive (it is kept alive)."""
    case_id, seen = request.session.get(CASE_KEY), request.session.get(SEEN_KEY)
    now = timezone.now()
    if case_id is None or seen is None or now.timestamp() - seen > services.idle_expiry().total_seconds():
        if case_id is not None:
            _sign_out(request)
            messages.info(request, _("You were signed out because you were inactive for %(minutes)s minutes. "
                                     "Sign in again to see your case.")
                          % {"minutes": round(services.idle_expiry().total_seconds() / 60)})
        return None
    case = Case.objects.select_related("victim", "crime", "officer", "unit").filter(pk=case_id).first()
    if case is None:
        _sign_out(request)
        return None
    request.session[SEEN_KEY] = now.timestamp()
    return case


def portal_page(what: str):
    """The view gets the signed-in case (else: to the sign-in page); the read is logged; never cached, so
    the back button does not bring a page back after the victim leaves."""
    def decorate(view):
        @wraps(view)
        @never_cache
        def wrapped(request, *args, **kwargs):
            case = signed_in_case(request)
            if case is None:
                return redirect("portal:start")
            if request.method == "GET":
                case_access.log_case_access(case, None, CaseAccessLog.Action.VIEWED, what=what,
                                            channel=CaseAccessLog.Channel.PORTAL)
            return view(request, case, *args, **kwargs)
        return wrapped
    return decorate


def _failed(form, error) -> None:
    form.add_error(None, _("This could not be saved: %(error)s") % {"error": _(str(error))})


def _locked_message(until: dt.datetime) -> str:
    local = timezone.localtime(until)
    if local.date() == timezone.localdate():
        return _("You have tried too many times. For your safety, try again after %(time)s.") % {
            "time": time_format(local, "H:i")}
    return _("You have tried too many times. For your safety, try again after %(time)s on %(day)s.") % {
        "time": time_format(local, "H:i"), "day": local.strftime("%d/%m/%Y")}


# --- Signing in --------------------------------------------------------------------------------------
@never_cache
@require_http_methods(["GET", "POST"])
def start(request):
    if signed_in_case(request) is not None:
        return redirect("portal:home")
    form = forms.DetailsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            code = services.request_code(reference=data["reference"], surname=data["surname"],
                                         date_of_birth=data["date_of_birth"], ip=_ip(request))
        except services.SignInLocked as locked:
            form.add_error(None, _locked_message(locked.until))
        else:
            # The same next page whether a code went or not (a decoy): nothing says the details matched.
            request.session[PENDING_KEY] = code.pk
            return redirect("portal:code")
    return render(request, "portal/start.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def code(request):
    code_id = request.session.get(PENDING_KEY)
    if code_id is None:
        return redirect("portal:start")
    form = forms.CodeForm(request.POST if request.method == "POST" else None)
    dead = False
    if request.method == "POST" and form.is_valid():
        try:
            case = services.verify_code(code_id=code_id, code=form.cleaned_data["code"], ip=_ip(request))
        except services.SignInLocked as locked:
            form.add_error("code", _locked_message(locked.until))
        except services.CodeRejected as rejected:
            if rejected.reason == "wrong":
                form.add_error("code", _("The security code is not right. Check it and try again."))
            else:
                dead = True
                form.add_error("code", _("This security code no longer works. Ask for a new code."))
        else:
            request.session.cycle_key()
            request.session.pop(PENDING_KEY, None)
            chose_language = request.session.pop(LANGUAGE_CHOSEN_KEY, False)
            request.session[CASE_KEY] = case.pk
            request.session[SEEN_KEY] = timezone.now().timestamp()
            response = redirect("portal:home")
            language = None if chose_language else services.portal_language(case)
            if language is not None:  # the language on record, unless they picked one on the sign-in pages
                _set_language_cookie(response, language)
            return response
    return render(request, "portal/code.html", {"form": form, "dead": dead})


def _set_language_cookie(response, language: str) -> None:
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
                        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
                        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                        samesite=settings.LANGUAGE_COOKIE_SAMESITE)


@require_POST
def choose_language(request):
    """The portal's English/Cymraeg switch: Django's set_language, remembering that the victim chose, so that
    signing in keeps their choice instead of switching to the language on record."""
    if request.POST.get("language") in dict(settings.LANGUAGES):
        request.session[LANGUAGE_CHOSEN_KEY] = True
    return set_language(request)


@require_POST
def sign_out(request):
    _sign_out(request)
    messages.success(request, _("You have signed out."))
    return redirect("portal:start")


# --- Pages -------------------------------------------------------------------------------------------
def _referrals(case):
    from victimcare.support.models import Referral

    return list(Referral.objects.filter(case=case).select_related("service").order_by("-sent_at", "-pk"))


def _hearings(case, now):
    """The case's hearings, oldest first, each with how it stands for the victim ("upcoming", "cancelled" or
    "past") and what the court decided in plain words."""
    from victimcare.court.models import Hearing
    from victimcare.notifications.victim_messages import hearing_outcome, not_said

    hearings = list(Hearing.objects.filter(prosecution__case=case).select_related("prosecution")
                    .order_by("starts_at", "pk"))
    for hearing in hearings:
        if hearing.status == Hearing.Status.VACATED:
            hearing.portal_state = "cancelled"
        elif hearing.status == Hearing.Status.HEARD or hearing.starts_at < now:
            hearing.portal_state = "past"
        else:
            hearing.portal_state = "upcoming"
        hearing.outcome = hearing_outcome(hearing)
        hearing.result_not_said = not_said(hearing.result, hearing.outcome)
    return hearings


def _property(case):
    from victimcare.property.models import PropertyItem

    return list(PropertyItem.objects.filter(case=case, owner_is_victim=True).order_by("seized_at", "pk"))


@portal_page("portal home")
def home(request, case):
    from victimcare.support.services import current_choice

    now = timezone.now()
    probe_rows(case)  # most cases have no hearings, property, referrals or survey answers: one query for all four
    hearings = _hearings(case, now) if may_have_rows(case, "court.Prosecution") else []
    updates = open_commitments(case, CommitmentKind.VICTIM_UPDATE)  # one read of the case's commitments for both
    due = updates[0] if updates else None
    return render(request, "portal/home.html", {
        "case": case, "story": story(case), "next_update": due, "agreement": current_agreement(case),
        "update_late": due is not None and due.is_overdue(now),
        "referrals": _referrals(case) if may_have_rows(case, "support.Referral") else [],
        "support_choice": current_choice(case.victim),
        "hearings": hearings, "upcoming": [hearing for hearing in hearings if hearing.portal_state == "upcoming"],
        "property": _property(case) if may_have_rows(case, "property.PropertyItem") else [],
        "awaiting": open_commitments(case, CommitmentKind.VICTIM_MESSAGE_REPLY),
        "survey_done": may_have_rows(case, "satisfaction.SurveyResponse"),  # probed just above: has answers
    })


def _survey_done(case) -> bool:
    from victimcare.satisfaction.models import SurveyResponse

    return SurveyResponse.objects.filter(case=case).exists()


@portal_page("portal updates form")
@require_http_methods(["GET", "POST"])
def updates(request, case):
    agreement = current_agreement(case)
    initial = {}
    if agreement is not None:
        initial = {"channel": agreement.channel, "language": agreement.language if agreement.language in ("en", "cy")
                   else "en", "frequency": str(agreement.every_days) if agreement.every_days else "key",
                   "quiet_from": agreement.quiet_from.strftime("%H:%M") if agreement.quiet_from else "",
                   "quiet_until": agreement.quiet_until.strftime("%H:%M") if agreement.quiet_until else ""}
    form = forms.UpdatesForm(request.POST if request.method == "POST" else None, initial=initial,
                             channels=services.usable_channels(case))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        choice = services.UpdateChoice(channel=data["channel"], every_days=form.every_days(),
                                       language=data["language"], quiet_from=data["quiet_from"],
                                       quiet_until=data["quiet_until"])
        try:
            services.change_updates(case, choice)
        except ERRORS as error:
            _failed(form, error)
        else:
            messages.success(request, _("Thank you. We will update you the way you chose."))
            return redirect("portal:home")
    return render(request, "portal/updates.html", {"case": case, "form": form})


def _text_page(request, case, *, heading, intro, button, label, required, perform, success):
    """A page with one text box (a message, a complaint): sent through `perform(case, text)`."""
    form = forms.TextForm(request.POST if request.method == "POST" else None, label=label,
                          required_message=required)
    if request.method == "POST" and form.is_valid():
        try:
            perform(case, form.cleaned_data["text"])
        except ERRORS as error:
            _failed(form, error)
        else:
            messages.success(request, success)
            return redirect("portal:home")
    return render(request, "portal/text_form.html", {"case": case, "form": form, "heading": heading,
                                                     "intro": intro, "button": button})


@portal_page("portal message form")
@require_http_methods(["GET", "POST"])
def message(request, case):
    return _text_page(
        request, case, heading=_("Send a message to your officer"),
        intro=_("Your officer or their team will reply within 2 working days. In an emergency, call 999."),
        button=_("Send message"), label=_("Your message"), required=_("Enter your message"),
        perform=services.send_victim_message,
        success=_("Your message has been sent. We will reply within 2 working days."))


@portal_page("portal complaint form")
@require_http_methods(["GET", "POST"])
def complaint(request, case):
    return _text_page(
        request, case, heading=_("Make a complaint"),
        intro=_("Tell us what went wrong and what you would like us to do. We will reply within 10 working days."),
        button=_("Send complaint"), label=_("Your complaint"), required=_("Enter your complaint"),
        perform=services.make_complaint,
        success=_("Your complaint has been sent. We will reply within 10 working days."))


def _scope_label(record) -> str:
    from victimcare.organisations.models import Organisation

    purposes = {
        Purpose.SUPPORT_REFERRAL: _("Passing your details to a victims' service"),
        Purpose.SHARE_WITH_ORGANISATION: _("Sharing information with %(name)s"),
        Purpose.SHARE_WITH_KIND: _("Sharing information with organisations of this kind: %(name)s"),
        Purpose.MULTI_AGENCY_MEETING: _("Talking about your situation with other services to keep you safe"),
        Purpose.SATISFACTION_SURVEY: _("Contacting you to ask how satisfied you are"),
    }
    if record.purpose == Purpose.SHARE_WITH_ORGANISATION:
        name = record.organisation.name if record.organisation else ""
    elif record.purpose == Purpose.SHARE_WITH_KIND:
        kind = record.organisation_kind
        name = str(Organisation.Kind(kind).label) if kind in Organisation.Kind.values else kind
    else:
        name = ""
    return purposes.get(record.purpose, record.get_purpose_display()) % {"name": name} if name else \
        purposes.get(record.purpose, record.get_purpose_display())


def _consents(case):
    """The victim's latest choice in each scope they have made one in, newest first."""
    latest, seen = [], set()
    for record in ConsentRecord.objects.filter(victim=case.victim).select_related("organisation").order_by(
            "-at", "-id"):
        scope = (record.purpose, record.organisation_id, record.organisation_kind)
        if scope not in seen:
            seen.add(scope)
            record.scope = _scope_label(record)
            latest.append(record)
    return latest


@portal_page("portal consents")
def consents(request, case):
    return render(request, "portal/consents.html", {"case": case, "consents": _consents(case)})


@never_cache
@require_POST
def consent_change(request, consent_id):
    case = signed_in_case(request)
    if case is None:
        return redirect("portal:start")
    record = ConsentRecord.objects.filter(pk=consent_id, victim=case.victim).first()
    if record is None:
        raise Http404("No such consent")
    decision = request.POST.get("decision")
    if decision not in (Decision.GIVEN, Decision.WITHDRAWN):
        messages.error(request, _("Choose whether to give or withdraw your consent"))
        return redirect("portal:consents")
    try:
        services.change_consent(case, record, decision)
    except ERRORS as error:
        messages.error(request, _("This could not be saved: %(error)s") % {"error": _(str(error))})
    else:
        messages.success(request, _("Thank you. Your choice has been saved.") if decision == Decision.GIVEN
                         else _("You have withdrawn your consent."))
    return redirect("portal:consents")


@portal_page("portal support")
@require_http_methods(["GET", "POST"])
def support(request, case):
    from victimcare.support.services import current_choice

    choice = current_choice(case.victim)
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in (Decision.GIVEN, Decision.WITHDRAWN):
            messages.error(request, _("Choose whether you want support"))
            return redirect("portal:support")
        try:
            services.choose_support(case, decision)
        except ERRORS as error:
            messages.error(request, _("This could not be saved: %(error)s") % {"error": _(str(error))})
        else:
            messages.success(request, _("Thank you. We will pass your details to a victims' service.")
                             if decision == Decision.GIVEN else _("You will not be contacted about support."))
        return redirect("portal:support")
    return render(request, "portal/support.html", {"case": case, "choice": choice, "referrals": _referrals(case),
                                                   "wants_support": choice is not None
                                                   and choice.decision == Decision.GIVEN})


@portal_page("portal survey")
@require_http_methods(["GET", "POST"])
def survey(request, case):
    from victimcare.satisfaction.services import SurveyError, record_survey_response

    if _survey_done(case):
        return render(request, "portal/survey_done.html", {"case": case})
    form = forms.SurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_survey_response(case, ratings={stage: data[stage] for stage in STAGES},
                                   comments=data["comments"], how="portal")
        except (SurveyError, *ERRORS) as error:
            _failed(form, error)
        else:
            messages.success(request, _("Thank you for telling us how we did."))
            return redirect("portal:home")
    return render(request, "portal/survey.html", {"case": case, "form": form})


@portal_page("portal about you")
@require_http_methods(["GET", "POST"])
def about_you(request, case):
    """The victim's own equality answers (optional): the same questions staff ask, pre-filled with what the
    victim said before. Only the victim here and the case's officers and supervisors see them."""
    from victimcare.equality.forms import EqualityForm
    from victimcare.equality.services import EqualityError, record_equality_answers
    from victimcare.equality.views import initial_answers, nothing_chosen

    initial = initial_answers(case.victim)
    form = EqualityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if nothing_chosen(form, initial):
            form.add_error(None, _("Choose at least one answer. If you do not want to answer, you do not have to: "
                                   "go back to your case."))
        else:
            try:
                record_equality_answers(case.victim, answers=form.answers(), how="portal", case=case)
            except (EqualityError, *ERRORS) as error:
                _failed(form, error)
            else:
                messages.success(request, _("Thank you. Your answers have been saved."))
                return redirect("portal:home")
    return render(request, "portal/about_you.html", {"case": case, "form": form, "answered": bool(initial)})


# --- Staff: answering the victim -----------------------------------------------------------------------
def _staff_case(request, case_id, what: str) -> Case:
    case = case_access.get_case_for_user(request.user, case_id, what=what)
    if not case_access.may_change_case(request.user, case):
        raise PermissionDenied
    return case


def _back(case) -> str:
    return reverse("cases:documents", kwargs={"case_id": case.pk}) + "#portal"


def _staff_event(case, event_id) -> None:
    """A message or complaint of another case (or of none): 404, as any record the URL does not lead to."""
    if not 0 < event_id <= case_access.MAX_ID or not TimelineEvent.objects.filter(pk=event_id, case=case).exists():
        raise Http404("No such message")


def _staff_action(request, case_id, event_id, *, what, perform, success, label, required, template):
    case = _staff_case(request, case_id, what)
    _staff_event(case, event_id)
    form = forms.TextForm(request.POST, label=label, required_message=required)
    if form.is_valid():
        try:
            perform(case, event_id, form.cleaned_data["text"])
        except ERRORS as error:
            _failed(form, error)
        else:
            messages.success(request, success)
            return redirect(_back(case))
    return render(request, template, {"case": case, "form": form, "back": _back(case)}, status=400)


@login_required
@require_POST
def staff_reply(request, case_id, event_id):
    return _staff_action(
        request, case_id, event_id, what="answered the victim's message",
        perform=lambda case, event, text: services.answer_victim_message(case, event, text, actor=request.user),
        success=_("Reply sent. The victim has been told there is a reply in the portal."), label=_("Reply"),
        required=_("Enter your reply"), template="portal/staff_form.html")


@login_required
@require_POST
def staff_acknowledge(request, case_id, event_id):
    case = _staff_case(request, case_id, "acknowledged the victim's complaint")
    _staff_event(case, event_id)
    try:
        services.acknowledge_complaint(case, event_id, actor=request.user, note=request.POST.get("note", ""))
    except ERRORS as error:
        messages.error(request, _("This could not be saved: %(error)s") % {"error": _(str(error))})
    else:
        messages.success(request, _("Complaint acknowledged. The victim has been told."))
    return redirect(_back(case))

