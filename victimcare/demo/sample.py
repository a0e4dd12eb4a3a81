"""The small sample of real data.police.uk rows the demo ships with (victimcare/demo/data), and how it is
chosen: 60 crimes in each of the five Gwent local authorities, spread over the categories that have a
victim (a quota each, violence and sexual offences the largest, as in the real figures), with every
outcome row of those crimes. Rows are taken in crime ID order: the IDs are hashes, so this is a fair,
repeatable pick. Made with `manage.py make_demo_sample /work/shared/data/police-uk/2025-06`.
"""

import csv
from collections import Counter
from pathlib import Path

from victimcare.areas.loading import lsoa_rows

DATA_DIR = Path(__file__).resolve().parent / "data"

QUOTA_PER_LOCAL_AUTHORITY = {
    "Violence and sexual offences": 24,
    "Criminal damage and arson": 8,
    "Public order": 7,
    "Burglary": 5,
    "Other theft": 5,
    "Vehicle crime": 4,
    "Robbery": 2,
    "Shoplifting": 2,
    "Theft from the person": 1,
    "Bicycle theft": 1,
    "Other crime": 1,
}
FILLER_CATEGORY = "Violence and sexual offences"


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write(path: Path, fieldnames: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def loadable_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Crimes with an ID, a Gwent LSOA and coordinates, one row per ID, in ID order."""
    gwent = {row["code"] for row in lsoa_rows()}
    ids = Counter(row["Crime ID"] for row in rows)
    return sorted(
        (r for r in rows if r["Crime ID"] and ids[r["Crime ID"]] == 1 and r["LSOA code"] in gwent and r["Longitude"]),
        key=lambda row: row["Crime ID"],
    )


def pick_for_local_authority(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The quota of each category, topped up with violent crimes where a category has too few."""
    picked = []
    for category, quota in QUOTA_PER_LOCAL_AUTHORITY.items():
        picked += [row for row in rows if row["Crime type"] == category][:quota]
    chosen = {row["Crime ID"] for row in picked}
    shortfall = sum(QUOTA_PER_LOCAL_AUTHORITY.values()) - len(picked)
    spare = [row for row in rows if row["Crime type"] == FILLER_CATEGORY and row["Crime ID"] not in chosen]
    return picked + spare[:shortfall]


def choose_street_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    local_authority = {row["code"]: row["local_authority_id"] for row in lsoa_rows()}
    loadable = loadable_rows(rows)
    picked = []
    for code in sorted(set(local_authority.values())):
        picked += pick_for_local_authority([r for r in loadable if local_authority[r["LSOA code"]] == code])
    return sorted(picked, key=lambda row: row["Crime ID"])


def make_sample(month_folder: Path, out: Path = DATA_DIR) -> tuple[int, int]:
    """Write the sample street and outcomes files for the month in `month_folder`; returns their row counts."""
    street_path = next(month_folder.glob("*-street.csv"))
    outcomes_path = next(month_folder.glob("*-outcomes.csv"))
    street_fields, street = read(street_path)
    outcome_fields, outcomes = read(outcomes_path)
    chosen = choose_street_rows(street)
    ids = {row["Crime ID"] for row in chosen}
    chosen_outcomes = [row for row in outcomes if row["Crime ID"] in ids]
    out.mkdir(parents=True, exist_ok=True)
    write(out / street_path.name, street_fields, chosen)
    write(out / outcomes_path.name, outcome_fields, chosen_outcomes)
    return len(chosen), len(chosen_outcomes)
