"""How each timeline event is described on screen, in the current language.

`describe(event, case)` turns a TimelineEvent into a plain sentence (and any free text recorded with
it) using gettext, so call it with the reader's language active. Labels that live in the plain-Python
rules (decisions, commitment kinds, enhanced-rights reasons) come from there; data.police.uk outcome
texts, which arrive in English, are translated through OUTCOMES_CY below.
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, gettext_noop, pgettext
from django.utils.translation import gettext_lazy as _

from victimcare.cases.forms import HOW_TOLD, CaseOutcome
from victimcare.cases.models import TimelineEvent
from victimcare.charter.rules import CommitmentKind, EnhancedReason, KeyDecision
from victimcare.contact.choices import KEY_EVENTS_ONLY_REASON, Channel, FailedAttemptReason
from victimcare.firstcontact.choices import Proposal, RiskLevel

Kind = TimelineEvent.Kind

RESPONSE_GRADES = {
    1: _("grade 1 (emergency)"),
    2: _("grade 2 (priority)"),
    3: _("grade 3 (scheduled)"),
    4: _("grade 4 (resolution without deployment)"),
}

# data.police.uk outcome texts (street "Last outcome category" and outcomes "Outcome type"), in Welsh.
OUTCOMES_CY = {
    "Action to be taken by another organisation": "Sefydliad arall i gymryd camau",
    "Awaiting court outcome": "Yn aros am ganlyniad y llys",
    "Court case unable to proceed": "Nid oes modd i'r achos llys fynd yn ei flaen",
    "Court result unavailable": "Nid yw canlyniad y llys ar gael",
    "Defendant found not guilty": "Cafwyd y diffynnydd yn ddieuog",
    "Defendant sent to Crown Court": "Anfonwyd y diffynnydd i Lys y Goron",
    "Formal action is not in the public interest": "Nid yw camau ffurfiol er budd y cyhoedd",
    "Further action is not in the public interest": "Nid yw camau pellach er budd y cyhoedd",
    "Further investigation is not in the public interest": "Nid yw ymchwilio ymhellach er budd y cyhoedd",
    "Investigation complete; no suspect identified": "Ymchwiliad wedi'i gwblhau; ni nodwyd neb a amheuir",
    "Local resolution": "Datrysiad lleol",
    "Offender deprived of property": "Amddifadwyd y troseddwr o eiddo",
    "Offender fined": "Rhoddwyd dirwy i'r troseddwr",
    "Offender given a caution": "Rhoddwyd rhybuddiad i'r troseddwr",
    "Offender given a drugs possession warning": "Rhoddwyd rhybudd meddu ar gyffuriau i'r troseddwr",
    "Offender given absolute discharge": "Rhoddwyd rhyddhad diamod i'r troseddwr",
    "Offender given community sentence": "Rhoddwyd dedfryd gymunedol i'r troseddwr",
    "Offender given conditional discharge": "Rhoddwyd rhyddhad amodol i'r troseddwr",
    "Offender given penalty notice": "Rhoddwyd hysbysiad cosb i'r troseddwr",
    "Offender given suspended prison sentence": "Rhoddwyd dedfryd o garchar ohiriedig i'r troseddwr",
    "Offender ordered to pay compensation": "Gorchmynnwyd i'r troseddwr dalu iawndal",
    "Offender otherwise dealt with": "Ymdriniwyd â'r troseddwr mewn ffordd arall",
    "Offender sent to prison": "Anfonwyd y troseddwr i'r carchar",
    "Status update unavailable": "Nid oes diweddariad ar y statws ar gael",
    "Suspect charged": "Cyhuddwyd rhywun a amheuir",
    "Suspect charged as part of another case": "Cyhuddwyd rhywun a amheuir fel rhan o achos arall",
    "Unable to prosecute suspect": "Methu erlyn rhywun a amheuir",
    "Under investigation": "Yn destun ymchwiliad",
}

# Reasons the services write in English; shown through gettext so they read in Welsh too.
SYSTEM_REASONS = {
    gettext_noop("Case closed before it was met"),
    KEY_EVENTS_ONLY_REASON,
    gettext_noop("The victim chose not to have an officer attend"),
}
_REGRADED = re.compile(r"^Re-graded to grade (\d+)$")


@dataclass(frozen=True)
class Entry:
    title: str
    description: str
    detail: str
    by: str
    at: datetime


def outcome_text(text: str, language: str | None = None) -> str:
    language = language or get_language() or "en"
    return OUTCOMES_CY.get(text, text) if language == "cy" else text


def _language() -> str:
    return get_language() or "en"


def _commitment_kind(value) -> str:
    try:
        return CommitmentKind(value).label(_language())
    except ValueError:
        return str(value or "")


def decision_label(value) -> str:
    try:
        return KeyDecision(value).label(_language())
    except ValueError:
        return str(value or "")


def reason_label(value) -> str:
    try:
        return EnhancedReason(value).label(_language())
    except ValueError:
        return str(value)


def _grade(value) -> str:
    return str(RESPONSE_GRADES.get(value, value))


def _how(value) -> str:
    return str(dict(HOW_TOLD).get(value, value or ""))


def _system_reason(text: str) -> str:
    match = _REGRADED.match(text or "")
    if match:
        return gettext("Re-graded to grade %(grade)s") % {"grade": match.group(1)}
    return gettext(text) if text in SYSTEM_REASONS else (text or "")


def _when(iso: str) -> str:
    try:
        moment = timezone.localtime(datetime.fromisoformat(iso))
    except (TypeError, ValueError):
        return ""
    return date_format(moment, "j F Y, H:i")


def _case_opened(data, case):
    if case is not None and data.get("unit") == case.unit_id:
        return gettext("The case was opened and given to %(unit)s.") % {"unit": case.unit.name}, ""
    return gettext("The case was opened."), ""


def _enhanced_rights_assessed(data, case):
    if data.get("eligible"):
        reasons = ", ".join(reason_label(r) for r in data.get("reasons", []))
        return gettext("The victim is entitled to enhanced rights: %(reasons)s.") % {"reasons": reasons}, ""
    return gettext("The victim is not entitled to enhanced rights."), ""


def _officer_assigned(data, case):
    name = data.get("officer_name") or gettext("An officer")
    return gettext("%(officer)s was made the officer in charge.") % {"officer": name}, ""


def _response_graded(data, case):
    grade = _grade(data.get("grade"))
    if data.get("previous_grade"):
        sentence = gettext("The response was re-graded from %(previous)s to %(grade)s.") % {
            "previous": _grade(data["previous_grade"]), "grade": grade}
    else:
        sentence = gettext("The response was graded %(grade)s.") % {"grade": grade}
    return sentence, data.get("rationale", "")


def _key_decision(data, case):
    decision = decision_label(data.get("decision"))
    detail = data.get("note", "")
    if data.get("tell_victim"):
        told = gettext("To tell the victim: %(text)s") % {"text": data["tell_victim"]}
        detail = f"{detail}\n{told}" if detail else told
    return gettext("Investigation decision: %(decision)s.") % {"decision": decision}, detail


def _victim_informed(data, case):
    values = {"decision": decision_label(data.get("decision")), "how": _how(data.get("how")).lower()}
    if data.get("how"):
        return gettext("The victim was told about the decision (%(decision)s) %(how)s.") % values, ""
    return gettext("The victim was told about the decision (%(decision)s).") % values, ""


def _outcome(data, case):
    text = data.get("outcome") or data.get("outcome_type") or data.get("category") or data.get("text") or ""
    return gettext("data.police.uk outcome: %(outcome)s.") % {"outcome": outcome_text(text)}, ""


def _commitment_opened(data, case):
    return gettext("New commitment: %(what)s, due by %(due)s.") % {
        "what": _commitment_kind(data.get("commitment_kind")), "due": _when(data.get("due_at", ""))}, ""


def _commitment_met(data, case):
    what = {"what": _commitment_kind(data.get("commitment_kind"))}
    if data.get("on_time", True):
        return gettext("Commitment met on time: %(what)s.") % what, ""
    return gettext("Commitment met late: %(what)s.") % what, ""


def _commitment_replanned(data, case):
    return gettext("Commitment re-planned: %(what)s, now due by %(due)s.") % {
        "what": _commitment_kind(data.get("commitment_kind")), "due": _when(data.get("due_at", ""))}, ""


def _commitment_ended(sentence):
    def describe_ending(data, case):
        what = {"what": _commitment_kind(data.get("commitment_kind"))}
        return gettext(sentence) % what, _system_reason(data.get("reason", ""))
    return describe_ending


def _report_recorded(data, case):
    return gettext("The report was recorded with crime reference %(reference)s.") % {
        "reference": data.get("reference", "")}, ""


def _assessment_recorded(data, case):
    risk = data.get("risk_level")
    if risk in RiskLevel.values:
        return gettext("The first-contact assessment was recorded. Risk: %(risk)s.") % {
            "risk": str(RiskLevel(risk).label).lower()}, ""
    return gettext("The first-contact assessment was recorded."), ""


def _proposal_overridden(data, case):
    what = data.get("proposal")
    label = str(Proposal(what).label) if what in Proposal.values else str(what or "")
    return gettext("The proposed %(what)s was changed from %(proposed)s to %(chosen)s.") % {
        "what": label, "proposed": data.get("proposed", ""), "chosen": data.get("chosen", "")}, data.get("reason", "")


def _acknowledgement_given(data, case):
    if data.get("by"):  # sent through the outbox, recorded when it went
        return gettext("A written acknowledgement was sent to the victim by %(channel)s.") % {
            "channel": _channel(data["by"])}, ""
    return gettext("A written acknowledgement was given to the victim."), ""


def _officer_dispatched(data, case):
    name = data.get("officer_name") or gettext("An officer")
    return gettext("%(officer)s was dispatched.") % {"officer": name}, ""


# Welsh soft mutation after "drwy" ("by"): llythyr -> drwy lythyr, porth -> drwy borth. Longest first.
_SOFT_MUTATION = (("ll", "l"), ("rh", "r"), ("p", "b"), ("t", "d"), ("c", "g"), ("b", "f"), ("d", "dd"),
                  ("m", "f"), ("g", ""))


def _soft_mutated(word: str) -> str:
    for radical, mutated in _SOFT_MUTATION:
        if word.startswith(radical):
            return mutated + word[len(radical):]
    return word


def _channel(value) -> str:
    """The channel as it follows "by" in a sentence ("by letter", "drwy lythyr")."""
    label = str(Channel(value).label).lower() if value in Channel.values else str(value or "")
    return _soft_mutated(label) if _language() == "cy" else label


def _contact_agreed(data, case):
    values = {"channel": _channel(data.get("channel")), "days": data.get("every_days")}
    if data.get("every_days"):
        return gettext("Updates agreed with the victim: by %(channel)s, every %(days)s days.") % values, ""
    return gettext("Updates agreed with the victim: by %(channel)s, when something important happens.") % values, ""


def _update_given(data, case):
    return gettext("The victim was updated by %(channel)s.") % {"channel": _channel(data.get("channel"))}, \
        data.get("summary", "")


def _update_attempt_failed(data, case):
    reason = data.get("reason")
    label = str(FailedAttemptReason(reason).label).lower() if reason in FailedAttemptReason.values else ""
    return gettext("An attempt to update the victim by %(channel)s failed: %(reason)s.") % {
        "channel": _channel(data.get("channel")), "reason": label}, data.get("note", "")


def _case_closed(data, case):
    outcome = data.get("outcome")
    if not outcome:
        return gettext("The case was closed."), ""
    label = str(CaseOutcome(outcome).label) if outcome in CaseOutcome.values else str(outcome)
    return gettext("The case was closed. Outcome: %(outcome)s.") % {"outcome": label}, ""


def _attendance_declined(data, case):
    return gettext("The victim chose not to have an officer attend."), data.get("reason", "")


def _fixed(sentence):
    return lambda data, case: (gettext(sentence), "")


DESCRIBERS = {
    Kind.CASE_OPENED: _case_opened,
    Kind.REPORT_RECORDED: _report_recorded,
    Kind.ASSESSMENT_RECORDED: _assessment_recorded,
    Kind.PROPOSAL_OVERRIDDEN: _proposal_overridden,
    Kind.ACKNOWLEDGEMENT_GIVEN: _acknowledgement_given,
    Kind.ENHANCED_RIGHTS_ASSESSED: _enhanced_rights_assessed,
    Kind.OFFICER_ASSIGNED: _officer_assigned,
    Kind.RESPONSE_GRADED: _response_graded,
    Kind.OFFICER_DISPATCHED: _officer_dispatched,
    Kind.OFFICER_ATTENDED: _fixed(gettext_noop("An officer attended.")),
    Kind.ATTENDANCE_DECLINED: _attendance_declined,
    Kind.CONTACT_AGREED: _contact_agreed,
    Kind.UPDATE_GIVEN: _update_given,
    Kind.UPDATE_ATTEMPT_FAILED: _update_attempt_failed,
    Kind.KEY_DECISION: _key_decision,
    Kind.VICTIM_INFORMED: _victim_informed,
    Kind.REFERRAL_CONSENT: _fixed(gettext_noop("The victim agreed to be referred to a support service.")),
    Kind.OUTCOME: _outcome,
    Kind.COMMITMENT_OPENED: _commitment_opened,
    Kind.COMMITMENT_MET: _commitment_met,
    Kind.COMMITMENT_REPLANNED: _commitment_replanned,
    Kind.COMMITMENT_OVERDUE: _commitment_ended(gettext_noop("Commitment overdue: %(what)s.")),
    Kind.COMMITMENT_MISSED: _commitment_ended(gettext_noop("Commitment missed: %(what)s.")),
    Kind.COMMITMENT_WAIVED: _commitment_ended(gettext_noop("Commitment waived: %(what)s.")),
    Kind.CASE_CLOSED: _case_closed,
}


def register_describers(describers: dict) -> None:
    """Let an app describe its own event kinds ({kind: describer(data, case) -> (sentence, detail)}).
    Called from the app's AppConfig.ready(); a kind described twice is a mistake."""
    clash = set(describers) & set(DESCRIBERS)
    if clash:
        raise ValueError(f"Timeline kinds already described: {', '.join(sorted(clash))}")
    DESCRIBERS.update(describers)


def register_system_reasons(*reasons: str) -> None:
    """Reasons an app's services write in English (e.g. when they waive a commitment), to be shown in the
    reader's language: each must be in that app's catalogue."""
    SYSTEM_REASONS.update(reasons)


# get_kind_display() translates every kind's label to find one (Django builds the whole choices dict each call):
# a tenth of the case page's time with a long timeline. Here one label is translated per event.
_KIND_LABELS = dict(Kind.choices)


def kind_label(kind: str) -> str:
    return str(_KIND_LABELS.get(kind, kind))


def _sentence(event: TimelineEvent, case) -> tuple[str, str]:
    """(sentence, free-text detail) for one event."""
    describer = DESCRIBERS.get(event.kind)
    if describer is None:
        return kind_label(event.kind), ""
    return describer(event.data or {}, case)


def describe(event: TimelineEvent, case=None) -> Entry:
    sentence, detail = _sentence(event, case)
    if event.actor_id:
        by = str(event.actor)
    elif event.kind == Kind.OUTCOME:
        by = "data.police.uk"
    else:
        by = pgettext("timeline byline", "Victim Care")
    return Entry(title=kind_label(event.kind), description=sentence, detail=detail, by=by,
                 at=event.occurred_at)
