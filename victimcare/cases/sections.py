"""The case page's sections: the summary, and one page for each group of panels, joined by MOJ sub navigation.

One long page held all twelve panels, each with its own reads: about 40 ms of CPU a view, for staff who mostly
came to see or do one thing. Each section now reads and renders only its own panels. A commitment on the
summary links to the section where it is dealt with."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy, gettext_noop

from victimcare.charter.rules import CommitmentKind


@dataclass(frozen=True, eq=False)  # each section is one object: compared and hashed by identity
class CaseSection:
    name: str  # the URL name in the cases namespace
    title: str
    logged_as: str  # what the access log records of a view, in English (translated when shown)


SUMMARY = CaseSection("detail", gettext_lazy("Summary"), gettext_noop("case page"))
CONTACT = CaseSection("contact", gettext_lazy("Contact and response"),
                      gettext_noop("case page: contact and response"))
SUPPORT = CaseSection("support", gettext_lazy("Support and partners"),
                      gettext_noop("case page: support and partners"))
COURT = CaseSection("court", gettext_lazy("Court and property"), gettext_noop("case page: court and property"))
DOCUMENTS = CaseSection("documents", gettext_lazy("Documents and messages"),
                        gettext_noop("case page: documents and messages"))
TIMELINE = CaseSection("timeline", gettext_lazy("Timeline"), gettext_noop("case page: timeline"))

SECTIONS = (SUMMARY, CONTACT, SUPPORT, COURT, DOCUMENTS, TIMELINE)
SECTIONS_BY_NAME = {section.name: section for section in SECTIONS}

# Where each kind of commitment is dealt with. A kind not here is dealt with on the summary itself.
SECTION_OF_KIND = {
    CommitmentKind.RESPONSE: CONTACT,
    CommitmentKind.WRITTEN_ACKNOWLEDGEMENT: CONTACT,
    CommitmentKind.CONTACT_AGREEMENT: CONTACT,
    CommitmentKind.VICTIM_UPDATE: CONTACT,
    CommitmentKind.REFERRAL_TO_SUPPORT: SUPPORT,
    CommitmentKind.SERVICES_INFORMATION: SUPPORT,
    CommitmentKind.NEEDS_ASSESSMENT: SUPPORT,
    CommitmentKind.REFERRAL_RESPONSE: SUPPORT,
    CommitmentKind.SUPPORT_CONTACT: SUPPORT,
    CommitmentKind.NEIGHBOURHOOD_ACKNOWLEDGEMENT: SUPPORT,
    CommitmentKind.MULTI_AGENCY_ACTION: SUPPORT,
    CommitmentKind.INFORM_COURT_NEWS: COURT,
    CommitmentKind.WITNESS_NEEDS_ASSESSMENT: COURT,
    CommitmentKind.OFFER_VPS: COURT,
    CommitmentKind.VCS_REFERRAL: COURT,
    CommitmentKind.VCS_FIRST_CONTACT: COURT,
    CommitmentKind.PROPERTY_RETURN: COURT,
    CommitmentKind.VICTIM_MESSAGE_REPLY: DOCUMENTS,
    CommitmentKind.COMPLAINT_ACKNOWLEDGEMENT: DOCUMENTS,
}
