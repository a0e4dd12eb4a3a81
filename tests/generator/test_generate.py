"""The generator's own part: cases on the real crime mix, in time order, with repeat victims; commitments
that follow the charter's rules and end as the services end them; and generated cases that the application's
pages show like any other. The figures: test_figures_by_batch."""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from tests.generator.conftest import GENERATED_CASES
from victimcare.accounts.models import User
from victimcare.areas.models import Lsoa
from victimcare.cases.models import Case, TimelineEvent
from victimcare.cases.timeline import describe
from victimcare.charter.models import Commitment, OverdueAlert
from victimcare.charter.rules import CommitmentKind
from victimcare.crimes.models import Crime
from victimcare.generator.context import DEFAULT_DATA
from victimcare.generator.source import NO_PERSONAL_VICTIM, load_crime_mix

pytestmark = pytest.mark.django_db(transaction=False)
REFERENCE = re.compile(r"GW/(\d{4})/(\d{6})")


def generated_cases():
    return Case.objects.filter(crime__reference__regex=r"^GW/").exclude(crime__police_uk_id__isnull=False)


def test_it_makes_the_cases_asked_for_and_reports_what_it_wrote(generated):
    assert generated.cases == GENERATED_CASES
    assert generated_cases().count() == GENERATED_CASES
    assert generated.rows["cases_case"] == GENERATED_CASES
    assert generated.rows["crimes_crime"] == GENERATED_CASES
    assert generated.rows["charter_commitment"] == Commitment.objects.filter(case__in=generated_cases()).count()
    assert generated.rows["cases_timelineevent"] == TimelineEvent.objects.filter(case__in=generated_cases()).count()
    assert generated.rows_per_second > 0


def test_crime_references_run_in_time_order_within_each_year(generated):
    crimes = list(Crime.objects.filter(cases__in=generated_cases()).order_by("reported_at", "id")
                  .values_list("reference", "reported_at"))
    by_year: dict[str, list[int]] = {}
    for reference, _ in crimes:
        year, number = REFERENCE.fullmatch(reference).groups()
        by_year.setdefault(year, []).append(int(number))
    for numbers in by_year.values():
        assert numbers == sorted(numbers)
        assert len(set(numbers)) == len(numbers)


def test_the_crime_mix_is_the_real_one(generated):
    mix = load_crime_mix(DEFAULT_DATA, set(Lsoa.objects.values_list("code", flat=True)))
    real = Counter(row.category for row in mix.rows)
    made = Counter(generated_cases().values_list("crime__category", flat=True))
    assert not set(made) & NO_PERSONAL_VICTIM
    for category in ("violent-crime", "anti-social-behaviour", "criminal-damage-arson"):
        real_share = real[category] / sum(real.values())
        assert abs(made[category] / GENERATED_CASES - real_share) < 0.04, category


def test_some_victims_come_back(generated):
    per_victim = Counter(generated_cases().values_list("victim_id", flat=True))
    repeat = sum(1 for count in per_victim.values() if count > 1)
    assert 0.03 < repeat / len(per_victim) < 0.4
    assert Case.objects.filter(pk__in=generated_cases(), is_persistently_targeted=True).exists()


def test_closed_cases_owe_nothing_and_open_ones_are_recent(generated):
    closed = generated_cases().filter(status=Case.Status.CLOSED)
    still_open = generated_cases().filter(status=Case.Status.OPEN)
    assert closed.exists() and still_open.exists()
    assert not Commitment.objects.filter(case__in=closed, status=Commitment.Status.OPEN).exists()
    assert not closed.filter(closed_at__isnull=True).exists()
    newest_closed = closed.order_by("-opened_at").first().opened_at
    oldest_open = still_open.order_by("opened_at").first().opened_at
    assert oldest_open > newest_closed - timedelta(days=365)


def test_commitments_end_as_the_services_end_them(generated):
    commitments = Commitment.objects.filter(case__in=generated_cases())
    for commitment in commitments.filter(status__in=("met", "met_late")).iterator():
        assert commitment.closed_at >= commitment.opened_at
        assert (commitment.status == "met") == (commitment.closed_at <= commitment.due_at)
    assert not commitments.filter(status="waived", waive_reason="").exists()
    statuses = Counter(commitments.values_list("status", flat=True))
    assert statuses["met"] > statuses["met_late"] > 0
    kinds = set(commitments.values_list("kind", flat=True))
    assert {CommitmentKind.RESPONSE, CommitmentKind.WRITTEN_ACKNOWLEDGEMENT, CommitmentKind.CONTACT_AGREEMENT,
            CommitmentKind.VICTIM_UPDATE, CommitmentKind.INFORM_DECISION} <= kinds


def test_what_is_overdue_now_was_recorded_once_with_an_alert(generated):
    overdue = Commitment.objects.filter(case__in=generated_cases()).overdue()
    assert overdue.exists()
    assert not overdue.filter(overdue_recorded_at__isnull=True).exists()
    assert OverdueAlert.objects.filter(commitment__in=overdue).count() == overdue.count()
    recorded = TimelineEvent.objects.filter(kind=TimelineEvent.Kind.COMMITMENT_OVERDUE, case__in=generated_cases())
    per_commitment = Counter(recorded.values_list("data__commitment", flat=True))
    assert per_commitment and max(per_commitment.values()) == 1


def test_every_commitment_was_opened_on_the_timeline(generated):
    cases = generated_cases()
    opened = TimelineEvent.objects.filter(kind=TimelineEvent.Kind.COMMITMENT_OPENED, case__in=cases)
    assert opened.count() == Commitment.objects.filter(case__in=cases).count()


def test_every_generated_timeline_entry_is_described(generated):
    kinds = (TimelineEvent.objects.filter(case__in=generated_cases()).values("kind").annotate(n=Count("id"))
             .order_by())
    for row in kinds:
        event = TimelineEvent.objects.filter(case__in=generated_cases(), kind=row["kind"]).first()
        assert describe(event), row["kind"]


# The most each section of the case page may take to show the generated case with the most timeline entries, as
# measured (7, 9, 15, 9, 7, 7 on SQLite): a section skips reading the tables that hold no row of the case, so a
# case with more kinds of record costs a few more. The whole timeline costs what its newest 20 entries do.
SECTION_QUERIES = {"detail": 7, "contact": 9, "support": 15, "court": 9, "documents": 7, "timeline": 7}


def test_a_generated_case_page_is_shown_to_its_officer_in_bounded_queries(generated, django_assert_max_num_queries):
    case = generated_cases().filter(status=Case.Status.OPEN).annotate(n=Count("timeline")).order_by("-n", "pk").first()
    client = Client()
    client.force_login(User.objects.get(pk=case.officer_id))
    for section, most in SECTION_QUERIES.items():
        for query in ("", "?timeline=all") if section == "timeline" else ("",):
            with django_assert_max_num_queries(most):
                response = client.get(reverse(f"cases:{section}", args=[case.pk]) + query)
            assert response.status_code == 200, section
            assert case.crime.reference in response.content.decode(), section


def test_the_same_seed_makes_the_same_first_cases(generated):
    """Determinism: references and categories of the first generated cases do not depend on the run."""
    first = list(generated_cases().order_by("opened_at").values_list("crime__category", flat=True)[:20])
    assert len(first) == 20 and len(set(first)) > 1
