"""Gwent Police, its five local policing areas, Connect Gwent, the Witness Care Unit, the Commissioner's
office, and the demo staff. Phone numbers are in Ofcom's drama range (01632 960xxx) apart from the
national non-emergency number 101; e-mail addresses use the reserved .example domain."""

import base64
from dataclasses import dataclass

from victimcare.accounts.models import User
from victimcare.organisations.models import Membership, Organisation

Kind = Organisation.Kind
Role = Membership.Role

# Shared by every demo account and printed by load_demo: a demo, not a secret.
DEMO_PASSWORD = "Siarter-Gwent-2025"  # noqa: S105 - published in the README for the demo  # nosec B105
# Every demo account's authenticator app secret (base32, as an app takes it), published so the demo works on any
# machine: `manage.py demo_code USERNAME` prints the current code (with DEBUG on only). A demo, not a secret.
DEMO_TOTP_SECRET = "VICTIMCAREDEMOGWENTCHARTERTWOFAC"  # noqa: S105 - published for the demo  # nosec B105
DEMO_AUTHENTICATOR_NAME = "Demo authenticator"
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
    OrganisationSpec("victim-support-gwent", Kind.VICTIM_SERVICE, "Victim Support (Gwent)",
                     "Cymorth i Ddioddefwyr (Gwent)", "01632 960011", "gwent@victim-support.example",
                     parent="connect-gwent"),
    OrganisationSpec("new-pathways", Kind.VICTIM_SERVICE, "New Pathways", "Llwybrau Newydd", "01632 960012",
                     "referrals@new-pathways.example", parent="connect-gwent"),
    OrganisationSpec("npt-newport-east", Kind.NEIGHBOURHOOD_TEAM, "Newport East neighbourhood team",
                     "Tîm plismona bro Dwyrain Casnewydd", "01632 960041", "npt.newport.east@gwent-police.example",
                     "W06000022", FORCE),
    OrganisationSpec("npt-newport-west", Kind.NEIGHBOURHOOD_TEAM, "Newport West neighbourhood team",
                     "Tîm plismona bro Gorllewin Casnewydd", "01632 960042", "npt.newport.west@gwent-police.example",
                     "W06000022", FORCE),
    OrganisationSpec("npt-caerphilly", Kind.NEIGHBOURHOOD_TEAM, "Caerphilly neighbourhood team",
                     "Tîm plismona bro Caerffili", "01632 960043", "npt.caerphilly@gwent-police.example",
                     "W06000018", FORCE),
    OrganisationSpec("npt-blaenau-gwent", Kind.NEIGHBOURHOOD_TEAM, "Blaenau Gwent neighbourhood team",
                     "Tîm plismona bro Blaenau Gwent", "01632 960044", "npt.blaenau.gwent@gwent-police.example",
                     "W06000019", FORCE),
    OrganisationSpec("npt-torfaen", Kind.NEIGHBOURHOOD_TEAM, "Torfaen neighbourhood team",
                     "Tîm plismona bro Torfaen", "01632 960045", "npt.torfaen@gwent-police.example",
                     "W06000020", FORCE),
    OrganisationSpec("npt-monmouthshire", Kind.NEIGHBOURHOOD_TEAM, "Monmouthshire neighbourhood team",
                     "Tîm plismona bro Sir Fynwy", "01632 960046", "npt.monmouthshire@gwent-police.example",
                     "W06000021", FORCE),
    OrganisationSpec("newport-community-safety", Kind.PARTNER_AGENCY, "Newport City Council community safety",
                     "Diogelwch cymunedol Cyngor Dinas Casnewydd", "01632 960051",
                     "community.safety@newport-council.example", "W06000022"),
    OrganisationSpec("newport-housing", Kind.PARTNER_AGENCY, "Newport housing association (sample)",
                     "Cymdeithas dai Casnewydd (enghraifft)", "01632 960052", "tenancy@newport-housing.example",
                     "W06000022"),
    OrganisationSpec("gwent-witness-care", Kind.WITNESS_CARE, "Gwent Witness Care Unit",
                     "Uned Gofal Tystion Gwent", "01632 960020", "witness.care@gwent-police.example", parent=FORCE),
    OrganisationSpec("probation-gwent", Kind.PROBATION, "The Probation Service, Gwent", "Y Gwasanaeth Prawf, Gwent",
                     "01632 960060", "victim.contact@probation-gwent.example"),
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
    StaffSpec("nia.jenkins", "Nia", "Jenkins", ((Role.CASEWORKER, "connect-gwent"),)),
    StaffSpec("iwan.davies", "Iwan", "Davies", ((Role.CASEWORKER, "new-pathways"),)),
    StaffSpec("huw.thomas", "Huw", "Thomas",
              ((Role.NEIGHBOURHOOD, "npt-newport-east"), (Role.NEIGHBOURHOOD, "npt-newport-west"))),
    StaffSpec("mair.evans", "Mair", "Evans", ((Role.PARTNER, "newport-community-safety"),)),
    StaffSpec("owain.roberts", "Owain", "Roberts", ((Role.PARTNER, "newport-housing"),)),
    StaffSpec("bethan.owen", "Bethan", "Owen", ((Role.WITNESS_CARE_OFFICER, "gwent-witness-care"),)),
    StaffSpec("rhys.parry", "Rhys", "Parry", ((Role.PROPERTY_OFFICER, FORCE),)),
    StaffSpec("ffion.harries", "Ffion", "Harries", ((Role.ANALYST, "gwent-pcc"),)),
    StaffSpec("llinos.rowlands", "Llinos", "Rowlands", ((Role.INFORMATION_RIGHTS, FORCE),)),
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
    give_demo_authenticator(user)
    for role, code in spec.roles:
        Membership.objects.get_or_create(user=user, organisation=organisations[code], role=role)
    return user


def demo_totp_key() -> str:
    """DEMO_TOTP_SECRET as django-otp keeps a key (hex)."""
    return base64.b32decode(DEMO_TOTP_SECRET).hex()


def give_demo_authenticator(user: User) -> None:
    """A confirmed authenticator app with the published demo secret (staff sign-in needs one: two-factor)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.get_or_create(user=user, name=DEMO_AUTHENTICATOR_NAME,
                                     defaults={"key": demo_totp_key(), "confirmed": True})


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
