"""Neighbourhood teams over the real Newport wards, reports recorded through first contact, and points
taken from the real ward boundaries."""

import datetime as dt
import json
import uuid
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from shapely.geometry import shape

from tests.factories import OrganisationFactory
from victimcare.areas.loading import load_areas
from victimcare.areas.models import LocalAuthority, Ward
from victimcare.firstcontact.services import Report, record_report
from victimcare.neighbourhood import services
from victimcare.organisations.models import Organisation

LONDON = ZoneInfo("Europe/London")
NEWPORT = "W06000022"
STOW_HILL, PILLGWENLLY, LLISWERRY, ALLT_YR_YN = "W05001645", "W05001638", "W05001635", "W05001627"
WARD_BOUNDARIES = Path(__file__).resolve().parents[2] / "victimcare" / "areas" / "data" / "boundaries" / "ward"


@cache
def point_in_ward(code: str) -> tuple[float, float]:
    """(longitude, latitude) of a point inside the real 2025 ward (its polygon's representative point)."""
    for path in WARD_BOUNDARIES.glob("*.geojson"):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            if feature["properties"]["WD25CD"] == code:
                point = shape(feature["geometry"]).representative_point()
                return round(point.x, 6), round(point.y, 6)
    raise LookupError(code)


@pytest.fixture
def areas(db):
    return load_areas()


@pytest.fixture
def newport(areas, unit):
    """The officer's unit covers Newport (so reports there are its cases)."""
    authority = LocalAuthority.objects.get(code=NEWPORT)
    unit.local_authority = authority
    unit.save()
    return authority


@pytest.fixture
def west(neighbourhood_team, newport):
    """Newport West: Stow Hill and Pillgwenlly (the `neighbourhood` persona's team)."""
    neighbourhood_team.local_authority = newport
    neighbourhood_team.save()
    services.set_team_wards(neighbourhood_team, list(Ward.objects.filter(code__in=[STOW_HILL, PILLGWENLLY])))
    return neighbourhood_team


@pytest.fixture
def east(force, newport):
    """Newport East: Lliswerry, and the default team for the rest of Newport."""
    team = OrganisationFactory(code="newport-east-npt", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM,
                               name_en="Newport East neighbourhood team", name_cy="Tîm plismona bro Dwyrain Casnewydd",
                               parent=force, local_authority=newport)
    services.set_team_wards(team, [Ward.objects.get(code=LLISWERRY)])
    services.set_default_team(newport, team)
    return team


def report(*, longitude=None, latitude=None, postcode="", location="On Commercial Street", **changes) -> Report:
    values = {
        "victim_id": None,
        "victim": {"given_name": "Megan", "family_name": "Pritchard", "date_of_birth": dt.date(1990, 5, 1),
                "phone": "07700 900456", "email": "megan@example.org", "address": "14 Dock Street, Newport",
                "postcode": "NP20 2AA"},
        "category": "burglary", "offence": "", "is_domestic_abuse": False, "is_hate_crime": False,
        "is_honour_based": False, "occurred_at": None, "location_description": location, "postcode": postcode,
        "longitude": longitude, "latitude": latitude,
        "thrive": {"threat": {"rating": "low", "rationale": "None"}}, "wants_attendance": True,
    }
    values.update(changes)
    return Report(**values)


def record(actor, at, **where):
    return record_report(report(**where), actor=actor, submission_key=str(uuid.uuid4()), at=at)


def in_ward(code: str) -> dict:
    longitude, latitude = point_in_ward(code)
    return {"longitude": longitude, "latitude": latitude}


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=LONDON)
