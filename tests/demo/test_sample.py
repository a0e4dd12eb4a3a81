import csv
from collections import Counter
from pathlib import Path

import pytest

from victimcare.areas.loading import lsoa_rows
from victimcare.demo.sample import DATA_DIR, make_sample

SHARED_MONTH = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "police-uk" / "2025-06"


def shipped_street_rows():
    with next(DATA_DIR.glob("*-street.csv")).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_shipped_sample_covers_every_local_authority_and_several_categories():
    local_authority = {row["code"]: row["local_authority_id"] for row in lsoa_rows()}
    rows = shipped_street_rows()
    assert len(rows) == 300
    assert set(Counter(local_authority[row["LSOA code"]] for row in rows).values()) == {60}
    categories = Counter(row["Crime type"] for row in rows)
    assert len(categories) >= 8
    assert categories.most_common(1)[0][0] == "Violence and sexual offences"


@pytest.mark.needs_shared_data
def test_the_shipped_sample_can_be_made_again_from_the_real_files(tmp_path):
    if not SHARED_MONTH.is_dir():
        pytest.skip(f"needs the shared data folder {SHARED_MONTH}, which is absent")
    make_sample(SHARED_MONTH, tmp_path)
    for made in tmp_path.glob("*.csv"):
        assert made.read_bytes() == (DATA_DIR / made.name).read_bytes(), made.name
