"""The real Gwent crime mix the generator draws on: every data.police.uk street row with a victim (its
category, LSOA, snapped location and last outcome kept together, so their joint proportions are the real
ones) and how many crimes each calendar month has.

The shipped files cover October to June; July to September, which they lack, get the average month.
Drugs and possession of weapons are left out: they have no personal victim, so no victim's case.
"""

import bisect
import random
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from victimcare.crimes.importer import STREET, find_files, parse_coordinate, parse_month, read_rows
from victimcare.crimes.offences import CATEGORY_BY_POLICE_UK_NAME

NO_PERSONAL_VICTIM = frozenset({"drugs", "possession-of-weapons"})


@dataclass(frozen=True)
class StreetRow:
    category: str
    lsoa_code: str
    longitude: Decimal | None
    latitude: Decimal | None
    location: str
    last_outcome: str


@dataclass(frozen=True)
class CrimeMix:
    rows: tuple[StreetRow, ...]
    month_weights: tuple[float, ...]  # January to December, summing to 1
    skipped: Counter

    def pick_row(self, rng: random.Random) -> StreetRow:
        return self.rows[rng.randrange(len(self.rows))]

    def cumulative_month_weights(self) -> list[float]:
        total, cumulative = 0.0, []
        for weight in self.month_weights:
            total += weight
            cumulative.append(total)
        return cumulative


def load_crime_mix(folder: Path, known_lsoas: set[str]) -> CrimeMix:
    rows, skipped, per_month = [], Counter(), Counter()
    for path in find_files([folder])[STREET]:
        for raw in read_rows(path):
            category = CATEGORY_BY_POLICE_UK_NAME.get(raw.get("Crime type", ""))
            month = parse_month(raw.get("Month", ""))
            reason = _skip_reason(raw, category, month, known_lsoas)
            if reason:
                skipped[reason] += 1
                continue
            per_month[month.month] += 1
            rows.append(StreetRow(category.slug, raw["LSOA code"], parse_coordinate(raw.get("Longitude", "")),
                                  parse_coordinate(raw.get("Latitude", "")), raw.get("Location", "")[:200],
                                  raw.get("Last outcome category", "")))
    if not rows:
        raise ValueError(f"No usable data.police.uk street rows under {folder}")
    return CrimeMix(tuple(rows), _month_weights(per_month), skipped)


def _skip_reason(raw: dict, category, month, known_lsoas: set[str]) -> str:
    if category is None:
        return "unknown crime type"
    if category.slug in NO_PERSONAL_VICTIM:
        return "no personal victim"
    if month is None:
        return "no readable month"
    if raw.get("LSOA code", "") not in known_lsoas:
        return "LSOA outside the area"
    return ""


def _month_weights(per_month: Counter) -> tuple[float, ...]:
    seen = [per_month[month] for month in range(1, 13) if per_month[month]]
    average = sum(seen) / len(seen)
    counts = [per_month[month] or average for month in range(1, 13)]
    total = sum(counts)
    return tuple(count / total for count in counts)


def pick_month(rng: random.Random, cumulative: list[float]) -> int:
    """A calendar month (1-12) in the real seasonal proportions."""
    return min(bisect.bisect_left(cumulative, rng.random() * cumulative[-1]) + 1, 12)
