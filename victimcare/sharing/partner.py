"""What a receiving organisation sees of a case: exactly the items that disclosures in force gave it.

`shared_case(case_id, organisation_ids)` answers None when nothing of the case is shared in force with
these organisations (the views answer 404), else a SharedCase holding only the parts shared. The web page
and the API both read from it, so they can never disagree about what is shown."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Min
from django.utils import timezone

from victimcare.cases.access import MAX_ID
from victimcare.cases.models import TimelineEvent
from victimcare.crimes.places import street_level
from victimcare.sharing.models import Disclosure, SharedItem


@dataclass
class SharedCase:
    case: object
    items: set[str]
    since: datetime
    disclosures: list = field(default_factory=list)
    incident: dict | None = None
    victim: dict | None = None
    contact: dict | None = None
    risk: dict | None = None
    needs: dict | None = None
    progress: dict | None = None

    @property
    def reference(self) -> str:
        return self.case.crime.reference


def in_force_to(organisation_ids):
    return Disclosure.objects.in_force().for_organisations(organisation_ids)


def shared_case_ids(organisation_ids):
    """The cases shared in force with these organisations, most recently shared first, as rows of case_id and
    since (when sharing the case began): a query to paginate before any case is read."""
    return (in_force_to(organisation_ids).order_by().values("case_id").annotate(since=Min("shared_at"))
            .order_by("-since", "-case_id"))


def shared_cases(organisation_ids, case_ids=None) -> list[dict]:
    """One row per case shared in force with these organisations (of `case_ids`, if given): the case, what was
    shared (items in SharedItem order) and since when. One query."""
    rows: dict[int, dict] = {}
    disclosures = in_force_to(organisation_ids)
    if case_ids is not None:
        disclosures = disclosures.filter(case_id__in=case_ids)
    disclosures = disclosures.select_related("case__crime", "organisation").order_by("shared_at", "id")
    for disclosure in disclosures:
        row = rows.setdefault(disclosure.case_id, {"case": disclosure.case, "items": set(),
                                                   "since": disclosure.shared_at, "organisations": []})
        row["items"].update(disclosure.items)
        if disclosure.organisation not in row["organisations"]:
            row["organisations"].append(disclosure.organisation)
    for row in rows.values():
        row["items"] = [item for item in SharedItem.values if item in row["items"]]
    return sorted(rows.values(), key=lambda row: row["since"], reverse=True)


def _incident(case) -> dict:
    crime = case.crime
    when = timezone.localdate(crime.occurred_at) if crime.occurred_at else None
    return {
        "category": crime.category_name,
        "offence": crime.offence_name,
        "date": when,
        "month": crime.month,
        "ward": crime.ward.name if crime.ward_id else "",
        "area": crime.local_authority.name if crime.local_authority_id else "",
        # Street level only: the incident summary never points at the victim's home.
        "location": street_level(crime.location_description),
    }


def _assessment(case):
    from victimcare.firstcontact.models import FirstContactAssessment

    return FirstContactAssessment.objects.filter(case=case).first()


def _needs(assessment) -> dict:
    from victimcare.firstcontact.forms import SAFE_WAYS

    needs = assessment.needs if assessment else {}
    ways = dict(SAFE_WAYS)
    return {
        "impact": needs.get("impact", ""),
        "communication": needs.get("communication", ""),
        "safe_ways": [str(ways.get(way, way)) for way in needs.get("safe_ways", [])],
        "safe_times": needs.get("safe_times", ""),
        "leave_messages": needs.get("leave_messages"),
    }


def _progress(case) -> dict:
    from victimcare.cases.timeline import decision_label

    decision = TimelineEvent.objects.filter(case=case, kind=TimelineEvent.Kind.KEY_DECISION).order_by(
        "-occurred_at", "-id").first()
    return {
        "status": case.get_status_display(),
        "status_code": case.status,
        "last_decision": decision_label(decision.data.get("decision")) if decision else "",
        "last_decision_at": decision.occurred_at if decision else None,
    }


def shared_case(case_id, organisation_ids) -> SharedCase | None:
    """The case as shared with these organisations, or None. At most four queries."""
    if not 0 < case_id <= MAX_ID:
        return None
    disclosures = list(in_force_to(organisation_ids).filter(case_id=case_id).select_related(
        "case__crime__ward", "case__crime__local_authority", "case__victim", "organisation").order_by(
        "shared_at", "id"))
    if not disclosures:
        return None
    case = disclosures[0].case
    items = set().union(*(set(d.items) for d in disclosures))
    shared = SharedCase(case=case, items=items, since=disclosures[0].shared_at, disclosures=disclosures)
    if SharedItem.INCIDENT_SUMMARY in items:
        shared.incident = _incident(case)
    if SharedItem.VICTIM_NAME in items:
        shared.victim = {"name": case.victim.full_name, "date_of_birth": case.victim.date_of_birth}
    if SharedItem.VICTIM_CONTACT in items:
        victim = case.victim
        shared.contact = {"phone": victim.phone, "email": victim.email, "address": victim.address,
                          "postcode": victim.postcode}
    if items & {SharedItem.RISK_ASSESSMENT, SharedItem.NEEDS}:
        assessment = _assessment(case)
        if SharedItem.RISK_ASSESSMENT in items:
            shared.risk = {
                "risk_level": assessment.get_risk_level_display() if assessment else "",
                "risk_level_code": assessment.risk_level if assessment else "",
                "dash_score": assessment.dash_score if assessment else None,
            }
        if SharedItem.NEEDS in items:
            shared.needs = _needs(assessment)
    if SharedItem.CASE_PROGRESS in items:
        shared.progress = _progress(case)
    return shared
