"""What the neighbourhood app sets up for the access matrix: objects its URL arguments name (From("...")), and
the state the personas need (see tests/access/rules.py).

The `neighbourhood` persona's team covers the shared case's ward (the real Stow Hill 2025 ward of Newport),
so the case's incident reached it as a notice; the `partner` persona's agency follows that team's feed."""

import datetime as dt

from django.utils import timezone

from victimcare.accounts.roles import Role, organisations_with_role
from victimcare.areas.models import Ward
from victimcare.neighbourhood.services import assign_ward, notify_team, subscribe
from victimcare.organisations.models import Organisation

STOW_HILL = "W05001645"


def make(case, personas) -> dict:
    crime = case.crime
    ward, _created = Ward.objects.get_or_create(code=STOW_HILL, defaults={
        "name_en": "Stow Hill", "name_cy": "Stow Hill", "local_authority_id": crime.local_authority_id,
        "boundary_year": 2025})
    crime.ward = ward
    crime.save(update_fields=["ward"])
    team = Organisation.objects.get(pk=next(iter(organisations_with_role(personas["neighbourhood"],
                                                                         Role.NEIGHBOURHOOD))))
    agency = Organisation.objects.get(pk=next(iter(organisations_with_role(personas["partner"], Role.PARTNER))))
    assign_ward(team, ward)
    subscribe(team, agency, actor=personas["partner"], at=timezone.now() - dt.timedelta(days=1))
    notice = notify_team(case)
    return {"notice": notice, "team": team}
