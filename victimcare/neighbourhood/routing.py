"""Which neighbourhood team an incident goes to: the team covering its ward; where the crime has no ward,
the ward found from its point or its LSOA; else the default team of its local authority. Where the place
resolves to no ward and no local authority at all (a postcode the postcode directory does not hold, and
no ONS postcode file ships with Victim Care), the default team of the local authority of the case's unit,
marked as routed by the unit's area so the team knows the exact ward was not found."""

from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext, gettext_lazy

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
    unit_area: LocalAuthority | None = None  # routed by the area of the case's unit: that area


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


def route(crime, unit=None) -> Route:
    """Where the crime's incident notice goes, and how that was decided. `unit` (the case's unit) is the
    fallback for a place that resolves to no ward and no local authority."""
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
    if ward is None and local_authority is None and unit is not None and unit.local_authority_id:
        default = DefaultTeam.objects.select_related("team", "local_authority").filter(
            local_authority_id=unit.local_authority_id).first()
        if default is not None:
            # Neither ward nor local authority is known: the notice records neither (the unit's area is
            # where the case is owned, not where the incident happened).
            return Route(default.team, None, None, IncidentNotice.RoutedBy.UNIT_AREA, default.local_authority)
    return Route(None, ward, local_authority)


def team_for(crime) -> Organisation | None:
    return route(crime).team


# --- Before the report is recorded (first contact's check-your-answers page) -----------------------------
PREVIEW_LABEL = gettext_lazy("Ward and neighbourhood team")


def preview(location, *, longitude=None, latitude=None, unit=None) -> Route:
    """Where a report at this place (an areas.locate.Location and the point, if any) will be routed once
    recorded for `unit`, without recording anything."""
    from victimcare.crimes.models import Crime

    crime = Crime(lsoa=location.lsoa, ward=location.ward, local_authority=location.local_authority,
                  longitude=longitude, latitude=latitude)
    return route(crime, unit=unit)


def preview_text(found: Route) -> str:
    """The ward found and the team that will be told, in the reader's language, or that the place was
    not found and how the incident will be routed instead."""
    team = found.team.name if found.team is not None else ""
    if found.ward is not None:
        if team:
            return gettext("%(ward)s: %(team)s will be told") % {"ward": found.ward.name, "team": team}
        return gettext("%(ward)s: no neighbourhood team covers it") % {"ward": found.ward.name}
    if found.routed_by == IncidentNotice.RoutedBy.UNIT_AREA:
        return gettext("Not found: routed to %(team)s by the unit's area (%(area)s)") % {
            "team": team, "area": found.unit_area.name}
    if found.team is not None:
        return gettext("Ward not found: routed to %(team)s, the default team of %(area)s") % {
            "team": team, "area": found.local_authority.name}
    return gettext("Not found: no neighbourhood team will be told")
