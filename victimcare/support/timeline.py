"""How the support app's timeline events read, in the reader's language (registered in SupportConfig.ready)."""

from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from victimcare.cases.models import TimelineEvent
from victimcare.support.models import SupportNeed
from victimcare.support.services import DECLINED_SUPPORT, OPTED_OUT, REFERRAL_ENDED

Kind = TimelineEvent.Kind

HOW = {
    "verbal": _("verbally"),
    "written": _("in writing"),
    "portal": _("through the victim portal"),
}
# Reasons the services write in English; shown in the reader's language.
SYSTEM_REASONS = {
    DECLINED_SUPPORT: _("The victim declined support"),
    OPTED_OUT: _("The victim opted out of support"),
    REFERRAL_ENDED: _("The referral ended"),
}


def reason_text(reason: str) -> str:
    return str(SYSTEM_REASONS.get(reason, reason or ""))


def service_name(data) -> str:
    if get_language() == "cy" and data.get("service_cy"):
        return data["service_cy"]
    return data.get("service", "")


def needs_text(needs) -> str:
    labels = dict(SupportNeed.choices)
    names = [str(labels.get(need, need)) for need in needs or ()]
    return ", ".join(name[:1].lower() + name[1:] for name in names)


def _services_information_given(data, case):
    names = data.get("services_cy") if get_language() == "cy" and data.get("services_cy") else data.get("services")
    if not names:
        return gettext("The victim was given details of victims' services."), ""
    return gettext("The victim was given details of victims' services: %(services)s.") % {
        "services": ", ".join(names)}, ""


def _needs_assessed(data, case):
    if not data.get("needs"):
        return gettext("The victim's support needs were assessed: no support needed now."), data.get("notes", "")
    return gettext("The victim's support needs were assessed: %(needs)s.") % {
        "needs": needs_text(data["needs"])}, data.get("notes", "")


def _support_choice(data, case):
    sentence = {
        "given": gettext("The victim chose to have support from victims' services"),
        "refused": gettext("The victim declined support from victims' services"),
        "withdrawn": gettext("The victim opted out of support from victims' services"),
    }.get(data.get("decision"), gettext("The victim's choice about support was recorded"))
    how = HOW.get(data.get("how"))
    return (f"{sentence} ({how})." if how else f"{sentence}."), data.get("note", "")


def _referral_sent(data, case):
    return gettext("A referral was sent to %(service)s.") % {"service": service_name(data)}, ""


def _with_service(sentence):
    def describe(data, case):
        return gettext(sentence) % {"service": service_name(data)}, ""
    return describe


def _referral_rejected(data, case):
    return gettext("%(service)s turned the referral down.") % {"service": service_name(data)}, \
        data.get("rejection_reason", "")


def _support_closed(data, case):
    return gettext("%(service)s closed its support.") % {"service": service_name(data)}, data.get("outcome", "")


def _declined_by_victim(data, case):
    detail = reason_text(data.get("reason", "")) or data.get("note", "")
    return gettext("The victim declined the support of %(service)s.") % {"service": service_name(data)}, detail


DESCRIBERS = {
    Kind.SERVICES_INFORMATION_GIVEN: _services_information_given,
    Kind.NEEDS_ASSESSED: _needs_assessed,
    Kind.SUPPORT_CHOICE: _support_choice,
    Kind.REFERRAL_ACCEPTED: _with_service(gettext_noop("%(service)s accepted the referral.")),
    Kind.REFERRAL_REJECTED: _referral_rejected,
    Kind.REFERRAL_VICTIM_CONTACTED: _with_service(gettext_noop("%(service)s contacted the victim.")),
    Kind.SUPPORT_STARTED: _with_service(gettext_noop("%(service)s is supporting the victim.")),
    Kind.SUPPORT_CLOSED: _support_closed,
    Kind.REFERRAL_DECLINED_BY_VICTIM: _declined_by_victim,
    Kind.REFERRAL_SENT: _referral_sent,
}
