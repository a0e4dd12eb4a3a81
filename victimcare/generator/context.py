"""What generating cases needs to know from the database, read once before any case is made, so that the
case-by-case work touches no database: areas, units and their officers, and whatever each domain part
adds in its own `prepare` (services, teams, stores)."""

import random
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings

from victimcare.accounts.models import User
from victimcare.areas import locate
from victimcare.areas.models import Lsoa, Ward
from victimcare.demo.organisations import CALL_HANDLER_USERNAME
from victimcare.generator.source import CrimeMix, load_crime_mix
from victimcare.organisations.models import Membership, Organisation

DEFAULT_DATA = Path(settings.BASE_DIR).parent / "shared" / "data" / "police-uk"


@dataclass
class Place:
    lsoa_code: str
    ward_code: str | None
    local_authority_code: str
    is_rural: bool


@dataclass
class Unit:
    id: int
    local_authority_code: str
    officer_ids: list[int]

    def officer(self, rng: random.Random) -> int:
        return self.officer_ids[rng.randrange(len(self.officer_ids))]


@dataclass
class Context:
    now: datetime
    mix: CrimeMix
    places: list[Place]  # one per mix row, in the same order
    units: dict[str, Unit]  # by local authority code
    call_handler_id: int
    force_id: int
    extra: dict = field(default_factory=dict)  # each domain part's own, under its name


def load_context(now: datetime, data_folder: Path = DEFAULT_DATA) -> Context:
    lsoas = {code: (authority, rural) for code, authority, rural in
             Lsoa.objects.values_list("code", "local_authority_id", "is_rural")}
    mix = load_crime_mix(data_folder, set(lsoas))
    return Context(
        now=now, mix=mix, places=_places(mix, lsoas), units=units_with_officers(),
        call_handler_id=User.objects.get(username=CALL_HANDLER_USERNAME).pk,
        force_id=Organisation.objects.get(kind=Organisation.Kind.FORCE).pk,
    )


def _places(mix: CrimeMix, lsoas: dict) -> list[Place]:
    ward_codes = set(Ward.objects.values_list("code", flat=True))
    located = [row for row in mix.rows if row.longitude is not None and row.latitude is not None]
    found = dict(zip((id(row) for row in located),
                     locate.ward_codes_at([(float(row.longitude), float(row.latitude)) for row in located]),
                     strict=True))
    places = []
    for row in mix.rows:
        ward = found.get(id(row))
        authority, rural = lsoas[row.lsoa_code]
        places.append(Place(row.lsoa_code, ward if ward in ward_codes else None, authority, rural))
    return places


def units_with_officers() -> dict[str, Unit]:
    units = {}
    for unit in Organisation.objects.filter(kind=Organisation.Kind.UNIT, local_authority__isnull=False):
        officers = list(Membership.objects.filter(organisation=unit, role=Membership.Role.OFFICER)
                        .order_by("user_id").values_list("user_id", flat=True))
        units[unit.local_authority_id] = Unit(unit.pk, unit.local_authority_id, officers)
    return units
