"""Build the demo: real Gwent crimes from the shipped sample, the organisations and staff, about 150
made-up victims with a case each, and their histories. Runs once: if the demo is there already it only
reports the sign-ins."""

import random
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import import_module

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.cases.models import Case
from victimcare.cases.services import open_case
from victimcare.charter.models import Commitment
from victimcare.crimes.importer import ImportReport, import_police_uk, read_rows
from victimcare.crimes.models import Crime
from victimcare.demo.crime_details import add_details_to_all
from victimcare.demo.histories import CLOSED_STORIES, OPEN_STORIES, Cast, Story, story_plan
from victimcare.demo.organisations import (
    ADMINISTRATOR_USERNAME,
    CALL_HANDLER_USERNAME,
    create_organisations,
    create_staff,
    sign_in_rows,
)
from victimcare.demo.people import make_victim
from victimcare.demo.sample import DATA_DIR
from victimcare.organisations.models import Membership, Organisation
from victimcare.victims.models import Victim

# Later domain areas add their own demo data (directory, teams, consents, meetings), in this order.
DEMO_AREAS = ("victimcare.sharing.demo", "victimcare.support.demo", "victimcare.neighbourhood.demo",
              "victimcare.multiagency.demo", "victimcare.court.demo", "victimcare.property.demo",
              "victimcare.portal.demo", "victimcare.satisfaction.demo")
SEED = 20250601
VICTIMS = 150
CLOSED_CASES = 70
ONGOING_OUTCOMES = {"Under investigation", "Awaiting court outcome", "Status update unavailable"}


@dataclass
class DemoReport:
    created: bool
    sign_ins: list[tuple[str, str, str]]
    crimes: ImportReport | None = None
    victims: Counter = field(default_factory=Counter)
    cases: dict[str, int] = field(default_factory=dict)
    commitments: dict[str, int] = field(default_factory=dict)
    overdue_recorded: int | None = None


def demo_exists() -> bool:
    return User.objects.filter(username=ADMINISTRATOR_USERNAME).exists()


def sample_crime_ids() -> set[str]:
    street = next(DATA_DIR.glob("*-street.csv"))
    return {row["Crime ID"] for row in read_rows(street) if row.get("Crime ID")}


def choose_crimes(rng: random.Random) -> dict[str, list[Crime]]:
    """{"closed": crimes whose investigation has finished, "open": crimes still being investigated}."""
    crimes = list(Crime.objects.filter(police_uk_id__in=sample_crime_ids()).order_by("reference"))
    finished = [crime for crime in crimes if crime.last_outcome not in ONGOING_OUTCOMES]
    ongoing = [crime for crime in crimes if crime.last_outcome in ONGOING_OUTCOMES]
    closed = rng.sample(finished, min(len(finished), CLOSED_CASES))
    return {"closed": closed, "open": rng.sample(ongoing, min(len(ongoing), VICTIMS - len(closed)))}


def officers_by_unit() -> dict[str, tuple[Organisation, list[User]]]:
    """{local authority code: (its policing-area unit, the unit's officers)}."""
    units = {}
    for unit in Organisation.objects.filter(kind=Organisation.Kind.UNIT, local_authority__isnull=False):
        officers = User.objects.filter(
            memberships__organisation=unit, memberships__role=Membership.Role.OFFICER
        ).order_by("username")
        units[unit.local_authority_id] = (unit, list(officers))
    return units


def circumstances(rng: random.Random, victim: Victim, crime: Crime) -> dict[str, bool]:
    """What the first-contact assessment found (the vulnerability flags open_case records)."""
    return {
        "is_vulnerable": bool(victim.communication_needs) or rng.random() < 0.06,
        "is_intimidated": rng.random() < (0.5 if crime.is_domestic_abuse else 0.03),
        "is_persistently_targeted": rng.random() < 0.05,
    }


def open_demo_case(rng: random.Random, number: int, crime: Crime, unit: Organisation, officer: User,
                   call_handler: User) -> Case:
    victim = make_victim(rng, number, crime.occurred_at.date())
    return open_case(
        victim=victim,
        crime=crime,
        unit=unit,
        officer=officer,
        recorded_by=call_handler if rng.random() < 0.85 else officer,
        at=crime.reported_at + timedelta(minutes=rng.randint(1, 8)),
        **circumstances(rng, victim, crime),
    )


def build_cases(rng: random.Random, now: datetime) -> None:
    call_handler = User.objects.get(username=CALL_HANDLER_USERNAME)
    units = officers_by_unit()
    chosen = choose_crimes(rng)
    add_details_to_all(rng, chosen["closed"] + chosen["open"])
    planned = [
        (crime, story)
        for kind, stories in (("closed", CLOSED_STORIES), ("open", OPEN_STORIES))
        for crime, story in zip(chosen[kind], story_plan(rng, stories, len(chosen[kind])), strict=True)
    ]
    for number, (crime, story) in enumerate(planned):
        unit, officers = units[crime.local_authority_id]
        officer = officers[number % len(officers)]
        case = open_demo_case(rng, number, crime, unit, officer, call_handler)
        story(Story(case, Cast(call_handler, officer), rng, now))


def run_overdue_sweep() -> int | None:
    """Record overdue commitments with the charter's sweep, if that is installed; None if not."""
    try:
        from victimcare.charter.tasks import sweep_overdue_commitments
    except ImportError:
        return None
    run = getattr(sweep_overdue_commitments, "call", sweep_overdue_commitments)
    return run()


def count_by(queryset, field_name: str) -> dict[str, int]:
    return dict(queryset.values_list(field_name).annotate(n=Count("pk")).order_by(field_name))


def victim_counts() -> Counter:
    victims = Victim.objects.filter(cases__isnull=False).distinct()
    counts = Counter(total=victims.count())
    counts["Welsh speakers"] = victims.filter(preferred_language=Victim.Language.WELSH).count()
    counts["need an interpreter"] = victims.filter(needs_interpreter=True).count()
    counts["under 18 at the time"] = sum(
        1 for v in victims.prefetch_related("cases__crime") if any(
            (v.age_on(c.crime.occurred_at.date()) or 99) < 18 for c in v.cases.all()
        )
    )
    counts["with enhanced rights"] = victims.filter(cases__enhanced_rights=True).count()
    return counts


@contextmanager
def figures_counted_at_the_end() -> Iterator[None]:
    """The Commissioner's figures counted once, when the demo is built, rather than moved cell by cell after
    every one of its thousands of changes (more than half of load_demo's time): the same figures, from the
    same commitments and answers, by monitoring's own full recount (victimcare/monitoring/rebuild.py)."""
    from victimcare.charter.signals import commitments_changed
    from victimcare.equality.signals import equality_recorded
    from victimcare.monitoring import receivers
    from victimcare.monitoring.rebuild import rebuild_figures
    from victimcare.satisfaction.signals import survey_answered

    counting = ((commitments_changed, receivers._commitments_changed), (survey_answered, receivers._survey_answered),
                (equality_recorded, receivers._equality_recorded))
    for signal, receiver in counting:
        signal.disconnect(receiver)
    try:
        yield
    finally:
        for signal, receiver in counting:
            signal.connect(receiver)
    rebuild_figures()


def load_demo(now: datetime | None = None, seed: int = SEED) -> DemoReport:
    """Build the demo unless it is there already; then run the overdue sweep."""
    if demo_exists():
        return DemoReport(created=False, sign_ins=sign_in_rows())
    now = now or timezone.now()
    rng = random.Random(seed)  # noqa: S311 - made-up demo data, not security  # nosec B311
    with transaction.atomic(), figures_counted_at_the_end():
        crimes = import_police_uk([DATA_DIR])
        create_staff(create_organisations())
        build_cases(rng, now)
        for area in DEMO_AREAS:
            import_module(area).load_demo(rng, now)
    overdue = run_overdue_sweep()
    return DemoReport(
        created=True,
        sign_ins=sign_in_rows(),
        crimes=crimes,
        victims=victim_counts(),
        cases=count_by(Case.objects.all(), "status"),
        commitments=count_by(Commitment.objects.all(), "status"),
        overdue_recorded=overdue,
    )
