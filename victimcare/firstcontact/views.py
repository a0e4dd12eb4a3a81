"""The report wizard: GOV.UK question pages, a check-your-answers page and the written acknowledgement.

The answers live in the session under a wizard id, so two reports in two tabs never mix. Each page's
answers are kept as posted and bound to its form again when needed, so a "Change" link shows them.
"""

import datetime as dt
import uuid
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, gettext_noop, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from victimcare.accounts.roles import Role, has_role
from victimcare.areas.locate import resolve_location
from victimcare.cases import access
from victimcare.cases.models import Case
from victimcare.cases.services import CaseStateError
from victimcare.cases.timeline import RESPONSE_GRADES, reason_label
from victimcare.charter.rules import CommitmentKind, VictimCircumstances
from victimcare.charter.services import deadlines
from victimcare.crimes.offences import OFFENCES, category_name, offence_name
from victimcare.firstcontact import assessment, forms, services
from victimcare.firstcontact.choices import RiskLevel
from victimcare.frontend.pages import how_long
from victimcare.neighbourhood import routing
from victimcare.notifications import victim_messages
from victimcare.organisations.models import Organisation
from victimcare.support.matching import services_for
from victimcare.victims.models import Victim, phone_digits

# What the access log says for this app's reads and changes (translated on the access-log page).
ACCESS_LOG_WHAT = (
    gettext_noop("written acknowledgement"),
    gettext_noop("written acknowledgement given"),
    gettext_noop("gave the written acknowledgement"),
    gettext_noop("victim search"),
    gettext_noop("likely matches for a new victim"),
    gettext_noop("report: check your answers"),
)

SESSION_KEY = "firstcontact-reports"
MAX_WIZARDS = 10

PROPOSAL_LABELS = {
    "repeat_victim": gettext_lazy("Repeat victim"),
    "enhanced_rights": gettext_lazy("Enhanced rights"),
    "risk_level": gettext_lazy("Risk level"),
    "response_grade": gettext_lazy("Response grade"),
}
STEP_TITLES = {
    "victim": gettext_lazy("Find the victim"),
    "victim-details": gettext_lazy("The victim's details"),
    "incident": gettext_lazy("What happened"),
    "thrive": gettext_lazy("THRIVE assessment"),
    "needs": gettext_lazy("The victim's needs and circumstances"),
    "vulnerability": gettext_lazy("Vulnerability and intimidation"),
    "dash": gettext_lazy("DASH risk checklist"),
    "proposals": gettext_lazy("Confirm what the system proposes"),
}
FORMS = {
    "victim-details": forms.VictimDetailsForm,
    "incident": forms.IncidentForm,
    "thrive": forms.ThriveForm,
    "needs": forms.NeedsForm,
    "vulnerability": forms.VulnerabilityForm,
    "dash": forms.DashForm,
}


def may_record_reports(user) -> bool:
    return has_role(user, Role.CALL_HANDLER, Role.OFFICER, Role.SUPERVISOR)


def recorder_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_record_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


# --- Wizard state -----------------------------------------------------------------------------------
class Wizard:
    def __init__(self, request, wizard_id: str):
        self.request = request
        self.id = wizard_id
        self.state = request.session.get(SESSION_KEY, {}).get(wizard_id)

    @classmethod
    def start(cls, request) -> "Wizard":
        wizards = request.session.get(SESSION_KEY, {})
        while len(wizards) >= MAX_WIZARDS:  # forget the oldest
            wizards.pop(next(iter(wizards)))
        wizard_id = str(uuid.uuid4())
        wizards[wizard_id] = {"victim_id": None, "steps": {}, "case_id": None}
        request.session[SESSION_KEY] = wizards
        return cls(request, wizard_id)

    @property
    def exists(self) -> bool:
        return self.state is not None

    def save(self) -> None:
        wizards = self.request.session.get(SESSION_KEY, {})
        wizards[self.id] = self.state
        self.request.session[SESSION_KEY] = wizards
        self.request.session.modified = True

    def store(self, step: str, data) -> None:
        self.state["steps"][step] = {key: data.getlist(key) for key in data if key != "csrfmiddlewaretoken"}
        self.save()

    def data(self, step: str):
        stored = self.state["steps"].get(step)
        return MultiValueDict(stored) if stored is not None else None

    def form(self, step: str, **kwargs):
        data = self.data(step)
        return FORMS[step](data, **kwargs) if data is not None else None

    def valid_form(self, step: str):
        form = self.form(step)
        return form if form is not None and form.is_valid() else None

    @property
    def victim(self) -> Victim | None:
        victim_id = self.state.get("victim_id")
        return Victim.objects.filter(pk=victim_id).first() if victim_id else None

    def dash_applies(self) -> bool:
        incident = self.valid_form("incident")
        if incident is None:
            return False
        data = incident.cleaned_data
        return assessment.dash_applies(data.get("offence", ""), data["is_domestic_abuse"] == "yes",
                                       data["is_honour_based"] == "yes")

    def steps(self) -> list[str]:
        steps = ["victim"]
        if not self.state.get("victim_id"):
            steps.append("victim-details")
        steps += ["incident", "thrive", "needs", "vulnerability"]
        if self.dash_applies():
            steps.append("dash")
        return [*steps, "proposals"]

    def first_incomplete(self) -> str | None:
        for step in self.steps():
            if step == "victim":
                if not self.state.get("victim_id") and not self.state.get("new_victim"):
                    return step
            elif step == "proposals":
                if self.proposals_form() is None or not self.proposals_form().is_valid():
                    return step
            elif self.valid_form(step) is None:
                return step
        return None

    def url(self, step: str) -> str:
        return reverse(f"report:{step}", kwargs={"wizard_id": self.id})

    def next_url(self, step: str) -> str:
        if self.request.GET.get("change") and self.first_incomplete() is None:
            return reverse("report:check", kwargs={"wizard_id": self.id})
        steps = self.steps()
        following = steps[steps.index(step) + 1] if step in steps and step != steps[-1] else None
        return self.url(following) if following else reverse("report:check", kwargs={"wizard_id": self.id})

    def back_url(self, step: str) -> str:
        steps = self.steps()
        if step == "check":
            return self.url(steps[-1])
        if step not in steps or steps.index(step) == 0:
            return reverse("report:start")
        return self.url(steps[steps.index(step) - 1])

    # --- Facts for the proposals ---
    def date_of_birth(self):
        victim = self.victim
        if victim is not None:
            return victim.date_of_birth
        details = self.valid_form("victim-details")
        return details.cleaned_data["date_of_birth"] if details else None

    def location(self):
        incident = self.valid_form("incident")
        if incident is None:
            return None
        data = incident.cleaned_data
        return resolve_location(data.get("longitude"), data.get("latitude"), data.get("postcode", ""))

    def is_rural(self, location=None) -> bool:
        incident = self.valid_form("incident")
        choice = incident.cleaned_data["rural"] if incident else "area"
        if choice in ("yes", "no"):
            return choice == "yes"
        location = location if location is not None else self.location()
        return bool(location and location.lsoa and location.lsoa.is_rural)

    def proposals(self) -> assessment.Proposals | None:
        incident, thrive, vulnerability = (self.valid_form(step) for step in ("incident", "thrive", "vulnerability"))
        if incident is None or thrive is None or vulnerability is None:
            return None
        band = None
        if self.dash_applies():
            dash = self.valid_form("dash")
            if dash is None:
                return None
            band = assessment.dash_band(assessment.dash_score(dash.answers()))
        data, facts = incident.cleaned_data, vulnerability.values()
        occurred = incident.occurred_at()
        born = self.date_of_birth()
        now = timezone.now()
        circumstances = VictimCircumstances(
            offence=data.get("offence", ""), is_domestic_abuse=data["is_domestic_abuse"] == "yes",
            is_hate_crime=data["is_hate_crime"] == "yes",
            age=_age(born, timezone.localdate(occurred)),
            is_vulnerable=facts["is_vulnerable"], is_intimidated=facts["is_intimidated"],
            is_persistently_targeted=facts["is_persistently_targeted"],
            is_bereaved_relative=facts["is_bereaved_relative"])
        rule = services.repeat_victim_rule()
        return assessment.propose(
            ratings={name: value["rating"] for name, value in thrive.values().items()}, dash_band_value=band,
            circumstances=circumstances,
            earlier_reports=services.earlier_reports(self.state.get("victim_id"), now, rule),
            rule=rule, rural=self.is_rural(), deadlines=deadlines(), at=now)

    def proposal_values(self, proposals) -> dict[str, str]:
        return {"repeat_victim": "yes" if proposals.repeat_victim else "no",
                "enhanced_rights": "yes" if proposals.enhanced_rights else "no",
                "risk_level": proposals.risk_level, "response_grade": str(proposals.response_grade)}

    def chosen(self) -> dict:
        """The confirmed proposals page's answers (call only when it is valid)."""
        form = self.proposals_form()
        if form is None or not form.is_valid():
            raise ValueError("The proposals page is not answered")
        return form.cleaned_data

    def proposals_form(self, data=None):
        proposals = self.proposals()
        if proposals is None:
            return None
        data = data if data is not None else self.data("proposals")
        return forms.ProposalsForm(data, proposals=self.proposal_values(proposals), labels=PROPOSAL_LABELS)


def _age(born, on):
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _wizard(request, wizard_id) -> Wizard | None:
    wizard = Wizard(request, str(wizard_id))
    return wizard if wizard.exists else None


def _page(request, wizard, step, template, context):
    return render(request, template, {
        "wizard": wizard, "step": step, "title": STEP_TITLES.get(step, ""), "back_url": wizard.back_url(step),
        "change": bool(request.GET.get("change")), **context,
    })


# --- Pages ------------------------------------------------------------------------------------------
@recorder_required
@require_http_methods(["GET", "POST"])
def start(request):
    if request.method == "POST":
        wizard = Wizard.start(request)
        return redirect(wizard.url("victim"))
    return render(request, "firstcontact/start.html", {})


@recorder_required
@require_http_methods(["GET", "POST"])
def victim(request, wizard_id):
    wizard = _wizard(request, wizard_id)
    if wizard is None:
        return redirect("report:start")
    search = forms.VictimSearchForm(request.GET if "search" in request.GET else None)
    found = []
    if search.is_bound and search.is_valid() and search.has_terms():
        found = list(_search_victims(search.cleaned_data)[:20])
    chosen_id = wizard.state.get("victim_id")
    if request.method == "POST":
        candidates = list(Victim.objects.filter(pk__in=request.POST.getlist("victim")[:1]).exclude(pk=None)) \
            if request.POST.get("victim", "").isdigit() else []
        choice = forms.VictimChoiceForm(request.POST, victims=candidates)
        if choice.is_valid():
            if choice.cleaned_data["victim"] == "new":
                wizard.state.update(victim_id=None, new_victim=True)
                wizard.save()
                return redirect(wizard.url("victim-details"))
            wizard.state.update(victim_id=int(choice.cleaned_data["victim"]), new_victim=False)
            wizard.save()
            return redirect(wizard.next_url("victim"))
    else:
        shown = found or ([wizard.victim] if chosen_id and wizard.victim else [])
        choice = forms.VictimChoiceForm(initial={"victim": str(chosen_id) if chosen_id else None}, victims=shown)
        access.log_victim_access(shown, request.user, what="victim search")
    return _page(request, wizard, "victim", "firstcontact/victim.html", {
        "search": search, "found": found, "searched": search.is_bound, "choice": choice,
    })


def _search_victims(terms):
    from django.db.models import Q

    victims = Victim.objects.all()
    if terms.get("name"):
        for word in terms["name"].split():
            victims = victims.filter(Q(given_name__istartswith=word) | Q(family_name__istartswith=word))
    if terms.get("date_of_birth"):
        victims = victims.filter(date_of_birth=terms["date_of_birth"])
    if terms.get("phone"):
        victims = victims.filter(phone_digits=phone_digits(terms["phone"]) or None)
    return victims.order_by("family_name", "given_name", "id")


@recorder_required
@require_http_methods(["GET", "POST"])
def victim_details(request, wizard_id):
    wizard = _wizard(request, wizard_id)
    if wizard is None:
        return redirect("report:start")
    matches = []
    if request.method == "POST":
        if request.POST.get("use_victim", "").isdigit():
            victim = Victim.objects.filter(pk=int(request.POST["use_victim"])).first()
            if victim is not None:
                wizard.state.update(victim_id=victim.pk, new_victim=False)
                wizard.save()
                return redirect(wizard.next_url("victim"))
        form = forms.VictimDetailsForm(request.POST)
        if form.is_valid():
            details = form.cleaned_data
            matches = list(services.likely_matches(family_name=details["family_name"],
                                                   date_of_birth=details["date_of_birth"], phone=details["phone"])[:5])
            access.log_victim_access(matches, request.user, what="likely matches for a new victim")
            if not matches or request.POST.get("confirm_new") == "yes":
                wizard.state.update(victim_id=None, new_victim=True)
                wizard.store("victim-details", request.POST)
                return redirect(wizard.next_url("victim-details"))
    else:
        form = wizard.form("victim-details") or forms.VictimDetailsForm(initial={"preferred_language": "en"})
    under_18 = form.is_bound and form.is_valid() and assessment.under_18(form.cleaned_data["date_of_birth"],
                                                                         timezone.localdate())
    return _page(request, wizard, "victim-details", "firstcontact/victim_details.html", {
        "form": form, "matches": matches, "under_18": under_18,
    })


def _step_view(step, template):
    @recorder_required
    @require_http_methods(["GET", "POST"])
    def view(request, wizard_id):
        wizard = _wizard(request, wizard_id)
        if wizard is None:
            return redirect("report:start")
        if request.method == "POST":
            form = FORMS[step](request.POST)
            if form.is_valid():
                wizard.store(step, request.POST)
                return redirect(wizard.next_url(step))
        else:
            form = wizard.form(step) or FORMS[step]()
        return _page(request, wizard, step, template, {"form": form})
    view.__name__ = step.replace("-", "_")
    return view


incident = _step_view("incident", "firstcontact/incident.html")
thrive = _step_view("thrive", "firstcontact/thrive.html")
needs = _step_view("needs", "firstcontact/question.html")
vulnerability = _step_view("vulnerability", "firstcontact/question.html")
dash = _step_view("dash", "firstcontact/dash.html")


@recorder_required
@require_http_methods(["GET", "POST"])
def proposals(request, wizard_id):
    wizard = _wizard(request, wizard_id)
    if wizard is None:
        return redirect("report:start")
    proposed = wizard.proposals()
    if proposed is None:
        return redirect(wizard.url(wizard.first_incomplete() or "victim"))
    if request.method == "POST":
        form = wizard.proposals_form(request.POST)
        if form.is_valid():
            wizard.store("proposals", request.POST)
            return redirect(reverse("report:check", kwargs={"wizard_id": wizard.id}))
    else:
        form = wizard.proposals_form() or wizard.proposals_form(MultiValueDict())
        if not wizard.data("proposals"):
            form = forms.ProposalsForm(proposals=wizard.proposal_values(proposed), labels=PROPOSAL_LABELS)
    language = get_language() or "en"
    return _page(request, wizard, "proposals", "firstcontact/proposals.html", {
        "form": form, "proposed": proposed,
        "reasons": [reason.label(language) for reason in proposed.enhanced_reasons],
        "rule": services.repeat_victim_rule(),
        "grade_label": RESPONSE_GRADES.get(proposed.response_grade),
        "target": _minutes_text(proposed.response_minutes),
        "rural": wizard.is_rural(),
    })


def _minutes_text(minutes: int) -> str:
    return how_long(dt.timedelta(minutes=minutes))


def _report(wizard: Wizard) -> services.Report:
    """The wizard's answers as the plain values record_report takes. Every step must be valid."""
    incident = wizard.valid_form("incident").cleaned_data
    incident_form = wizard.valid_form("incident")
    details = wizard.valid_form("victim-details") if not wizard.state.get("victim_id") else None
    needs = wizard.valid_form("needs").values()
    facts = wizard.valid_form("vulnerability").values()
    dash = wizard.valid_form("dash") if wizard.dash_applies() else None
    proposed = wizard.proposal_values(wizard.proposals())
    chosen = wizard.chosen()

    def choice(name, convert):
        return services.Choice(proposed=convert(proposed[name]), chosen=convert(chosen[name]),
                               reason=chosen.get(f"{name}_reason", ""))

    def yes(value):
        return value == "yes"

    location = wizard.location()
    return services.Report(
        victim_id=wizard.state.get("victim_id"), victim=details.victim_fields() if details else {},
        category=incident["category"], offence=incident.get("offence", ""),
        is_domestic_abuse=yes(incident["is_domestic_abuse"]), is_hate_crime=yes(incident["is_hate_crime"]),
        is_honour_based=yes(incident["is_honour_based"]), occurred_at=incident_form.occurred_at(),
        location_description=incident["location_description"].strip(),
        postcode=incident.get("postcode", "").strip().upper(),
        longitude=float(incident["longitude"]) if incident.get("longitude") is not None else None,
        latitude=float(incident["latitude"]) if incident.get("latitude") is not None else None,
        is_rural=wizard.is_rural(location),
        thrive=wizard.valid_form("thrive").values(), needs=needs, wants_attendance=needs["wants_attendance"],
        support_referral=needs["support_referral"],
        vulnerability=facts, is_vulnerable=facts["is_vulnerable"], is_intimidated=facts["is_intimidated"],
        is_persistently_targeted=facts["is_persistently_targeted"], is_bereaved_relative=facts["is_bereaved_relative"],
        dash_answers=dash.answers() if dash else None,
        repeat_victim=choice("repeat_victim", yes), enhanced_rights=choice("enhanced_rights", yes),
        risk_level=choice("risk_level", str), response_grade=choice("response_grade", int),
    )


@recorder_required
@require_http_methods(["GET", "POST"])
def check(request, wizard_id):
    wizard = _wizard(request, wizard_id)
    if wizard is None:
        return redirect("report:start")
    if wizard.state.get("case_id"):  # already recorded (the button pressed twice, or Back then Record)
        return _after_recording(request, wizard)
    incomplete = wizard.first_incomplete()
    if incomplete is not None:
        return redirect(wizard.url(incomplete))
    form = forms.RecordReportForm(request.POST if request.method == "POST" else None,
                                  initial={"submission_id": wizard.id})
    if request.method == "POST" and form.is_valid():
        try:
            case = services.record_report(_report(wizard), actor=request.user, submission_key=wizard.id)
        except services.ReportError as error:
            form.add_error(None, str(error))
        else:
            wizard.state["case_id"] = case.pk
            wizard.save()
            messages.success(request, _("Report recorded. The crime reference is %(reference)s.") % {
                "reference": case.crime.reference})
            return _after_recording(request, wizard)
    if wizard.state.get("victim_id"):  # an existing victim's details in the summary
        access.log_victim_access(wizard.state["victim_id"], request.user, what="report: check your answers")
    return _page(request, wizard, "check", "firstcontact/check.html", {
        "form": form, "sections": _summary(wizard), "title": _("Check your answers before recording the report"),
    })


def _after_recording(request, wizard):
    """The acknowledgement, if the user may see the case; otherwise (an officer of another unit recorded a
    report for the unit covering the place) a confirmation with the reference and who has the case."""
    case_id = wizard.state["case_id"]
    if access.visible_cases(request.user).filter(pk=case_id).exists():
        return redirect("report:acknowledgement", case_id=case_id)
    return redirect("report:done", wizard_id=wizard.id)


@recorder_required
def done(request, wizard_id):
    wizard = _wizard(request, wizard_id)
    if wizard is None or not wizard.state.get("case_id"):
        return redirect("report:start")
    case = Case.objects.select_related("crime", "unit").get(pk=wizard.state["case_id"])
    return render(request, "firstcontact/done.html", {"reference": case.crime.reference, "unit": case.unit})


def _yes_no_text(value) -> str:
    return pgettext("answer", "Yes") if value in (True, "yes") else pgettext("answer", "No")


def _neighbourhood_route(wizard: Wizard) -> str:
    """The ward the place resolved to and the team that will be told (or how it will be routed)."""
    location = wizard.location()
    incident = wizard.valid_form("incident").cleaned_data
    unit = services.unit_for(location.local_authority, wizard.request.user)
    return routing.preview_text(routing.preview(location, longitude=incident.get("longitude"),
                                                latitude=incident.get("latitude"), unit=unit))


def _summary(wizard: Wizard) -> list[dict]:
    """Sections of (question, answer, change link) for the check-your-answers page."""
    language = get_language() or "en"

    def change(step):
        return f"{wizard.url(step)}?change=1"

    sections = []
    victim = wizard.victim
    if victim is not None:
        rows = [(_("Victim"), _("%(name)s (already known)") % {"name": victim.full_name}, change("victim")),
                (_("Date of birth"), date_format(victim.date_of_birth, "j F Y") if victim.date_of_birth else "",
                 change("victim"))]
        born = victim.date_of_birth
    else:
        details = wizard.valid_form("victim-details").cleaned_data
        language_label = dict(Victim.Language.choices)[details["preferred_language"]]
        if details["other_language"]:
            language_label = f"{language_label}: {details['other_language']}"
        rows = [
            (_("Name"), f"{details['given_name']} {details['family_name']}", change("victim-details")),
            (_("Date of birth"), date_format(details["date_of_birth"], "j F Y"), change("victim-details")),
            (_("Phone number"), details["phone"], change("victim-details")),
            (_("Email address"), details["email"], change("victim-details")),
            (_("Address"), " ".join(filter(None, [details["address"], details["postcode"]])), change("victim-details")),
            (_("Language"), language_label, change("victim-details")),
            (_("Needs an interpreter"), _yes_no_text(details["needs_interpreter"]), change("victim-details")),
            (_("Communication needs"), details["communication_needs"], change("victim-details")),
        ]
        born = details["date_of_birth"]
    incident_form = wizard.valid_form("incident")
    incident = incident_form.cleaned_data
    if assessment.under_18(born, timezone.localdate(incident_form.occurred_at())):
        rows.append((_("Age"), _("Under 18: the victim is entitled to enhanced rights"), change("victim")))
    sections.append({"title": _("Victim"), "rows": rows})

    occurred = timezone.localtime(incident_form.occurred_at())
    sections.append({"title": _("What happened"), "rows": [
        (_("Category"), category_name(incident["category"], language), change("incident")),
        (_("Offence"), offence_name(incident["offence"], language) if incident.get("offence") in OFFENCES else "",
         change("incident")),
        (_("Domestic abuse"), _yes_no_text(incident["is_domestic_abuse"]), change("incident")),
        (_("Hate crime"), _yes_no_text(incident["is_hate_crime"]), change("incident")),
        (_("Honour-based abuse"), _yes_no_text(incident["is_honour_based"]), change("incident")),
        (_("When"), date_format(occurred, "j F Y, H:i") if incident["occurred_time"] else
         date_format(occurred, "j F Y"), change("incident")),
        (_("Where"), " ".join(filter(None, [incident["location_description"], incident.get("postcode", "")])),
         change("incident")),
        (str(routing.PREVIEW_LABEL), _neighbourhood_route(wizard), change("incident")),
        (_("Rural"), _yes_no_text(wizard.is_rural()), change("incident")),
    ]})
    thrive = wizard.valid_form("thrive").values()
    sections.append({"title": _("THRIVE assessment"), "rows": [
        (str(forms.THRIVE_LABELS[name]), f"{dict(forms.RATINGS)[value['rating']]}: {value['rationale']}",
         change("thrive")) for name, value in thrive.items()]})
    needs = wizard.valid_form("needs").values()
    ways = dict(forms.SAFE_WAYS)
    sections.append({"title": _("Needs and circumstances"), "rows": [
        (_("Wants an officer to attend"), _yes_no_text(needs["wants_attendance"]), change("needs")),
        (_("Wants to be referred to a victims' service"), str(dict(forms.SUPPORT_REFERRAL)[needs["support_referral"]]),
         change("needs")),
        (_("How the incident is affecting them"), needs["impact"], change("needs")),
        (_("Communication and language needs"), needs["communication"], change("needs")),
        (_("Safe ways to contact"), ", ".join(str(ways[w]) for w in needs["safe_ways"]), change("needs")),
        (_("Safe times to contact"), needs["safe_times"], change("needs")),
        (_("Safe to leave a message"), _yes_no_text(needs["leave_messages"]), change("needs")),
    ]})
    facts = wizard.valid_form("vulnerability").values()
    sections.append({"title": _("Vulnerability and intimidation"), "rows": [
        (_("Vulnerable"), " ".join(filter(None, [str(_yes_no_text(facts["is_vulnerable"])),
                                                 facts["vulnerable_detail"]])), change("vulnerability")),
        (_("Intimidated"), " ".join(filter(None, [str(_yes_no_text(facts["is_intimidated"])),
                                                  facts["intimidated_detail"]])), change("vulnerability")),
        (_("Persistently targeted"), _yes_no_text(facts["is_persistently_targeted"]), change("vulnerability")),
        (_("Close relative bereaved by crime"), _yes_no_text(facts["is_bereaved_relative"]), change("vulnerability")),
    ]})
    if wizard.dash_applies():
        answers = wizard.valid_form("dash").answers()
        score = assessment.dash_score(answers)
        band = assessment.dash_band(score)
        sections.append({"title": _("DASH risk checklist"), "rows": [
            (_("Questions answered yes"), str(score), change("dash")),
            (_("DASH risk level"), str(RiskLevel(band).label), change("dash")),
        ]})
    chosen = wizard.chosen()
    proposed = wizard.proposal_values(wizard.proposals())
    choices = wizard.proposals_form().fields
    rows = []
    for name, label in PROPOSAL_LABELS.items():
        value = chosen[name]
        shown = dict(choices[name].choices)[value]
        if value != proposed[name]:
            shown = _("%(chosen)s (changed from the proposal: %(reason)s)") % {
                "chosen": shown, "reason": chosen[f"{name}_reason"].strip()}
        rows.append((str(label), shown, change("proposals")))
    sections.append({"title": _("Proposals"), "rows": rows})
    return sections


# --- The written acknowledgement --------------------------------------------------------------------
SAMPLE_VICTIM_SERVICE = {
    "name": "Connect Gwent", "phone": "0300 123 2133", "email": "connectgwent@example.org", "sample": True,
}


def _victim_service():
    service = Organisation.objects.filter(kind=Organisation.Kind.VICTIM_SERVICE).order_by("name_en").first()
    if service is None:
        return SAMPLE_VICTIM_SERVICE
    return {"name": service.name, "phone": service.phone, "email": service.email, "sample": False}


# What each open commitment means for the victim, in plain words. The acknowledgement itself is not listed:
# the victim is reading it.
PROMISES = {
    CommitmentKind.CONTACT_AGREEMENT: gettext_lazy(
        "We will agree with you how and when we keep you updated, by %(due)s."),
    CommitmentKind.REFERRAL_TO_SUPPORT: gettext_lazy("We will refer you to a support service, by %(due)s."),
    CommitmentKind.INFORM_DECISION: gettext_lazy("We will tell you about a decision in the investigation, by %(due)s."),
    CommitmentKind.VICTIM_UPDATE: gettext_lazy("We will give you an update, by %(due)s."),
}


def _promise(commitment):
    if commitment.kind == CommitmentKind.RESPONSE:
        if commitment.detail.get("grade") == 4:
            return gettext_lazy("We will contact you to give advice or resolve the matter, by %(due)s.")
        return gettext_lazy("An officer will come to see you, by %(due)s.")
    return PROMISES.get(commitment.kind)


def _acknowledgement_language(victim) -> str:
    return victim.preferred_language if victim.preferred_language in ("en", "cy") else "en"


def _may_give(user, case) -> bool:
    return access.may_change_case(user, case) or case.recorded_by_id == user.pk


@login_required
def acknowledgement(request, case_id):
    case = access.get_case_for_user(request.user, case_id, what="written acknowledgement",
                                    queryset=access.visible_cases(request.user).select_related(
                                        "victim", "crime", "unit", "officer"))
    language = _acknowledgement_language(case.victim)
    with translation.override(language):
        commitments = []
        for commitment in case.commitments.open().order_by("due_at", "id"):
            sentence = _promise(commitment)
            if sentence:
                commitments.append(sentence % {
                    "due": date_format(timezone.localtime(commitment.due_at), "l j F Y, H:i")})
        given = case.timeline.filter(kind="acknowledgement_given").exists()
        sending = victim_messages.acknowledgement_message(case)
        return render(request, "firstcontact/acknowledgement.html", {
            "case": case, "commitments": commitments, "service": _victim_service(), "services": services_for(case),
            "reasons": [reason_label(r) for r in case.enhanced_rights_reasons],
            "reported": date_format(timezone.localtime(case.crime.reported_at or case.opened_at), "j F Y"),
            "may_give": _may_give(request.user, case) and case.status == case.Status.OPEN and not given,
            "given": given, "sending": sending,
            "send_channel": None if sending else victim_messages.acknowledgement_channel(case),
        })


@login_required
@require_POST
def acknowledgement_given(request, case_id):
    case = access.get_case_for_user(request.user, case_id, what="written acknowledgement given",
                                    queryset=access.visible_cases(request.user).select_related("victim", "crime"))
    if not _may_give(request.user, case):
        raise PermissionDenied
    send = bool(request.POST.get("send"))
    if case.timeline.filter(kind="acknowledgement_given").exists() or (
            send and victim_messages.acknowledgement_message(case)):
        return redirect("report:acknowledgement", case_id=case.pk)  # already recorded or queued: sent twice
    try:
        if send:  # through Victim Care: given (and met) once the outbox has sent it
            services.send_acknowledgement(case, actor=request.user)
        else:
            services.record_acknowledgement_given(case, actor=request.user, services=services_for(case),
                                                  language=_acknowledgement_language(case.victim))
    except CaseStateError:
        raise Http404("The case is closed") from None
    if send:
        messages.success(request, _("The written acknowledgement will be sent to the victim."))
    else:
        messages.success(request, _("Recorded that the written acknowledgement was given to the victim."))
    return redirect("report:acknowledgement", case_id=case.pk)
