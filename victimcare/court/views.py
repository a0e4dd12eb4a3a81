"""Pages for court and witness care. Cases are only loaded through court.access (and so cases.access);
every change goes through court.services."""

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from victimcare.cases import access as case_access
from victimcare.cases.models import Case
from victimcare.cases.services import CaseStateError
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind, CourtNews
from victimcare.charter.services import CommitmentStateError
from victimcare.court import access, forms, services
from victimcare.court.choices import Measure, MeasuresDecision, Need, Visit, VpsUse, labels
from victimcare.court.models import Entry, Hearing, NewsItem, Prosecution
from victimcare.organisations.models import Organisation

# What the access log records, in English; marked so the log reads in Welsh too.
ACCESS_LOG_WHAT = (
    gettext_noop("witness care worklist"), gettext_noop("prosecution"), gettext_noop("record charge form"),
    gettext_noop("court form"), gettext_noop("recorded the charge"), gettext_noop("added a defendant"),
    gettext_noop("added a charge"), gettext_noop("recorded court news"),
    gettext_noop("recorded that the victim was told the court news"), gettext_noop("assessed the witness's needs"),
    gettext_noop("recorded special measures requested"),
    gettext_noop("recorded the court's decision on special measures"), gettext_noop("recorded a pre-trial visit"),
    gettext_noop("recorded expenses information given"), gettext_noop("recorded the VPS offered"),
    gettext_noop("recorded the VPS made"), gettext_noop("recorded the VPS declined"),
    gettext_noop("recorded how the VPS was used at sentencing"),
    gettext_noop("referred the victim to the Victim Contact Scheme"),
    gettext_noop("recorded probation's first contact"),
)
COURT_KINDS = (CommitmentKind.INFORM_COURT_NEWS, CommitmentKind.WITNESS_NEEDS_ASSESSMENT, CommitmentKind.OFFER_VPS,
               CommitmentKind.VCS_REFERRAL, CommitmentKind.VCS_FIRST_CONTACT)
ERRORS = (services.CourtError, CaseStateError, CommitmentStateError)


def _language() -> str:
    return "cy" if (get_language() or "en").startswith("cy") else "en"


def _post(request):
    return request.POST if request.method == "POST" else None


def _failed(form, error) -> None:
    form.add_error(None, _("This could not be recorded: %(error)s") % {"error": _(str(error))})


def _form_page(request, case, form, perform, *, title: str, success: str, intro: str = "", button: str = "",
               back=None, prosecution=None):
    """Show `form`; on a valid POST run `perform(form)` and go back saying `success` (or `success(what perform
    returned)`), or show why it could not be done."""
    back = back or reverse("court:prosecution", kwargs={"case_id": case.pk})
    if request.method == "POST" and form.is_valid():
        try:
            done = perform(form)
        except ERRORS as error:
            _failed(form, error)
        else:
            messages.success(request, success(done) if callable(success) else success)
            return redirect(back)
    return render(request, "court/form.html", {
        "case": case, "prosecution": prosecution, "form": form, "title": title, "intro": intro,
        "button": button or _("Save"), "back": back,
    })


# --- The worklist ----------------------------------------------------------------------------------------
@dataclass
class Owed:
    commitment: Commitment
    case: Case
    what: str
    overdue: bool


@login_required
def witness_care(request):
    """The Witness Care Unit's open prosecutions, and what it owes their victims, oldest due first."""
    access.require_witness_care(request.user)
    units = access.witness_care_units(request.user)
    now = timezone.now()
    prosecutions = list(
        Prosecution.objects.filter(witness_care_unit_id__in=units, case__status=Case.Status.OPEN)
        .select_related("case__crime", "case__victim")
        .prefetch_related(Prefetch("hearings", to_attr="upcoming", queryset=Hearing.objects.filter(
            starts_at__gte=now, status__in=(Hearing.Status.LISTED, Hearing.Status.MOVED)).order_by("starts_at")))
        .order_by("-charged_at", "-id")
    )
    cases = {p.case_id: p.case for p in prosecutions}
    commitments = list(Commitment.objects.filter(
        case_id__in=cases, kind__in=COURT_KINDS[:4], status=Commitment.Status.OPEN, owner_organisation_id__in=units,
    ).select_related("court_news").order_by("due_at", "id"))
    news, other = [], []
    for commitment in commitments:
        if commitment.kind == CommitmentKind.INFORM_COURT_NEWS:
            what = commitment.court_news.label(_language())
            news.append(Owed(commitment, cases[commitment.case_id], what, commitment.is_overdue(now)))
        else:
            what = CommitmentKind(commitment.kind).label(_language())
            other.append(Owed(commitment, cases[commitment.case_id], what, commitment.is_overdue(now)))
    rows = [(p, p.upcoming[0] if p.upcoming else None) for p in prosecutions]
    case_access.log_cases_listed(list(cases.values()), request.user, what="witness care worklist")
    return render(request, "court/witness_care.html", {
        "rows": rows, "news": news, "other": other,
        "units": Organisation.objects.filter(pk__in=units).order_by("name_en"),
    })


# --- The prosecution page ------------------------------------------------------------------------------
@login_required
def prosecution(request, case_id):
    found = access.get_prosecution(request.user, case_id, what="prosecution", manage=False)
    case = found.case
    manage = access.may_manage_court(request.user, case)
    now = timezone.now()
    news = list(found.news.select_related("commitment", "hearing", "told_by").order_by("-received_at", "-id"))
    entries = list(found.entries.select_related("by").order_by("-at", "-id"))
    commitments = list(Commitment.objects.filter(case=case, kind__in=COURT_KINDS).select_related(
        "owner_organisation").order_by("due_at", "id"))
    language = _language()
    return render(request, "court/prosecution.html", {
        "case": case, "prosecution": found, "manage": manage,
        "may_add": manage or access.may_record_charge(request.user, case),
        "defendants": list(found.defendants.all()), "charges": list(found.charges.all()),
        "hearings": list(found.hearings.order_by("starts_at", "id")),
        "news": [(item, item.label(language), item.commitment.is_overdue(now)) for item in news],
        "entries": [(entry, _entry_text(entry)) for entry in entries],
        "commitments": [(c, CommitmentKind(c.kind).label(language), c.is_overdue(now)) for c in commitments],
        "steps": STEP_LINKS,
    })


def _entry_text(entry: Entry) -> str:
    data = entry.data or {}
    parts = []
    if data.get("needs"):
        parts.append("; ".join(labels(Need, data["needs"])))
    if data.get("measures"):
        parts.append("; ".join(labels(Measure, data["measures"])))
    if data.get("decision") in MeasuresDecision.values:
        parts.append(str(MeasuresDecision(data["decision"]).label))
    if data.get("outcome") in Visit.values:
        parts.append(str(Visit(data["outcome"]).label))
    if data.get("use") in VpsUse.values:
        parts.append(str(VpsUse(data["use"]).label))
    if data.get("made_on"):
        parts.append(date_format(dt.date.fromisoformat(data["made_on"]), "j F Y"))
    if data.get("probation_name"):
        parts.append(data.get("probation_name_cy") if _language() == "cy" and data.get("probation_name_cy")
                     else data["probation_name"])
    return " \N{EN DASH} ".join(parts)


# --- Charge, defendants, charges -------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def charge(request, case_id):
    case = access.get_case(request.user, case_id, what="record charge form")
    if not access.may_record_charge(request.user, case):
        raise PermissionDenied
    if Prosecution.objects.filter(case=case).exists():
        return render(request, "court/already_charged.html", {"case": case})
    units = list(Organisation.objects.filter(kind=Organisation.Kind.WITNESS_CARE).order_by("name_en"))
    form = forms.ChargeForm(_post(request), units=units, default_unit=services.default_witness_care_unit(case))

    def perform(form):
        data = form.cleaned_data
        services.start_prosecution(
            case, court=data["court"], defendant=data["defendant"], date_of_birth=data["date_of_birth"],
            custody=data["custody"], charge=data["charge"], violent_or_sexual=data["violent_or_sexual"] == "yes",
            witness_care_unit=form.chosen_unit, actor=request.user, idempotency_key=form.idempotency_key)

    return _form_page(request, case, form, perform, title=_("Record the charge"), button=_("Record the charge"),
                      intro=_("The Witness Care Unit keeps the victim informed from the charge. It owes them the "
                              "offer of a Victim Personal Statement."),
                      success=_("Charge recorded. The Witness Care Unit now keeps the victim informed."),
                      back=reverse("cases:court", kwargs={"case_id": case.pk}))


def _adding(request, case_id):
    found = access.get_prosecution(request.user, case_id, what="court form", manage=False)
    if not (access.may_manage_court(request.user, found.case) or access.may_record_charge(request.user, found.case)):
        raise PermissionDenied
    return found


@login_required
@require_http_methods(["GET", "POST"])
def defendant_add(request, case_id):
    found = _adding(request, case_id)
    form = forms.DefendantForm(_post(request))
    return _form_page(request, found.case, form, lambda form: services.add_defendant(
        found, name=form.cleaned_data["name"], date_of_birth=form.cleaned_data["date_of_birth"],
        custody=form.cleaned_data["custody"], actor=request.user),
        title=_("Add a defendant"), success=_("Defendant added."), prosecution=found)


@login_required
@require_http_methods(["GET", "POST"])
def charge_add(request, case_id):
    found = _adding(request, case_id)
    form = forms.ChargeAddForm(_post(request))
    return _form_page(request, found.case, form, lambda form: services.add_charge(
        found, wording=form.cleaned_data["wording"], violent_or_sexual=form.cleaned_data["violent_or_sexual"] == "yes",
        actor=request.user), title=_("Add a charge"), success=_("Charge added."), prosecution=found)


# --- Hearings and news -----------------------------------------------------------------------------------
def _managed(request, case_id) -> Prosecution:
    return access.get_prosecution(request.user, case_id, what="court form")


def _hearing(found: Prosecution, hearing_id) -> Hearing:
    try:
        hearing = found.hearings.get(pk=hearing_id)
    except (Hearing.DoesNotExist, ValueError, TypeError):
        raise Http404("No such hearing") from None
    hearing.prosecution = found
    return hearing


_NEWS_SUCCESS = gettext_lazy("News recorded. Tell the victim by the end of %(due)s.")


def _news_done(item: NewsItem) -> str:
    return _NEWS_SUCCESS % {"due": date_format(timezone.localtime(item.commitment.due_at), "l j F Y")}


def _news_page(request, found, form, perform, *, title, intro=""):
    """A page that records news: the success message says when the victim must be told by."""
    return _form_page(request, found.case, form, perform, title=title, intro=intro, success=_news_done,
                      prosecution=found)


@login_required
@require_http_methods(["GET", "POST"])
def hearing_list(request, case_id):
    found = _managed(request, case_id)
    form = forms.ListHearingForm(_post(request), charged_at=found.charged_at)
    return _news_page(request, found, form, lambda form: services.list_hearing(
        found, kind=form.cleaned_data["kind"], starts_at=form.cleaned_data["starts_at"],
        place=form.cleaned_data["place"], received_at=form.cleaned_data["received_at"], actor=request.user,
        idempotency_key=form.idempotency_key),
        title=_("List a hearing"),
        intro=_("Record the hearing as the court listed it, and when you received the news."))


@login_required
@require_http_methods(["GET", "POST"])
def hearing_move(request, case_id, hearing_id):
    found = _managed(request, case_id)
    hearing = _hearing(found, hearing_id)
    form = forms.MoveHearingForm(_post(request), charged_at=found.charged_at)
    return _news_page(request, found, form, lambda form: services.move_hearing(
        hearing, starts_at=form.cleaned_data["starts_at"], place=form.cleaned_data["place"],
        received_at=form.cleaned_data["received_at"], actor=request.user, idempotency_key=form.idempotency_key),
        title=_("Move a hearing"))


@login_required
@require_http_methods(["GET", "POST"])
def hearing_vacate(request, case_id, hearing_id):
    found = _managed(request, case_id)
    hearing = _hearing(found, hearing_id)
    form = forms.VacateHearingForm(_post(request), charged_at=found.charged_at)
    return _news_page(request, found, form, lambda form: services.vacate_hearing(
        hearing, reason=form.cleaned_data["reason"], received_at=form.cleaned_data["received_at"], actor=request.user,
        idempotency_key=form.idempotency_key), title=_("Cancel a hearing"))


RESULTS = {
    "plea": (forms.PleaForm, gettext_lazy("Record the plea"), lambda hearing, data, **kw: services.record_plea(
        hearing, data["plea"], result=data["result"], **kw)),
    "verdict": (forms.VerdictForm, gettext_lazy("Record the verdict"), lambda hearing, data, **kw:
                services.record_verdict(hearing, data["verdict"], result=data["result"], **kw)),
    "sentence": (forms.SentenceForm, gettext_lazy("Record the sentence"), lambda hearing, data, **kw:
                 services.record_sentence(hearing, custody_months=data["custody_months"],
                                          non_custodial=data["non_custodial"], result=data["result"], **kw)),
    "bail": (forms.BailForm, gettext_lazy("Record the bail outcome"), lambda hearing, data, **kw:
             services.record_bail(hearing, data["bail"], conditions=data["conditions"], **kw)),
}


@login_required
@require_http_methods(["GET", "POST"])
def hearing_result(request, case_id, hearing_id, result):
    if result not in RESULTS:
        raise Http404("No such result")
    found = _managed(request, case_id)
    hearing = _hearing(found, hearing_id)
    form_class, title, record = RESULTS[result]
    form = form_class(_post(request), charged_at=found.charged_at)
    return _news_page(request, found, form, lambda form: record(
        hearing, form.cleaned_data, received_at=form.cleaned_data["received_at"], actor=request.user,
        idempotency_key=form.idempotency_key), title=str(title))


@login_required
@require_http_methods(["GET", "POST"])
def news_add(request, case_id):
    found = _managed(request, case_id)
    form = forms.NewsForm(_post(request), charged_at=found.charged_at, language=_language())
    return _news_page(request, found, form, lambda form: services.record_news(
        found, CourtNews(form.cleaned_data["kind"]), details=form.cleaned_data["details"],
        received_at=form.cleaned_data["received_at"], actor=request.user, idempotency_key=form.idempotency_key),
        title=_("Record news from court"))


@login_required
@require_http_methods(["GET", "POST"])
def news_told(request, case_id, news_id):
    found = _managed(request, case_id)
    try:
        item = found.news.select_related("commitment").get(pk=news_id)
    except (NewsItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such news") from None
    item.prosecution = found
    if item.told_at is not None:
        messages.info(request, _("The victim has already been told this news."))
        return redirect("court:prosecution", case_id=found.case_id)
    form = forms.ToldForm(_post(request))
    return _form_page(request, found.case, form, lambda form: services.record_told(
        item, how=form.cleaned_data["how"], actor=request.user, idempotency_key=form.idempotency_key),
        title=_("Record that the victim was told"), intro=item.label(_language()),
        success=_("Recorded that the victim was told."), prosecution=found)


# --- The witness care record -----------------------------------------------------------------------------
def _note(data):
    return data.get("note", "")


STEPS = {
    "needs": (forms.NeedsForm, gettext_lazy("Witness needs assessment"), lambda p, d, **kw:
              services.assess_witness_needs(p, needs=d["needs"], note=_note(d), **kw)),
    "measures-requested": (forms.MeasuresRequestForm, gettext_lazy("Special measures requested"), lambda p, d, **kw:
                           services.request_special_measures(p, measures=d["measures"], note=_note(d), **kw)),
    "measures-decided": (forms.MeasuresDecisionForm, gettext_lazy("The court's decision on special measures"),
                         lambda p, d, **kw: services.decide_special_measures(
                             p, measures=d["measures"], decision=d["decision"], note=_note(d), **kw)),
    "visit": (forms.VisitForm, gettext_lazy("Pre-trial visit"), lambda p, d, **kw:
              services.record_pre_trial_visit(p, outcome=d["outcome"], note=_note(d), **kw)),
    "expenses": (forms.NoteForm, gettext_lazy("Expenses information given"), lambda p, d, **kw:
                 services.record_expenses_information(p, note=_note(d), **kw)),
    "vps-offered": (forms.NoteForm, gettext_lazy("Victim Personal Statement offered"), lambda p, d, **kw:
                    services.offer_vps(p, note=_note(d), **kw)),
    "vps-made": (forms.VpsMadeForm, gettext_lazy("Victim Personal Statement made"), lambda p, d, **kw:
                 services.record_vps_made(p, made_on=d["made_on"], note=_note(d), **kw)),
    "vps-declined": (forms.NoteForm, gettext_lazy("Victim Personal Statement declined"), lambda p, d, **kw:
                     services.record_vps_declined(p, note=_note(d), **kw)),
    "vps-sentencing": (forms.VpsSentencingForm, gettext_lazy("Victim Personal Statement at sentencing"),
                       lambda p, d, **kw: services.record_vps_at_sentencing(p, use=d["use"], note=_note(d), **kw)),
    "vcs-referral": (forms.VcsReferralForm, gettext_lazy("Victim Contact Scheme referral"), lambda p, d, **kw:
                     services.refer_to_vcs(p, probation=d["probation_service"], note=_note(d), **kw)),
    "vcs-contact": (forms.NoteForm, gettext_lazy("Probation's first contact"), lambda p, d, **kw:
                    services.record_vcs_contact(p, note=_note(d), **kw)),
}
STEP_LINKS = [(step, title) for step, (_form, title, _record) in STEPS.items()]


@login_required
@require_http_methods(["GET", "POST"])
def record(request, case_id, step):
    if step not in STEPS:
        raise Http404("No such step")
    found = _managed(request, case_id)
    form_class, title, perform = STEPS[step]
    if form_class is forms.VcsReferralForm:
        form = form_class(_post(request), services=list(
            Organisation.objects.filter(kind=Organisation.Kind.PROBATION).order_by("name_en")))
    else:
        form = form_class(_post(request))

    def run(form):
        data = dict(form.cleaned_data)
        if isinstance(form, forms.VcsReferralForm):
            data["probation_service"] = form.chosen
        perform(found, data, actor=request.user, idempotency_key=form.idempotency_key)

    return _form_page(request, found.case, form, run, title=str(title), success=_("Recorded: %(what)s.") % {
        "what": title}, prosecution=found)


