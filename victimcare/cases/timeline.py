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

from victimcare.cases.forms import HOW_TOLD
from victimcare.cases.models import TimelineEvent
from victimcare.charter.rules import CommitmentKind, EnhancedReason, KeyDecision

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
SYSTEM_REASONS = (gettext_noop("Case closed before it was met"),)
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


def _sentence(event: TimelineEvent, case) -> tuple[str, str]:
    """(sentence, free-text detail) for one event."""
    data = event.data or {}
    kind = event.kind
    if kind == Kind.CASE_OPENED:
        if case is not None and data.get("unit") == case.unit_id:
            return gettext("The case was opened and given to %(unit)s.") % {"unit": case.unit.name}, ""
        return gettext("The case was opened."), ""
    if kind == Kind.ENHANCED_RIGHTS_ASSESSED:
        if data.get("eligible"):
            reasons = ", ".join(reason_label(r) for r in data.get("reasons", []))
            return gettext("The victim is entitled to enhanced rights: %(reasons)s.") % {"reasons": reasons}, ""
        return gettext("The victim is not entitled to enhanced rights."), ""
    if kind == Kind.OFFICER_ASSIGNED:
        name = data.get("officer_name") or gettext("An officer")
        return gettext("%(officer)s was made the officer in charge.") % {"officer": name}, ""
    if kind == Kind.RESPONSE_GRADED:
        grade = _grade(data.get("grade"))
        if data.get("previous_grade"):
            sentence = gettext("The response was re-graded from %(previous)s to %(grade)s.") % {
                "previous": _grade(data["previous_grade"]), "grade": grade}
        else:
            sentence = gettext("The response was graded %(grade)s.") % {"grade": grade}
        return sentence, data.get("rationale", "")
    if kind == Kind.OFFICER_ATTENDED:
        return gettext("An officer attended."), ""
    if kind == Kind.KEY_DECISION:
        return gettext("Investigation decision: %(decision)s.") % {"decision": decision_label(data.get("decision"))}, \
            data.get("note", "")
    if kind == Kind.VICTIM_INFORMED:
        values = {"decision": decision_label(data.get("decision")), "how": _how(data.get("how")).lower()}
        if data.get("how"):
            return gettext("The victim was told about the decision (%(decision)s) %(how)s.") % values, ""
        return gettext("The victim was told about the decision (%(decision)s).") % values, ""
    if kind == Kind.REFERRAL_CONSENT:
        return gettext("The victim agreed to be referred to a support service."), ""
    if kind == Kind.REFERRAL_SENT:
        return gettext("A referral was sent to %(service)s.") % {"service": data.get("service", "")}, ""
    if kind == Kind.OUTCOME:
        text = data.get("outcome") or data.get("outcome_type") or data.get("category") or data.get("text") or ""
        return gettext("data.police.uk outcome: %(outcome)s.") % {"outcome": outcome_text(text)}, ""
    kind_label = _commitment_kind(data.get("commitment_kind"))
    if kind == Kind.COMMITMENT_OPENED:
        return gettext("New commitment: %(what)s, due by %(due)s.") % {
            "what": kind_label, "due": _when(data.get("due_at", ""))}, ""
    if kind == Kind.COMMITMENT_MET:
        if data.get("on_time", True):
            return gettext("Commitment met on time: %(what)s.") % {"what": kind_label}, ""
        return gettext("Commitment met late: %(what)s.") % {"what": kind_label}, ""
    if kind == Kind.COMMITMENT_OVERDUE:
        return gettext("Commitment overdue: %(what)s.") % {"what": kind_label}, ""
    if kind == Kind.COMMITMENT_MISSED:
        return gettext("Commitment missed: %(what)s.") % {"what": kind_label}, _system_reason(data.get("reason", ""))
    if kind == Kind.COMMITMENT_WAIVED:
        return gettext("Commitment waived: %(what)s.") % {"what": kind_label}, _system_reason(data.get("reason", ""))
    if kind == Kind.CASE_CLOSED:
        return gettext("The case was closed."), ""
    return str(event.get_kind_display()), ""


def describe(event: TimelineEvent, case=None) -> Entry:
    sentence, detail = _sentence(event, case)
    if event.actor_id:
        by = str(event.actor)
    elif event.kind == Kind.OUTCOME:
        by = "data.police.uk"
    else:
        by = pgettext("timeline byline", "Victim Care")
    return Entry(title=str(event.get_kind_display()), description=sentence, detail=detail, by=by,
                 at=event.occurred_at)
