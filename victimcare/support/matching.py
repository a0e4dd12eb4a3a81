"""Which services in the directory fit a victim: by the crime, the victim's age when it happened, where
it happened, their language and what they need. Plain filtering over the (small) active directory."""

from collections import defaultdict

from django.utils import timezone

from victimcare.crimes.offences import OFFENCES
from victimcare.support.models import SPECIALIST_NEEDS, SupportNeed, SupportService

CHILD_UNDER = 18
OLDER_FROM = 60


def age_at_crime(case) -> int | None:
    crime = case.crime
    return case.victim.age_on(timezone.localdate(crime.occurred_at or crime.reported_at or case.opened_at))


def needs_from_crime(case) -> set[str]:
    """Needs the crime and the victim's age point to, whether or not a needs assessment was done."""
    crime = case.crime
    needs = set()
    if crime.is_domestic_abuse:
        needs.add(SupportNeed.DOMESTIC_ABUSE)
    offence = OFFENCES.get(crime.offence)
    if offence is not None and offence.sexual:
        needs.add(SupportNeed.SEXUAL_VIOLENCE)
    if crime.is_hate_crime:
        needs.add(SupportNeed.HATE_CRIME)
    if case.is_bereaved_relative:
        needs.add(SupportNeed.BEREAVEMENT)
    age = age_at_crime(case)
    if age is not None and age < CHILD_UNDER:
        needs.add(SupportNeed.CHILDREN)
    if age is not None and age >= OLDER_FROM:
        needs.add(SupportNeed.OLDER_PEOPLE)
    return needs


def victim_language(victim) -> str:
    if victim.preferred_language == "other":
        return (victim.other_language or "").strip().lower()
    return victim.preferred_language


def fits(service: SupportService, case, needs: set[str], area_ids: set | None) -> bool:
    crime = case.crime
    if service.crime_categories and crime.category not in service.crime_categories:
        return False
    age = age_at_crime(case)
    if age is not None and service.min_age is not None and age < service.min_age:
        return False
    if age is not None and service.max_age is not None and age > service.max_age:
        return False
    if area_ids and crime.local_authority_id and crime.local_authority_id not in area_ids:
        return False
    specialist = set(service.needs) & SPECIALIST_NEEDS
    return not (specialist and set(service.needs) <= SPECIALIST_NEEDS and not specialist & needs)


def services_for(case, *, needs=None) -> list[SupportService]:
    """Active services that fit the case, best first: most of the victim's needs met, in the victim's
    language, specialist before general, services taking referrals here before the rest, then by name.

    `needs` defaults to the latest needs assessment's; what the crime and the victim's age point to are
    added to them."""
    if needs is None:
        assessment = case.needs_assessments.order_by("-at", "-id").first()
        needs = set(assessment.needs) if assessment else set()
    needs = set(needs) | needs_from_crime(case)
    language = victim_language(case.victim)
    found = []
    services = list(SupportService.objects.active())
    areas_of = _area_ids(services)
    for service in services:
        if not fits(service, case, needs, areas_of[service.pk]):
            continue
        languages = {value.strip().lower() for value in service.languages}
        found.append(((-len(needs & set(service.needs)), language not in languages, not service.crime_categories
                       and not set(service.needs) & SPECIALIST_NEEDS, service.organisation_id is None,
                       service.name_en), service))
    return [service for _, service in sorted(found, key=lambda pair: pair[0])]


def _area_ids(services: list[SupportService]) -> dict[int, set[str]]:
    """Each service's local authority codes, read as pairs rather than as model instances: the case page asks
    on every view."""
    areas: dict[int, set[str]] = defaultdict(set)
    links = SupportService.local_authorities.through.objects.filter(supportservice__in=services)
    for service_id, area_code in links.values_list("supportservice_id", "localauthority_id"):
        areas[service_id].add(area_code)
    return areas
