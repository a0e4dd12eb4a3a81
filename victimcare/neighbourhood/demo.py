"""Demo data for neighbourhood teams: which team covers which ward, the incident feeds (some incidents
acknowledged, some with local action, some overdue) and a partner agency following a feed."""

from datetime import timedelta

from victimcare.accounts.models import User
from victimcare.areas.loading import CURRENT_WARD_BOUNDARY_YEAR
from victimcare.areas.models import Ward
from victimcare.cases.models import Case
from victimcare.neighbourhood import services
from victimcare.organisations.models import Organisation

NEWPORT = "W06000022"
DEFAULT_TEAMS = {
    "W06000018": "npt-caerphilly",
    "W06000019": "npt-blaenau-gwent",
    "W06000020": "npt-torfaen",
    "W06000021": "npt-monmouthshire",
    NEWPORT: "npt-newport-east",
}
# Newport's 2025 wards split at the River Usk. West of the river (the city centre on the west bank, the
# docks, and the valleys and levels beyond) to Newport West: Allt-yr-yn, Bettws, Gaer, Graig, Malpas,
# Pillgwenlly, the three Rogerstone wards, Shaftesbury, Stow Hill, Tredegar Park and Marshfield. East of
# it to Newport East: Alway, Beechwood, Bishton and Langstone, Lliswerry, Llanwern, Ringland, St Julians,
# Victoria, and Caerleon (which straddles the Usk upstream, but is reached and policed from the east).
NEWPORT_WEST_WARDS = {
    "W05001627",  # Allt-yr-yn
    "W05001630",  # Bettws
    "W05001633",  # Gaer
    "W05001634",  # Graig
    "W05001637",  # Malpas
    "W05001638",  # Pillgwenlly
    "W05001640",  # Rogerstone East
    "W05001641",  # Rogerstone North
    "W05001642",  # Rogerstone West
    "W05001643",  # Shaftesbury
    "W05001645",  # Stow Hill
    "W05001646",  # Tredegar Park and Marshfield
}
NEIGHBOURHOOD_USERNAME = "huw.thomas"
SUBSCRIBER = "newport-community-safety"
LOCAL_ACTIONS = (
    "Extra foot patrols on the street on the next two evenings.",
    "Spoke to the shops nearby; two have CCTV covering the street and will keep it.",
    "Raised at the ward meeting with the housing officer and the council's community safety warden.",
    "Visited neighbouring houses with crime prevention advice.",
    "Added the street to the PCSO patrol plan for the week.",
)


def configure(actor=None) -> None:
    """Default teams for the five local authorities; Newport's wards split between its two teams."""
    teams = {team.code: team for team in Organisation.objects.filter(kind=Organisation.Kind.NEIGHBOURHOOD_TEAM)}
    for team_code in DEFAULT_TEAMS.values():
        services.set_default_team(teams[team_code].local_authority, teams[team_code], actor=actor)
    newport_wards = Ward.objects.filter(local_authority_id=NEWPORT, boundary_year=CURRENT_WARD_BOUNDARY_YEAR)
    services.set_team_wards(teams["npt-newport-west"], [w for w in newport_wards if w.code in NEWPORT_WEST_WARDS])
    services.set_team_wards(teams["npt-newport-east"], [w for w in newport_wards if w.code not in NEWPORT_WEST_WARDS])


def load_demo(rng, now) -> None:
    configure()
    huw = User.objects.get(username=NEIGHBOURHOOD_USERNAME)
    west = Organisation.objects.get(code="npt-newport-west")
    services.subscribe(west, Organisation.objects.get(code=SUBSCRIBER), actor=None, at=now - timedelta(days=30))
    # The open cases were recorded before routing existed: tell the teams now, as if over the last six
    # days, so some acknowledgements are still due and some are overdue.
    cases = list(Case.objects.open().select_related("crime__ward", "crime__lsoa").order_by("opened_at", "id"))
    for number, case in enumerate(cases):
        plan = number % 5  # 0, 1: left waiting (due or overdue); 2: acknowledged late; 3, 4: on time
        hours = rng.randint(100, 140) if plan == 2 else rng.randint(1, 120)
        received = now - timedelta(hours=hours, minutes=rng.randint(0, 59))
        notice = services.notify_team(case, at=received)
        if notice is None or notice.team.local_authority_id != NEWPORT or plan < 2:
            continue  # Huw Thomas works for the Newport teams: only theirs are acknowledged
        due_at = notice.commitment.due_at
        if plan == 2 and due_at + timedelta(hours=2) < now:
            acknowledged = due_at + timedelta(minutes=rng.randint(30, 90))
        else:
            acknowledged = min(received + timedelta(hours=rng.randint(1, 6)), due_at)
        if acknowledged >= now:
            continue
        services.acknowledge_notice(notice, actor=huw, at=acknowledged, channel="system")
        if rng.random() < 0.5:
            services.note_local_action(notice, rng.choice(LOCAL_ACTIONS), actor=huw,
                                       at=acknowledged + timedelta(minutes=rng.randint(10, 120)), channel="system")
    # Anything left (none, unless a case had no team when it was routed above) is routed now.
    if cases:
        services.notify_open_cases(cases[0].opened_at.date(), at=now)
