"""How the sharing app's timeline events read, in the reader's language (registered in SharingConfig.ready)."""

from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from victimcare.cases.models import TimelineEvent
from victimcare.organisations.models import Organisation
from victimcare.sharing.models import Decision, LawfulBasis, Purpose, SharedItem
from victimcare.sharing.services import (
    CONSENT_WITHDRAWN,
    DECLINED_AT_SERVICE,
    REFERRAL_TURNED_DOWN,
    SUPPORT_CLOSED,
)

Kind = TimelineEvent.Kind

# Short names for what was shared, to read inside a sentence.
ITEM_NAMES = {
    SharedItem.INCIDENT_SUMMARY: _("incident summary"),
    SharedItem.VICTIM_NAME: _("victim's name and date of birth"),
    SharedItem.VICTIM_CONTACT: _("victim's contact details"),
    SharedItem.RISK_ASSESSMENT: _("risk assessment"),
    SharedItem.NEEDS: _("support needs"),
    SharedItem.CASE_PROGRESS: _("progress of the investigation"),
}
HOW = {
    "verbal": _("verbally"),
    "written": _("in writing"),
    "portal": _("through the victim portal"),
}
# Reasons the services write in English; shown in the reader's language.
SYSTEM_REASONS = {
    CONSENT_WITHDRAWN: _("The victim withdrew consent"),
    REFERRAL_TURNED_DOWN: _("The service turned the referral down"),
    SUPPORT_CLOSED: _("The service closed its support"),
    DECLINED_AT_SERVICE: _("The victim told the service they do not want its support"),
}


def organisation_name(data) -> str:
    if get_language() == "cy" and data.get("organisation_cy"):
        return data["organisation_cy"]
    return data.get("organisation", "")


def items_text(items) -> str:
    return ", ".join(str(ITEM_NAMES.get(item, item)) for item in items or ())


def kind_name(kind: str) -> str:
    try:
        return str(Organisation.Kind(kind).label).lower()
    except ValueError:
        return kind or ""


def consent_scope(purpose: str, organisation: str, kind: str) -> str:
    """What the consent is about, to follow "consented to"."""
    if purpose == Purpose.SHARE_WITH_ORGANISATION:
        return gettext("sharing information with %(organisation)s") % {"organisation": organisation}
    if purpose == Purpose.SHARE_WITH_KIND:
        return gettext("sharing information with organisations of one kind (%(kind)s)") % {"kind": kind_name(kind)}
    if purpose == Purpose.SUPPORT_REFERRAL:
        if organisation:
            return gettext("referral to %(organisation)s") % {"organisation": organisation}
        return gettext("referral to victims' services")
    if purpose == Purpose.MULTI_AGENCY_MEETING:
        return gettext("discussion of the case at a multi-agency meeting")
    if purpose == Purpose.SATISFACTION_SURVEY:
        return gettext("contact for the satisfaction survey")
    return purpose or ""


def _consent_recorded(data, case):
    scope = consent_scope(data.get("purpose", ""), organisation_name(data), data.get("organisation_kind", ""))
    sentence = {
        Decision.GIVEN: gettext("The victim consented to %(scope)s"),
        Decision.REFUSED: gettext("The victim refused consent to %(scope)s"),
        Decision.WITHDRAWN: gettext("The victim withdrew consent to %(scope)s"),
    }.get(data.get("decision"), gettext("The victim consented to %(scope)s")) % {"scope": scope}
    how = HOW.get(data.get("how"))
    return (f"{sentence} ({how})." if how else f"{sentence}."), data.get("note", "")


def _information_shared(data, case):
    values = {"organisation": organisation_name(data), "items": items_text(data.get("items"))}
    if data.get("lawful_basis") == LawfulBasis.SAFEGUARDING:
        return gettext("Information was shared with %(organisation)s on safeguarding grounds: %(items)s.") % values, ""
    return gettext("Information was shared with %(organisation)s on the victim's consent: %(items)s.") % values, ""


def _override_requested(data, case):
    values = {"organisation": organisation_name(data), "items": items_text(data.get("items"))}
    return (gettext("A safeguarding override was requested, to share with %(organisation)s without consent: "
                    "%(items)s.") % values, data.get("justification", ""))


def _override_decided(data, case):
    values = {"organisation": organisation_name(data), "items": items_text(data.get("items"))}
    if data.get("approved"):
        sentence = gettext("The safeguarding override was approved: %(items)s shared with %(organisation)s.")
    else:
        sentence = gettext("The safeguarding override to share with %(organisation)s was refused.")
    return sentence % values, data.get("note", "")


def _sharing_ended(data, case):
    reason = data.get("reason", "")
    reason = str(SYSTEM_REASONS.get(reason, reason))
    return gettext("Sharing with %(organisation)s ended.") % {"organisation": organisation_name(data)}, reason


DESCRIBERS = {
    Kind.CONSENT_RECORDED: _consent_recorded,
    Kind.INFORMATION_SHARED: _information_shared,
    Kind.SHARING_OVERRIDE_REQUESTED: _override_requested,
    Kind.SHARING_OVERRIDE_DECIDED: _override_decided,
    Kind.SHARING_ENDED: _sharing_ended,
}
