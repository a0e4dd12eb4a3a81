"""Import postcodes from the ONS Postcode Directory (ONSPD) CSV: columns pcds, lsoa21cd, osward.

The directory covers the whole UK; rows whose LSOA is not a loaded (Gwent) LSOA are skipped and counted.
Re-importing updates a postcode's LSOA and ward, so the command is idempotent.
"""

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.db import transaction

from victimcare.areas.locate import normalise_postcode
from victimcare.areas.models import Lsoa, Postcode, Ward

BATCH_SIZE = 2000
POSTCODE_COLUMNS = ("pcds", "pcd", "pcd2")
LSOA_COLUMNS = ("lsoa21cd", "lsoa21")
WARD_COLUMNS = ("osward",)

SKIP_NO_POSTCODE = "no postcode"
SKIP_OUTSIDE_GWENT = "outside Gwent (LSOA not loaded)"
SKIP_DUPLICATE = "duplicate postcode"


@dataclass
class PostcodeReport:
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)

    def lines(self) -> list[str]:
        lines = [
            f"Rows read: {self.rows_read}",
            f"Postcodes added: {self.created}",
            f"Postcodes updated: {self.updated}",
            f"Already present and unchanged: {self.unchanged}",
        ]
        lines += [f"Skipped, {reason}: {count}" for reason, count in sorted(self.skipped.items())]
        return lines


def _pick(row: dict, names: Iterable[str]) -> str:
    for name in names:
        if row.get(name):
            return row[name].strip()
    return ""


def read_directory(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {key.strip().lower(): value for key, value in row.items() if key}


def parse_row(row: dict, lsoa_codes: set[str], ward_codes: set[str]) -> Postcode | str:
    """A Postcode to save, or the reason the row is skipped."""
    postcode = normalise_postcode(_pick(row, POSTCODE_COLUMNS))
    if not postcode:
        return SKIP_NO_POSTCODE
    lsoa_code = _pick(row, LSOA_COLUMNS)
    if lsoa_code not in lsoa_codes:
        return SKIP_OUTSIDE_GWENT
    ward_code = _pick(row, WARD_COLUMNS)
    return Postcode(postcode=postcode, lsoa_id=lsoa_code, ward_id=ward_code if ward_code in ward_codes else None)


def save_batch(postcodes: list[Postcode], report: PostcodeReport) -> None:
    """Insert new postcodes and update changed ones: two or three queries per batch."""
    existing = Postcode.objects.in_bulk([p.postcode for p in postcodes])
    new = [p for p in postcodes if p.postcode not in existing]
    changed = []
    for postcode in postcodes:
        old = existing.get(postcode.postcode)
        if old is None:
            continue
        if (old.lsoa_id, old.ward_id) != (postcode.lsoa_id, postcode.ward_id):
            changed.append(postcode)
        else:
            report.unchanged += 1
    Postcode.objects.bulk_create(new, ignore_conflicts=True)
    if changed:
        Postcode.objects.bulk_update(changed, ["lsoa", "ward"])
    report.created += len(new)
    report.updated += len(changed)


def _batches(items: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(items, size)):
        yield batch


def accepted_postcodes(rows: Iterable[dict], report: PostcodeReport) -> Iterator[Postcode]:
    lsoa_codes = set(Lsoa.objects.values_list("code", flat=True))
    ward_codes = set(Ward.objects.values_list("code", flat=True))
    seen: set[str] = set()
    for row in rows:
        report.rows_read += 1
        parsed = parse_row(row, lsoa_codes, ward_codes)
        if isinstance(parsed, str):
            report.skipped[parsed] += 1
        elif parsed.postcode in seen:
            report.skipped[SKIP_DUPLICATE] += 1
        else:
            seen.add(parsed.postcode)
            yield parsed


@transaction.atomic
def import_postcodes(path: Path) -> PostcodeReport:
    report = PostcodeReport()
    for batch in _batches(accepted_postcodes(read_directory(path), report), BATCH_SIZE):
        save_batch(batch, report)
    return report
