import csv
import gc
import hashlib
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.crimes.conftest import SAMPLE
from victimcare.areas.models import LocalAuthority
from victimcare.cases.models import TimelineEvent
from victimcare.crimes import importer
from victimcare.crimes.models import Crime

LONDON = ZoneInfo("Europe/London")
NEWPORT_CAERLEON = "242dac7cd690b67949b6fc9ea1d5b35cc713a4326af88697f057dd97474ff66f"
TWICE = "41a2a6fe6c11ccfee1154fa61ef336cde0c48efe5b0f63a2ef1f5ec0e8702b99"


@pytest.fixture
def report(areas):
    return importer.import_police_uk([SAMPLE])


def test_street_rows_become_crimes(report):
    assert report.crimes_loaded == 7
    crime = Crime.objects.get(police_uk_id=NEWPORT_CAERLEON)
    assert crime.reference == "PUK-242DAC7CD690"
    assert crime.category == "criminal-damage-arson"
    assert crime.month == date(2025, 6, 1)
    assert (str(crime.longitude), str(crime.latitude)) == ("-2.955069", "51.609892")
    assert crime.location_description == "On or near High Street"
    assert crime.lsoa_id == "W01001623"
    assert crime.local_authority_id == "W06000022"
    assert crime.last_outcome == "Investigation complete; no suspect identified"
    assert set(Crime.objects.values_list("local_authority_id", flat=True)) == {
        "W06000018",
        "W06000019",
        "W06000020",
        "W06000021",
        "W06000022",
    }


def test_ward_resolved_from_a_real_coordinate(report):
    crime = Crime.objects.get(police_uk_id=NEWPORT_CAERLEON)
    assert crime.ward.code == "W05001632"
    assert crime.ward.name_en == "Caerleon"
    assert not Crime.objects.filter(ward__isnull=True).exists()


def test_each_skip_reason_is_counted(report):
    assert report.skipped == {
        importer.SKIP_NO_CRIME_ID: 2,
        importer.SKIP_NO_LOCATION: 1,
        importer.SKIP_UNKNOWN_LSOA: 1,
        importer.SKIP_DUPLICATE_CRIME: 1,
        importer.SKIP_UNKNOWN_CRIME_TYPE: 1,
        importer.SKIP_CRIME_NOT_LOADED: 2,
    }


def test_rows_read_per_file(report):
    counts = {name.rsplit("/", 1)[-1]: count for name, count in report.rows_read.items()}
    assert counts == {
        "2025-03-gwent-street.csv": 1,
        "2025-06-gwent-street.csv": 12,
        "2025-06-gwent-outcomes.csv": 8,
    }


def test_first_of_a_duplicated_crime_id_wins(report):
    crime = Crime.objects.get(police_uk_id=TWICE)
    assert crime.month == date(2025, 3, 1)
    assert crime.category == "violent-crime"


def test_outcome_rows_become_timeline_events_on_the_crime(report):
    assert report.outcomes_loaded == 6
    event = TimelineEvent.objects.get(crime__police_uk_id=NEWPORT_CAERLEON)
    assert event.kind == TimelineEvent.Kind.OUTCOME
    assert event.case is None
    assert event.occurred_at == datetime(2025, 6, 1, 12, 0, tzinfo=LONDON)
    assert event.data == {"outcome": "Investigation complete; no suspect identified", "month": "2025-06"}
    assert len(event.source_key) == 64


def test_a_second_run_adds_nothing_and_says_so(report):
    crimes, events = Crime.objects.count(), TimelineEvent.objects.count()
    again = importer.import_police_uk([SAMPLE])
    assert (again.crimes_loaded, again.outcomes_loaded, again.last_outcomes_updated) == (0, 0, 0)
    assert (again.crimes_already_present, again.outcomes_already_present) == (7, 6)
    assert again.skipped == report.skipped
    assert (Crime.objects.count(), TimelineEvent.objects.count()) == (crimes, events)
    assert "Nothing new" in again.lines()[-1]


def test_the_areas_are_loaded_when_missing(db):
    report = importer.import_police_uk([SAMPLE])
    assert report.areas_loaded
    assert LocalAuthority.objects.count() == 5
    assert report.crimes_loaded == 7


def test_outcome_source_key_is_stable_whatever_the_column_order():
    row = {"Crime ID": "abc", "Month": "2025-06", "Outcome type": "Local resolution"}
    assert importer.outcome_source_key(row) == importer.outcome_source_key(dict(reversed(row.items())))
    assert importer.outcome_source_key(row) != importer.outcome_source_key({**row, "Month": "2025-07"})


def test_the_stored_outcome_key_of_a_known_row_does_not_change(report):
    # a re-import finds what an earlier one loaded by this key: were it to change, every outcome would load again
    event = TimelineEvent.objects.get(crime__police_uk_id=NEWPORT_CAERLEON)
    assert event.source_key == "992f81c3190cdce8e07ab8560fd227889224740e3e4ff72762453d7fa4ff0225"


# A file as read_rows reads it: BOM, spaces around names and values, a column with no name, a name given twice,
# a short row, a long row, a blank line, and a value with a comma and a new line in it
AWKWARD_OUTCOMES_FILE = (
    "\ufeff Crime ID ,Month,,Outcome type,Month,Location\r\n"
    "abc, 2025-06 ,x,Local resolution,2025-07,On or near Here\r\n"
    "def,2025-06\r\n"
    "\r\n"
    'ghi,2025-06,y,"Unable to prosecute, suspect\nnot identified",2025-06,There,extra\r\n'
)


def test_a_table_reads_the_values_read_rows_reads(tmp_path):
    path = tmp_path / "outcomes.csv"
    path.write_bytes(AWKWARD_OUTCOMES_FILE.encode("utf-8"))
    as_dicts = list(importer.read_rows(path))
    table = importer.read_table(path)
    source_key = importer.outcome_source_keys(table)
    columns = ["Crime ID", "Month", "Outcome type", "Location", "LSOA code"]
    values = table.values_getter(columns)
    rows = list(table.rows)
    assert len(rows) == len(as_dicts) == 3
    for row, as_dict in zip(rows, as_dicts, strict=True):
        assert values(row) == tuple(as_dict.get(name, "") for name in columns)
        assert source_key(row) == importer.outcome_source_key(as_dict)
    assert as_dicts[0]["Month"] == "2025-07"  # the later of two columns of a name, in both
    assert table.values_getter(["Outcome type"])(rows[2]) == ("Unable to prosecute, suspect\nnot identified",)


def test_the_garbage_collector_runs_again_after_an_import(report):
    assert gc.isenabled()


# Last outcome --------------------------------------------------------------------------------


def crime_in(month: date, last_outcome: str) -> importer.LoadedCrime:
    return importer.LoadedCrime(pk=1, month=month, last_outcome=last_outcome)


def outcome_in(month: date, text: str) -> importer.OutcomeRow:
    return importer.OutcomeRow(police_uk_id="x", month=month, outcome=text, source_key="k")


MARCH, APRIL = date(2025, 3, 1), date(2025, 4, 1)


@pytest.mark.parametrize(
    ("crime", "outcome", "latest_before", "newer"),
    [
        (crime_in(MARCH, "Under investigation"), outcome_in(APRIL, "Unable to prosecute suspect"), None, True),
        (crime_in(MARCH, "Under investigation"), outcome_in(MARCH, "Unable to prosecute suspect"), None, False),
        (crime_in(MARCH, "Awaiting court outcome"), outcome_in(APRIL, "Suspect charged"), None, False),
        (crime_in(MARCH, "Under investigation"), outcome_in(APRIL, "Suspect charged"), None, True),
        (
            crime_in(MARCH, "Under investigation"),
            outcome_in(APRIL, "Local resolution"),
            datetime(2025, 5, 1, 12, tzinfo=LONDON),
            False,
        ),
    ],
)
def test_which_outcome_is_newer(crime, outcome, latest_before, newer):
    assert importer.is_newer_outcome(outcome, crime, latest_before) is newer


def write_csv(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def sample_rows(name: str) -> list[dict]:
    with (SAMPLE / "2025-06" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_later_outcome_brings_the_last_outcome_up_to_date(report, tmp_path):
    row = next(r for r in sample_rows("2025-06-gwent-outcomes.csv") if r["Crime ID"] == NEWPORT_CAERLEON)
    later = write_csv(tmp_path / "2025-07-gwent-outcomes.csv", [{**row, "Month": "2025-07", "Outcome type": "X"}])
    result = importer.import_police_uk([later])
    assert (result.outcomes_loaded, result.last_outcomes_updated) == (1, 1)
    assert Crime.objects.get(police_uk_id=NEWPORT_CAERLEON).last_outcome == "X"


# Crimes first seen in the run: no lookup before inserting them, nor before their outcomes ----------


def street_row(crime_id: str, month: str = "2025-06") -> dict:
    real = next(r for r in sample_rows("2025-06-gwent-street.csv") if r["Crime ID"] == NEWPORT_CAERLEON)
    return {**real, "Crime ID": crime_id, "Month": month}


def outcome_row(crime_id: str, month: str, outcome: str) -> dict:
    real = next(r for r in sample_rows("2025-06-gwent-outcomes.csv") if r["Crime ID"] == NEWPORT_CAERLEON)
    return {**real, "Crime ID": crime_id, "Month": month, "Outcome type": outcome}


def test_a_month_overlapping_crimes_already_there_loads_only_the_new_ones(areas, tmp_path):
    first = importer.import_police_uk([write_csv(tmp_path / "a" / "street.csv", [street_row("a1"), street_row("a2")])])
    rows = [street_row("a1"), street_row("b1"), street_row("a2"), street_row("b2")]
    again = importer.import_police_uk([write_csv(tmp_path / "b" / "street.csv", rows)])
    assert (first.crimes_loaded, again.crimes_loaded, again.crimes_already_present) == (2, 2, 2)
    assert sorted(Crime.objects.values_list("police_uk_id", flat=True)) == ["a1", "a2", "b1", "b2"]


def test_a_reference_already_taken_by_another_crime_gives_a_longer_one(areas, tmp_path):
    # the insert without a lookup clashes, so nothing of it stays, and the crimes are looked up after all
    Crime.objects.create(reference="PUK-242DAC7CD690", category="burglary", month=date(2025, 1, 1))
    report = importer.import_police_uk([write_csv(tmp_path / "street.csv", [street_row(NEWPORT_CAERLEON)])])
    assert report.crimes_loaded == 1
    assert Crime.objects.get(police_uk_id=NEWPORT_CAERLEON).reference == "PUK-242DAC7CD690B679"


def test_outcomes_of_crimes_created_in_the_same_run(areas, tmp_path):
    write_csv(tmp_path / "1" / "street.csv", [street_row("c1"), street_row("c2")])
    write_csv(
        tmp_path / "2" / "outcomes.csv", [outcome_row("c1", "2025-08", "Later"), outcome_row("c2", "2025-06", "Same")]
    )
    # a later file of the same run: an outcome older than one the run recorded, and a row seen before
    write_csv(
        tmp_path / "3" / "outcomes.csv", [outcome_row("c1", "2025-07", "Older"), outcome_row("c2", "2025-06", "Same")]
    )
    report = importer.import_police_uk([tmp_path])
    assert (report.crimes_loaded, report.outcomes_loaded, report.last_outcomes_updated) == (2, 3, 1)
    assert report.skipped == {importer.SKIP_DUPLICATE_OUTCOME: 1}
    c1 = Crime.objects.get(police_uk_id="c1")
    assert c1.last_outcome == "Later"
    assert sorted(e.data["outcome"] for e in TimelineEvent.objects.filter(crime=c1)) == ["Later", "Older"]
    again = importer.import_police_uk([tmp_path])
    assert (again.crimes_loaded, again.outcomes_loaded, again.last_outcomes_updated) == (0, 0, 0)
    assert (again.crimes_already_present, again.outcomes_already_present) == (2, 3)


def test_outcomes_in_two_files_of_a_run_update_a_new_crime_as_they_would_an_old_one(areas, tmp_path):
    def files(crime_id: str):
        folder = tmp_path / crime_id
        write_csv(folder / "street" / "street.csv", [street_row(crime_id)])
        write_csv(folder / "1" / "outcomes.csv", [outcome_row(crime_id, "2025-07", "July")])
        write_csv(folder / "2" / "outcomes.csv", [outcome_row(crime_id, "2025-08", "August")])
        return folder

    in_one_run = importer.import_police_uk([files("new")])
    run_by_run = [importer.import_police_uk([files("old") / name]) for name in ("street", "1", "2")]
    assert in_one_run.last_outcomes_updated == sum(run.last_outcomes_updated for run in run_by_run) == 2
    assert set(Crime.objects.values_list("last_outcome", flat=True)) == {"August"}


# Speed ---------------------------------------------------------------------------------------


def many_street_rows(tmp_path, count: int):
    """`count` real street rows, each under a new crime ID."""
    real = next(r for r in sample_rows("2025-06-gwent-street.csv") if r["Crime ID"] == NEWPORT_CAERLEON)
    rows = [{**real, "Crime ID": hashlib.sha256(str(n).encode()).hexdigest()} for n in range(count)]
    return write_csv(tmp_path / f"{count}" / "street.csv", rows)


def queries_to_import(path) -> int:
    with CaptureQueriesContext(connection) as queries:
        importer.import_police_uk([path])
    return len(queries)


def test_query_count_does_not_grow_with_the_rows(areas, tmp_path):
    few = queries_to_import(many_street_rows(tmp_path, 3))
    Crime.objects.all().delete()
    many = queries_to_import(many_street_rows(tmp_path, 50))
    assert many == few


def test_query_count_of_the_sample_import_is_bounded(areas, django_assert_max_num_queries):
    # 18 on SQLite; on PostgreSQL each insert is a COPY in a savepoint of its own (SAVEPOINT and RELEASE: 21)
    with django_assert_max_num_queries(21):
        importer.import_police_uk([SAMPLE])


# The command ---------------------------------------------------------------------------------


def test_command_prints_the_report(areas):
    out = StringIO()
    call_command("import_police_uk", str(SAMPLE), stdout=out)
    text = out.getvalue()
    assert "Crimes loaded: 7" in text
    assert "Outcomes loaded: 6" in text
    assert "Skipped, no crime ID: 2" in text
    assert "Skipped, outcome for a crime not loaded: 2" in text
    assert "2025-06-gwent-street.csv" in text


def test_command_refuses_other_files(db, tmp_path):
    other = write_csv(tmp_path / "stop-and-search.csv", [{"Type": "Person search", "Date": "2025-06-01"}])
    with pytest.raises(CommandError, match=r"Not a data\.police\.uk"):
        call_command("import_police_uk", str(other))
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_police_uk", str(tmp_path / "missing"))


# The real files ------------------------------------------------------------------------------


@pytest.mark.needs_shared_data
def test_a_real_month_imports_twice_with_the_same_counts(areas, shared_police_uk):
    month = shared_police_uk / "2025-06"
    first = importer.import_police_uk([month])
    assert first.crimes_loaded > 4000
    assert first.outcomes_loaded > 1000
    for reason in (importer.SKIP_NO_CRIME_ID, importer.SKIP_NO_LOCATION, importer.SKIP_CRIME_NOT_LOADED):
        assert first.skipped[reason] > 0
    second = importer.import_police_uk([month])
    assert (second.crimes_loaded, second.outcomes_loaded) == (0, 0)
    assert second.crimes_already_present == first.crimes_loaded
    assert second.skipped == first.skipped


def test_crime_ids_that_begin_alike_get_different_references(areas, tmp_path):
    real = next(r for r in sample_rows("2025-06-gwent-street.csv") if r["Crime ID"] == NEWPORT_CAERLEON)
    twin = {**real, "Crime ID": NEWPORT_CAERLEON[:12] + "0" * 52}
    importer.import_police_uk([write_csv(tmp_path / "a" / "street.csv", [real, twin])])
    references = set(Crime.objects.values_list("reference", flat=True))
    assert references == {"PUK-242DAC7CD690", "PUK-242DAC7CD6900000"}
