"""What each endpoint returns: names beside ids, filters, and the timeline's make-up."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CrimeFactory
from victimcare.cases.models import Case, TimelineEvent
from victimcare.cases.services import close_case, record_key_decision, record_victim_informed
from victimcare.charter.rules import CommitmentKind, KeyDecision
from victimcare.sharing.models import Decision
from victimcare.support.services import record_support_choice


@pytest.fixture
def client(api, officer):
    return api.as_user(officer)


def test_case_shows_names_not_just_ids(client, case, officer, unit):
    body = client.get(reverse("api:case-detail", args=[case.pk])).json()

    assert body["crime"] == {
        "id": case.crime.pk,
        "reference": case.crime.reference,
        "category": "violent-crime",
        "category_name": "Violence and sexual offences",
        "offence": "common-assault",
        "offence_name": "Common assault",
        "local_authority": {"code": "W06000022", "name": "Newport"},
    }
    assert body["victim"] == {"id": case.victim_id, "name": case.victim.full_name}
    assert body["officer"] == {"id": officer.pk, "name": "Olwen Price"}
    assert body["unit"] == {"id": unit.pk, "code": "newport-cid", "name": "Newport CID"}
    assert body["status"] == "open"
    assert body["status_label"] == "Open"
    assert body["enhanced_rights"] is False
    assert body["enhanced_rights_reasons"] == []


def test_enhanced_rights_reasons_have_labels(client, make_case):
    case = make_case(is_vulnerable=True, crime=CrimeFactory(is_domestic_abuse=True))

    body = client.get(reverse("api:case-detail", args=[case.pk])).json()

    assert body["enhanced_rights"] is True
    assert body["enhanced_rights_reasons"] == [
        {"code": "domestic_abuse", "label": "Victim of domestic abuse"},
        {"code": "vulnerable", "label": "Vulnerable"},
    ]


def test_names_follow_the_language_asked_for(client, case):
    body = client.get(reverse("api:case-detail", args=[case.pk]), headers={"accept-language": "cy"}).json()

    assert body["crime"]["local_authority"]["name"] == "Casnewydd"
    assert body["crime"]["category_name"] == "Trais a throseddau rhywiol"
    assert body["unit"]["name"] == "CID Casnewydd"


def test_crime_shows_its_areas(client, case):
    body = client.get(reverse("api:crime-detail", args=[case.crime_id])).json()

    assert body["reference"] == case.crime.reference
    assert body["local_authority"] == {"code": "W06000022", "name": "Newport"}
    assert body["lsoa"] == {"code": "W01001600", "name": "Newport 012A"}
    assert body["ward"] is None


def test_cases_filter_by_status_and_crime(client, case, make_case, officer):
    closed = close_case(make_case(), actor=officer)
    url = reverse("api:case-list")

    assert [row["id"] for row in client.get(url, {"status": "closed"}).json()["results"]] == [closed.pk]
    assert [row["id"] for row in client.get(url, {"crime": case.crime_id}).json()["results"]] == [case.pk]


def test_a_bad_filter_value_is_a_400_naming_it(client):
    response = client.get(reverse("api:commitment-list"), {"status": "nonsense"})

    assert response.status_code == 400
    assert "status" in response.json()


def test_commitment_shows_kind_standard_status_and_owner(client, case, officer, unit):
    commitment = record_key_decision(case, KeyDecision.CHARGED, actor=officer)

    body = client.get(reverse("api:commitment-detail", args=[commitment.pk])).json()

    assert body["case"] == case.pk
    assert body["crime_reference"] == case.crime.reference
    assert body["kind"] == "inform_decision"
    assert body["kind_label"] == "Tell the victim about an investigation decision"
    assert body["standard"] == 4
    assert body["standard_title"] == "Updates agreed with the victim"
    assert body["status"] == "open"
    assert body["status_label"] == "Open"
    assert body["owner_organisation"] == {"id": unit.pk, "code": "newport-cid", "name": "Newport CID"}
    assert body["owner_person"] == {"id": officer.pk, "name": "Olwen Price"}
    assert body["is_overdue"] is False
    assert body["detail"]["decision"] == "charged"
    assert dt.datetime.fromisoformat(body["due_at"]) == commitment.due_at


@pytest.fixture
def commitments(case, make_case, officer):
    """One of each: an overdue decision, a met decision (other case), an open referral."""
    long_ago = timezone.now() - dt.timedelta(days=30)
    overdue = record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=officer, at=long_ago)
    other_case = make_case()
    met = record_victim_informed(
        record_key_decision(other_case, KeyDecision.CHARGED, actor=officer), actor=officer, how="phone"
    )
    record_support_choice(case, Decision.GIVEN, how="verbal", actor=officer)
    referral = case.commitments.get(kind=CommitmentKind.REFERRAL_TO_SUPPORT)
    return {"overdue": overdue, "met": met, "referral": referral, "other_case": other_case}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"overdue", "met", "referral"}),
        ({"status": "open"}, {"overdue", "referral"}),
        ({"status": "met"}, {"met"}),
        ({"kind": "referral_to_support"}, {"referral"}),
        ({"standard": 4}, {"overdue", "met"}),
        ({"standard": 5}, {"referral"}),
        ({"overdue": "true"}, {"overdue"}),
        ({"overdue": "false"}, {"met", "referral"}),
        ({"status": "open", "kind": "inform_decision", "overdue": "true"}, {"overdue"}),
    ],
)
def test_commitments_filter(client, commitments, query, expected):
    response = client.get(reverse("api:commitment-list"), query)

    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == {commitments[name].pk for name in expected}


def test_commitments_filter_by_case(client, commitments):
    other_case = commitments["other_case"]

    response = client.get(reverse("api:commitment-list"), {"case": other_case.pk})

    assert [row["id"] for row in response.json()["results"]] == [commitments["met"].pk]


def test_overdue_commitment_says_so(client, commitments):
    body = client.get(reverse("api:commitment-detail", args=[commitments["overdue"].pk])).json()

    assert body["is_overdue"] is True


def test_timeline_has_the_case_and_its_crime_but_not_other_victims_cases(client, case, make_case, officer):
    crime_wide = TimelineEvent.objects.create(
        crime=case.crime, case=None, kind=TimelineEvent.Kind.OUTCOME,
        occurred_at=timezone.now() - dt.timedelta(days=1), data={"outcome": "Under investigation"},
    )
    other_victims_case = make_case(crime=case.crime)
    record_key_decision(other_victims_case, KeyDecision.CHARGED, actor=officer)
    record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=officer)

    rows = client.get(reverse("api:case-timeline", args=[case.pk])).json()["results"]

    own = set(TimelineEvent.objects.filter(case=case).values_list("pk", flat=True))
    assert {row["id"] for row in rows} == own | {crime_wide.pk}
    assert not {row["id"] for row in rows} & set(other_victims_case.timeline.values_list("pk", flat=True))
    assert [row["occurred_at"] for row in rows] == sorted(row["occurred_at"] for row in rows)
    crime_row = next(row for row in rows if row["id"] == crime_wide.pk)
    assert crime_row["case"] is None
    assert crime_row["kind_label"] == "Outcome recorded"
    decision_row = next(row for row in rows if row["kind"] == "key_decision")
    assert decision_row["actor"] == {"id": officer.pk, "name": "Olwen Price"}
    assert decision_row["data"]["decision"] == "suspect_arrested"


def test_timeline_is_oldest_first(client, case, officer):
    earlier = timezone.now() - dt.timedelta(days=5)
    event = TimelineEvent.objects.create(
        crime=case.crime, case=None, kind=TimelineEvent.Kind.OUTCOME, occurred_at=earlier
    )

    rows = client.get(reverse("api:case-timeline", args=[case.pk])).json()["results"]

    assert rows[0]["id"] == event.pk


def test_a_closed_case_still_reads(client, case, officer):
    close_case(case, actor=officer)

    body = client.get(reverse("api:case-detail", args=[case.pk])).json()

    assert body["status"] == Case.Status.CLOSED
    assert body["closed_at"] is not None
