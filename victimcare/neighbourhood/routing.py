"""Which neighbourhood team an incident goes to: the team covering its ward; where the crime has no ward,
the ward found from its point or its LSOA; else the default team of its local authority."""

from dataclasses import dataclass
from functools import lru_cache

from victimcare.areas import locate
from victimcare.areas.models import LocalAuthority, Ward
from victimcare.neighbourhood.models import DefaultTeam, IncidentNotice, TeamWard
from victimcare.organisations.models import Organisation


@dataclass(frozen=True)
class Route:
    team: Organisation | None
    ward: Ward | None
    local_authority: LocalAuthority | None
    routed_by: str = ""


@lru_cache(maxsize=1)
def _lsoa_points() -> dict[str, tuple[float, float]]:
    """A point inside each 2021 LSOA (its representative point), read once from the boundaries."""
    index = locate.lsoa_boundaries()
    points = {}
    for code, geometry in zip(index.codes, index.geometries, strict=True):
        point = geometry.representative_point()
        points[code] = (point.x, point.y)
    return points


def ward_code_for_lsoa(lsoa_code: str) -> str | None:
    """The 2025 ward holding a point inside the LSOA (LSOAs nest in wards almost everywhere)."""
    point = _lsoa_points().get(lsoa_code)
    return locate.ward_code_at(*point) if point else None


def _resolve_ward(crime) -> tuple[Ward | None, str]:
    if crime.ward_id:
        return crime.ward, IncidentNotice.RoutedBy.WARD
    code = None
    if crime.longitude is not None and crime.latitude is not None:
        code = locate.ward_code_at(float(crime.longitude), float(crime.latitude))
    if code is None and crime.lsoa_id:
        code = ward_code_for_lsoa(crime.lsoa_id)
    ward = Ward.objects.select_related("local_authority").filter(code=code).first() if code else None
    return ward, IncidentNotice.RoutedBy.LSOA


def route(crime) -> Route:
    """Where the crime's incident notice goes, and how that was decided."""
    ward, how = _resolve_ward(crime)
    local_authority_id = crime.local_authority_id or (crime.lsoa.local_authority_id if crime.lsoa_id else None) \
        or (ward.local_authority_id if ward else None)
    local_authority = LocalAuthority.objects.filter(pk=local_authority_id).first() if local_authority_id else None
    if ward is not None:
        assigned = TeamWard.objects.select_related("team").filter(ward=ward).first()
        if assigned is not None:
            return Route(assigned.team, ward, local_authority, how)
    if local_authority is not None:
        default = DefaultTeam.objects.select_related("team").filter(local_authority=local_authority).first()
        if default is not None:
            return Route(default.team, ward, local_authority, IncidentNotice.RoutedBy.DEFAULT)
    return Route(None, ward, local_authority)


def team_for(crime) -> Organisation | None:
    return route(crime).team
