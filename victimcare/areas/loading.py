"""Load the Gwent local authorities, wards and 2021 LSOAs from the ONS files in victimcare/areas/data.

Idempotent: rows already loaded and unchanged are left alone, changed ones are updated, new ones added.
"""

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Model

from victimcare.areas.models import LocalAuthority, Lsoa, Ward

DATA_DIR = Path(__file__).resolve().parent / "data"

GWENT_LOCAL_AUTHORITY_WELSH_NAMES = {
    "W06000018": "Caerffili",
    "W06000019": "Blaenau Gwent",
    "W06000020": "Torfaen",
    "W06000021": "Sir Fynwy",
    "W06000022": "Casnewydd",
}
CURRENT_WARD_BOUNDARY_YEAR = 2025


@dataclass
class LoadCounts:
    """New, updated and unchanged rows of one model."""

    label: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def __str__(self) -> str:
        return f"{self.label}: {self.total} ({self.created} new, {self.updated} updated, {self.unchanged} unchanged)"


@dataclass
class AreasReport:
    counts: list[LoadCounts] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.counts)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def local_authority_rows() -> list[dict]:
    english = {row["LADCD"]: row["LADNM"] for row in read_csv(DATA_DIR / "la_all_codes.wales.csv")}
    return [
        {"code": code, "name_en": english[code], "name_cy": welsh}
        for code, welsh in GWENT_LOCAL_AUTHORITY_WELSH_NAMES.items()
    ]


def current_ward_rows() -> list[dict]:
    """The 2025 wards, with Welsh names, from the boundary files."""
    rows = []
    for path in sorted((DATA_DIR / "boundaries" / "ward").glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            properties = feature["properties"]
            rows.append({
                "code": properties["WD25CD"],
                "name_en": properties["WD25NM"],
                "name_cy": properties["WD25NMW"] or "",
                "local_authority_id": properties["LAD25CD"],
                "boundary_year": CURRENT_WARD_BOUNDARY_YEAR,
            })
    return rows


def older_ward_rows(current_codes: set[str]) -> list[dict]:
    """Wards of the older code sets (2016, 2017, 2022) that are not also 2025 codes."""
    return [
        {
            "code": row["WDCD"],
            "name_en": row["WDNM"],
            "name_cy": "",
            "local_authority_id": row["LADCD"],
            "boundary_year": int(row["SOURCEFILE"]),
        }
        for row in read_csv(DATA_DIR / "ward_all_codes.gwent.csv")
        if row["WDCD"] not in current_codes and row["LADCD"] in GWENT_LOCAL_AUTHORITY_WELSH_NAMES
    ]


def ward_rows() -> list[dict]:
    current = current_ward_rows()
    return current + older_ward_rows({row["code"] for row in current})


def lsoa_rows() -> list[dict]:
    return [
        {"code": row["LSOA21CD"], "name": row["LSOA21NM"], "local_authority_id": row["LADCD"]}
        for row in read_csv(DATA_DIR / "gwent_lsoa21_to_lad.csv")
        if row["LADCD"] in GWENT_LOCAL_AUTHORITY_WELSH_NAMES
    ]


def _differs(instance: Model, values: dict) -> bool:
    return any(getattr(instance, name) != value for name, value in values.items())


def sync_rows(model: type[Model], rows: Iterable[dict], label: str) -> LoadCounts:
    """Create missing rows and update changed ones, keyed on the primary key `code`, in bulk."""
    counts = LoadCounts(label)
    existing = model.objects.in_bulk(field_name="code")
    new, changed = [], []
    fields = set()
    for row in rows:
        values = {name: value for name, value in row.items() if name != "code"}
        fields |= set(values)
        instance = existing.get(row["code"])
        if instance is None:
            new.append(model(**row))
        elif _differs(instance, values):
            for name, value in values.items():
                setattr(instance, name, value)
            changed.append(instance)
        else:
            counts.unchanged += 1
    model.objects.bulk_create(new, batch_size=500)
    if changed:
        model.objects.bulk_update(changed, sorted(fields), batch_size=500)
    counts.created, counts.updated = len(new), len(changed)
    return counts


@transaction.atomic
def load_areas() -> AreasReport:
    return AreasReport([
        sync_rows(LocalAuthority, local_authority_rows(), "local authorities"),
        sync_rows(Ward, ward_rows(), "wards"),
        sync_rows(Lsoa, lsoa_rows(), "LSOAs"),
    ])


def areas_loaded() -> bool:
    return LocalAuthority.objects.exists() and Lsoa.objects.exists() and Ward.objects.exists()


def ensure_areas_loaded() -> AreasReport | None:
    """Load the areas if any of their tables is empty; None if they were already there."""
    return None if areas_loaded() else load_areas()
