import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from victimcare.areas.models import LocalAuthority, Postcode
from victimcare.areas.postcodes import SKIP_NO_POSTCODE, SKIP_OUTSIDE_GWENT, import_postcodes

# Illustrative rows in the ONS Postcode Directory layout (not real postcode-to-area facts).
ROWS = [
    {"pcd": "NP181AA", "pcds": "NP18 1AA", "lsoa21cd": "W01001623", "osward": "W05001632", "ctry": "W92000004"},
    {"pcd": "NP201AB", "pcds": "np20 1ab", "lsoa21cd": "W01001685", "osward": "W05001645", "ctry": "W92000004"},
    {"pcd": "NP44 1AA", "pcds": "NP44 1AA", "lsoa21cd": "W01001524", "osward": "W09999999", "ctry": "W92000004"},
    {"pcd": "CF103ND", "pcds": "CF10 3ND", "lsoa21cd": "W01001895", "osward": "W05001000", "ctry": "W92000004"},
    {"pcd": "", "pcds": "", "lsoa21cd": "W01001623", "osward": "", "ctry": "W92000004"},
]


def write_directory(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def directory(tmp_path):
    return write_directory(tmp_path / "ONSPD.csv", ROWS)


def test_imports_gwent_postcodes_and_counts_the_rest(areas, directory):
    report = import_postcodes(directory)
    assert report.rows_read == 5
    assert report.created == 3
    assert report.skipped == {SKIP_OUTSIDE_GWENT: 1, SKIP_NO_POSTCODE: 1}
    assert Postcode.objects.get(postcode="NP20 1AB").ward_id == "W05001645"
    assert Postcode.objects.get(postcode="NP44 1AA").ward_id is None  # ward code not loaded


def test_a_second_import_changes_nothing(areas, directory):
    import_postcodes(directory)
    again = import_postcodes(directory)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_a_moved_postcode_is_updated(areas, tmp_path, directory):
    import_postcodes(directory)
    moved = write_directory(tmp_path / "newer.csv", [{**ROWS[0], "lsoa21cd": "W01001626"}])
    report = import_postcodes(moved)
    assert report.updated == 1
    assert Postcode.objects.get(postcode="NP18 1AA").lsoa_id == "W01001626"


def test_command_loads_the_areas_first_and_reports(db, directory):
    out = StringIO()
    call_command("import_postcodes", str(directory), stdout=out)
    assert LocalAuthority.objects.count() == 5
    assert "Postcodes added: 3" in out.getvalue()
    assert f"Skipped, {SKIP_OUTSIDE_GWENT}: 1" in out.getvalue()


def test_command_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_postcodes", str(tmp_path / "missing.csv"))
