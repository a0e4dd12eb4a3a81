"""Where a point or a postcode is: its 2021 LSOA, its (2025) ward and its local authority.

Points are placed by point-in-polygon on the real ONS boundaries in victimcare/areas/data/boundaries,
indexed with a shapely STRtree. The boundaries are read lazily, once per process, and kept.
Postcodes are looked up in the Postcode table (filled by `manage.py import_postcodes`).
"""

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import shapely
from shapely.geometry import shape
from shapely.strtree import STRtree

from victimcare.areas.models import LocalAuthority, Lsoa, Postcode, Ward

BOUNDARIES_DIR = Path(__file__).resolve().parent / "data" / "boundaries"


class BoundaryIndex:
    """Polygons with a code each, and the code of the polygon a point lies in."""

    def __init__(self, codes: Sequence[str], geometries: Sequence) -> None:
        self.codes = list(codes)
        self.geometries = list(geometries)
        self.tree = STRtree(self.geometries)

    def __len__(self) -> int:
        return len(self.codes)

    def code_at(self, longitude: float, latitude: float) -> str | None:
        return self.codes_at([(longitude, latitude)])[0]

    def codes_at(self, points: Iterable[tuple[float, float]]) -> list[str | None]:
        """One code (or None, outside every polygon) per (longitude, latitude) point, in one tree query.

        A point on a shared border lies in both polygons; the first in file order wins, so the answer is stable.
        """
        coordinates = list(points)
        if not coordinates:
            return []
        geometries = shapely.points(coordinates)
        point_indexes, polygon_indexes = self.tree.query(geometries, predicate="intersects")
        found: list[str | None] = [None] * len(coordinates)
        for point_index, polygon_index in sorted(zip(point_indexes, polygon_indexes, strict=True), reverse=True):
            found[point_index] = self.codes[polygon_index]
        return found


def read_boundaries(folder: Path, code_property: str) -> BoundaryIndex:
    codes, geometries = [], []
    for path in sorted(folder.glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            codes.append(feature["properties"][code_property])
            geometries.append(shape(feature["geometry"]))
    return BoundaryIndex(codes, geometries)


@lru_cache(maxsize=1)
def ward_boundaries() -> BoundaryIndex:
    """The 2025 ward polygons (WD25CD codes)."""
    return read_boundaries(BOUNDARIES_DIR / "ward", "WD25CD")


@lru_cache(maxsize=1)
def lsoa_boundaries() -> BoundaryIndex:
    """The 2021 LSOA polygons (LSOA21CD codes)."""
    return read_boundaries(BOUNDARIES_DIR / "lsoa", "LSOA21CD")


def ward_code_at(longitude: float, latitude: float) -> str | None:
    return ward_boundaries().code_at(longitude, latitude)


def ward_codes_at(points: Iterable[tuple[float, float]]) -> list[str | None]:
    return ward_boundaries().codes_at(points)


def lsoa_code_at(longitude: float, latitude: float) -> str | None:
    return lsoa_boundaries().code_at(longitude, latitude)


_POSTCODE_SPACES = re.compile(r"\s+")


def normalise_postcode(text: str) -> str:
    """Upper case with one space before the inward code: " np20  1aa" -> "NP20 1AA".

    Anything too short to be a whole postcode (5 to 7 characters) is only upper-cased: "np44" -> "NP44".
    """
    compact = _POSTCODE_SPACES.sub("", text or "").upper()
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


@dataclass(frozen=True)
class Location:
    """Where something is. `method` says how it was found: "coordinates", "postcode" or "" (not found)."""

    lsoa: Lsoa | None = None
    ward: Ward | None = None
    local_authority: LocalAuthority | None = None
    method: str = ""

    @property
    def found(self) -> bool:
        return bool(self.method)


NOT_FOUND = Location()


def _location_from_codes(lsoa_code: str | None, ward_code: str | None) -> Location | None:
    lsoa = Lsoa.objects.select_related("local_authority").filter(code=lsoa_code).first() if lsoa_code else None
    ward = Ward.objects.select_related("local_authority").filter(code=ward_code).first() if ward_code else None
    if lsoa is None and ward is None:
        return None
    local_authority = lsoa.local_authority if lsoa else ward.local_authority
    return Location(lsoa=lsoa, ward=ward, local_authority=local_authority, method="coordinates")


def locate_point(longitude: float, latitude: float) -> Location | None:
    """The loaded LSOA and ward the point lies in, or None outside Gwent."""
    return _location_from_codes(lsoa_code_at(longitude, latitude), ward_code_at(longitude, latitude))


def locate_postcode(postcode: str) -> Location | None:
    normalised = normalise_postcode(postcode)
    if not normalised:
        return None
    found = (
        Postcode.objects.select_related("lsoa__local_authority", "ward").filter(postcode=normalised).first()
    )
    if found is None:
        return None
    return Location(lsoa=found.lsoa, ward=found.ward, local_authority=found.lsoa.local_authority, method="postcode")


def resolve_location(longitude=None, latitude=None, postcode: str = "") -> Location:
    """The LSOA, ward and local authority of a point (preferred: it is more precise) or else a postcode."""
    if longitude is not None and latitude is not None:
        located = locate_point(float(longitude), float(latitude))
        if located is not None:
            return located
    return locate_postcode(postcode) or NOT_FOUND
