from datetime import date

from victimcare.cases.models import TimelineEvent
from victimcare.crimes.bulk import insert_all_or_none, insert_ignoring_conflicts, one_of
from victimcare.crimes.models import Crime

JUNE = date(2025, 6, 1)
FIELDS = ["reference", "police_uk_id", "category", "month"]


def test_rows_are_inserted_with_the_other_fields_at_their_defaults(db):
    insert_ignoring_conflicts(Crime, FIELDS, [("R1", "a", "burglary", JUNE), ("R2", "b", "burglary", JUNE)])
    crime = Crime.objects.get(reference="R2")
    assert (crime.police_uk_id, crime.month, crime.offence, crime.is_hate_crime, crime.occurred_at) == (
        "b",
        JUNE,
        "",
        False,
        None,
    )


def test_rows_that_clash_with_rows_already_there_are_left_out(db):
    Crime.objects.create(reference="R1", police_uk_id="a", category="burglary", month=JUNE)
    rows = [("R1", "b", "burglary", JUNE), ("R2", "a", "burglary", JUNE), ("R3", "c", "burglary", JUNE)]
    insert_ignoring_conflicts(Crime, FIELDS, rows)
    assert sorted(Crime.objects.values_list("reference", "police_uk_id")) == [("R1", "a"), ("R3", "c")]


def test_json_fields_and_automatic_times_are_written(db):
    crime = Crime.objects.create(reference="R1", category="burglary", month=JUNE)
    insert_ignoring_conflicts(
        TimelineEvent,
        ["crime_id", "kind", "data", "source_key"],
        [(crime.pk, TimelineEvent.Kind.OUTCOME.value, {"outcome": "Ymchwiliad"}, "k")],
    )
    event = TimelineEvent.objects.get(crime=crime)
    assert (event.data, event.source_key, event.case_id) == ({"outcome": "Ymchwiliad"}, "k", None)
    assert event.recorded_at is not None and event.occurred_at is not None


def test_one_of_is_in(db):
    for reference in ("R1", "R2", "R3"):
        Crime.objects.create(reference=reference, category="burglary", month=JUNE)
    found = Crime.objects.filter(one_of("reference", {"R1", "R3", "R9"}))
    assert sorted(found.values_list("reference", flat=True)) == ["R1", "R3"]
    assert not Crime.objects.filter(one_of("reference", [])).exists()


def test_insert_all_or_none_gives_the_new_keys_in_order(db):
    pks = insert_all_or_none(Crime, FIELDS, [("R1", "a", "burglary", JUNE), ("R2", "b", "burglary", JUNE)])
    assert [Crime.objects.get(pk=pk).reference for pk in pks] == ["R1", "R2"]
    assert Crime.objects.get(reference="R2").offence == ""


def test_insert_all_or_none_inserts_none_on_a_clash(db):
    Crime.objects.create(reference="R2", category="burglary", month=JUNE)
    rows = [("R1", "a", "burglary", JUNE), ("R2", "b", "burglary", JUNE)]
    assert insert_all_or_none(Crime, FIELDS, rows) is None
    assert list(Crime.objects.values_list("reference", flat=True)) == ["R2"]
    assert insert_all_or_none(Crime, FIELDS, rows[:1]) is not None
