"""Gwent Police, its five local policing areas, Connect Gwent, the Witness Care Unit, the Commissioner's
office, and the demo staff. Phone numbers are in Ofcom's drama range (01632 960xxx) apart from the
national non-emergency number 101; e-mail addresses use the reserved .example domain."""

from dataclasses import dataclass

from victimcare.accounts.models import User
from victimcare.organisations.models import Membership, Organisation

Kind = Organisation.Kind
Role = Membership.Role

# Shared by every demo account and printed by load_demo: a demo, not a secret.
DEMO_PASSWORD = "Siarter-Gwent-2025"  # noqa: S105
FORCE = "gwent-police"


@dataclass(frozen=True)
class OrganisationSpec:
    code: str
    kind: str
    name_en: str
    name_cy: str
    phone: str
    email: str
    local_authority: str | None = None
    parent: str | None = None


ORGANISATIONS = [
    OrganisationSpec(FORCE, Kind.FORCE, "Gwent Police", "Heddlu Gwent", "101", "contact@gwent-police.example"),
    OrganisationSpec("gwent-police-newport", Kind.UNIT, "Gwent Police, Newport", "Heddlu Gwent, Casnewydd",
                     "01632 960001", "newport@gwent-police.example", "W06000022", FORCE),
    OrganisationSpec("gwent-police-caerphilly", Kind.UNIT, "Gwent Police, Caerphilly", "Heddlu Gwent, Caerffili",
                     "01632 960002", "caerphilly@gwent-police.example", "W06000018", FORCE),
    OrganisationSpec("gwent-police-blaenau-gwent", Kind.UNIT, "Gwent Police, Blaenau Gwent",
                     "Heddlu Gwent, Blaenau Gwent", "01632 960003", "blaenau-gwent@gwent-police.example",
                     "W06000019", FORCE),
    OrganisationSpec("gwent-police-torfaen", Kind.UNIT, "Gwent Police, Torfaen", "Heddlu Gwent, Torfaen",
                     "01632 960004", "torfaen@gwent-police.example", "W06000020", FORCE),
    OrganisationSpec("gwent-police-monmouthshire", Kind.UNIT, "Gwent Police, Monmouthshire",
                     "Heddlu Gwent, Sir Fynwy", "01632 960005", "monmouthshire@gwent-police.example",
                     "W06000021", FORCE),
    OrganisationSpec("connect-gwent", Kind.VICTIM_SERVICE, "Connect Gwent", "Connect Gwent", "01632 960010",
                     "help@connect-gwent.example"),
    OrganisationSpec("gwent-witness-care", Kind.WITNESS_CARE, "Gwent Witness Care Unit",
                     "Uned Gofal Tystion Gwent", "01632 960020", "witness.care@gwent-police.example", parent=FORCE),
    OrganisationSpec("gwent-pcc", Kind.COMMISSIONER, "Office of the Police and Crime Commissioner for Gwent",
                     "Swyddfa Comisiynydd yr Heddlu a Throseddu Gwent", "01632 960030",
                     "commissioner@gwent-pcc.example"),
]


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    roles: tuple[tuple[str, str], ...]  # (role, organisation code)
    administrator: bool = False


STAFF = [
    StaffSpec("olwen.price", "Olwen", "Price", ((Role.OFFICER, "gwent-police-newport"),)),
    StaffSpec("gareth.lewis", "Gareth", "Lewis", ((Role.OFFICER, "gwent-police-newport"),)),
    StaffSpec("dewi.hughes", "Dewi", "Hughes", ((Role.OFFICER, "gwent-police-caerphilly"),)),
    StaffSpec("sara.rees", "Sara", "Rees",
              ((Role.SUPERVISOR, "gwent-police-newport"), (Role.SUPERVISOR, "gwent-police-caerphilly"))),
    StaffSpec("cerys.bowen", "Cerys", "Bowen", ((Role.CALL_HANDLER, FORCE),)),
    StaffSpec("alun.james", "Alun", "James", ((Role.ADMINISTRATOR, FORCE),), administrator=True),
    StaffSpec("rhian.morgan", "Rhian", "Morgan", ((Role.OFFICER, "gwent-police-torfaen"),)),
    StaffSpec("tom.pritchard", "Tom", "Pritchard", ((Role.OFFICER, "gwent-police-blaenau-gwent"),)),
    StaffSpec("emma.watkins", "Emma", "Watkins", ((Role.OFFICER, "gwent-police-monmouthshire"),)),
]
ADMINISTRATOR_USERNAME = "alun.james"
CALL_HANDLER_USERNAME = "cerys.bowen"


def create_organisations() -> dict[str, Organisation]:
    """Create (or bring up to date) the demo organisations, parents first."""
    made: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        made[spec.code], _ = Organisation.objects.update_or_create(
            code=spec.code,
            defaults={
                "kind": spec.kind,
                "name_en": spec.name_en,
                "name_cy": spec.name_cy,
                "phone": spec.phone,
                "email": spec.email,
                "local_authority_id": spec.local_authority,
                "parent": made.get(spec.parent) if spec.parent else None,
            },
        )
    return made


def create_member(spec: StaffSpec, organisations: dict[str, Organisation]) -> User:
    user, _ = User.objects.get_or_create(
        username=spec.username,
        defaults={
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "email": f"{spec.username}@gwent-police.example",
            "is_staff": spec.administrator,
            "is_superuser": spec.administrator,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    for role, code in spec.roles:
        Membership.objects.get_or_create(user=user, organisation=organisations[code], role=role)
    return user


def create_staff(organisations: dict[str, Organisation]) -> dict[str, User]:
    return {spec.username: create_member(spec, organisations) for spec in STAFF}


def sign_in_rows() -> list[tuple[str, str, str]]:
    """(username, role, unit) for every demo account, from the database, in the order of STAFF."""
    order = {(spec.username, code): index for index, spec in enumerate(STAFF) for _, code in spec.roles}
    memberships = Membership.objects.filter(user__username__in=[s.username for s in STAFF]).select_related(
        "user", "organisation"
    )
    ordered = sorted(memberships, key=lambda m: order.get((m.user.username, m.organisation.code), len(order)))
    return [(m.user.username, m.get_role_display(), m.organisation.name_en) for m in ordered]
