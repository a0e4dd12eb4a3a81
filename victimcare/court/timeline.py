"""How the court journey reads on a case's timeline, in the reader's language."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext

from victimcare.cases.models import TimelineEvent
from victimcare.charter.rules import CourtNews
from victimcare.court.choices import Measure, MeasuresDecision, Need, Visit, VpsUse, labels
from victimcare.court.models import Hearing, NewsItem

Kind = TimelineEvent.Kind


def _welsh() -> bool:
    return (get_language() or "en").startswith("cy")


def _named(data, key) -> str:
    if _welsh() and data.get(f"{key}_cy"):
        return data[f"{key}_cy"]
    return data.get(key, "")


def _moment(iso) -> str:
    try:
        return date_format(timezone.localtime(datetime.fromisoformat(iso)), "j F Y, H:i")
    except (TypeError, ValueError):
        return ""


def _day(iso) -> str:
    try:
        return date_format(date.fromisoformat(iso), "j F Y")
    except (TypeError, ValueError):
        return ""


def _label(choices, value) -> str:
    return str(choices(value).label) if value in choices.values else str(value or "")


def news_label(value) -> str:
    return CourtNews(value).label("cy" if _welsh() else "en") if value in set(CourtNews) else str(value or "")


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _started(data, case):
    return gettext("The suspect was charged; the case goes to %(court)s. %(unit)s keeps the victim informed "
                   "from now on.") % {"court": data.get("court", ""), "unit": _named(data, "unit_name")}, \
        data.get("charge", "")


def _news_sentence(data) -> str:
    news = data.get("news")
    hearing = _lower(_label(Hearing.Kind, data.get("hearing_kind")))
    values = {"hearing": hearing, "when": _moment(data.get("starts_at")), "place": data.get("place", "")}
    if news == CourtNews.HEARING_LISTED:
        if values["place"]:
            return gettext("%(hearing)s listed for %(when)s, %(place)s.") % values
        return gettext("%(hearing)s listed for %(when)s.") % values
    if news == CourtNews.HEARING_MOVED:
        return gettext("%(hearing)s moved to %(when)s.") % values
    if news == CourtNews.HEARING_VACATED:
        return gettext("%(hearing)s on %(when)s cancelled.") % values
    if news == CourtNews.PLEA:
        return f"{_lower(_label(Hearing.Plea, data.get('plea')))}."
    if news == CourtNews.VERDICT:
        return f"{_lower(_label(Hearing.Verdict, data.get('verdict')))}."
    if news == CourtNews.SENTENCE:
        if data.get("custody_months") is not None:
            return gettext("sentenced to %(months)s months' custody.") % {"months": data["custody_months"]}
        return gettext("sentenced to %(sentence)s.") % {"sentence": data.get("non_custodial", "")}
    if news == CourtNews.BAIL_OUTCOME:
        return f"{_lower(_label(Hearing.Bail, data.get('bail')))}."
    return f"{_lower(news_label(news))}."


def _received(data, case):
    sentence = gettext("Court news received by the Witness Care Unit on %(when)s: %(news)s") % {
        "when": _moment(data.get("received_at")), "news": _news_sentence(data)}
    return sentence, data.get("details", "")


def _told(data, case):
    return gettext("The victim was told the court news (%(news)s): %(how)s.") % {
        "news": _lower(news_label(data.get("news"))), "how": _lower(_label(NewsItem.How, data.get("how")))}, ""


def _needs(data, case):
    needs = "; ".join(_lower(label) for label in labels(Need, data.get("needs")))
    if needs:
        return gettext("The victim's needs as a witness were assessed: %(needs)s.") % {"needs": needs}, \
            data.get("note", "")
    return gettext("The victim's needs as a witness were assessed.") , data.get("note", "")


def _measures(data) -> str:
    return "; ".join(_lower(label) for label in labels(Measure, data.get("measures")))


def _measures_requested(data, case):
    return gettext("Special measures requested: %(measures)s.") % {"measures": _measures(data)}, data.get("note", "")


def _measures_decided(data, case):
    if data.get("decision") == MeasuresDecision.GRANTED:
        sentence = gettext("The court granted special measures: %(measures)s.")
    else:
        sentence = gettext("The court refused special measures: %(measures)s.")
    return sentence % {"measures": _measures(data)}, data.get("note", "")


def _visit(data, case):
    sentences = {
        Visit.OFFERED: gettext("A pre-trial visit to the court was offered."),
        Visit.DONE: gettext("The victim made a pre-trial visit to the court."),
        Visit.DECLINED: gettext("The victim declined a pre-trial visit to the court."),
    }
    return sentences.get(data.get("outcome"), gettext("Pre-trial visit.")), data.get("note", "")


def _expenses(data, case):
    return gettext("The victim was given information about claiming expenses for going to court."), \
        data.get("note", "")


def _vps_offered(data, case):
    return gettext("The victim was offered the chance to make a Victim Personal Statement."), data.get("note", "")


def _vps_made(data, case):
    return gettext("The victim made a Victim Personal Statement on %(day)s.") % {"day": _day(data.get("made_on"))}, \
        data.get("note", "")


def _vps_declined(data, case):
    return gettext("The victim chose not to make a Victim Personal Statement."), data.get("note", "")


def _vps_sentencing(data, case):
    sentences = {
        VpsUse.READ_ALOUD: gettext("At sentencing the Victim Personal Statement was read aloud in court."),
        VpsUse.GIVEN_TO_JUDGE: gettext("At sentencing the Victim Personal Statement was given to the judge to "
                                       "read."),
        VpsUse.NOT_USED: gettext("The Victim Personal Statement was not used at sentencing."),
    }
    return sentences.get(data.get("use"), _label(VpsUse, data.get("use"))), data.get("note", "")


def _vcs_referred(data, case):
    return gettext("Referred to %(probation)s for the Victim Contact Scheme.") % {
        "probation": _named(data, "probation_name")}, data.get("note", "")


def _vcs_contacted(data, case):
    return gettext("Probation made first contact with the victim under the Victim Contact Scheme."), \
        data.get("note", "")


DESCRIBERS = {
    Kind.PROSECUTION_STARTED: _started,
    Kind.COURT_NEWS_RECEIVED: _received,
    Kind.COURT_NEWS_TOLD: _told,
    Kind.WITNESS_NEEDS_ASSESSED: _needs,
    Kind.SPECIAL_MEASURES_REQUESTED: _measures_requested,
    Kind.SPECIAL_MEASURES_DECIDED: _measures_decided,
    Kind.PRE_TRIAL_VISIT: _visit,
    Kind.EXPENSES_INFORMATION_GIVEN: _expenses,
    Kind.VPS_OFFERED: _vps_offered,
    Kind.VPS_MADE: _vps_made,
    Kind.VPS_DECLINED: _vps_declined,
    Kind.VPS_AT_SENTENCING: _vps_sentencing,
    Kind.VCS_REFERRED: _vcs_referred,
    Kind.VCS_CONTACTED: _vcs_contacted,
}
