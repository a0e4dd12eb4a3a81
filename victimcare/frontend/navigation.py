"""The service navigation: the links a signed-in user gets by the roles they hold, in the order the header shows
them, and which one is current.

Worked out here rather than in base.html: the template asked for seventeen addresses and tested each role on every
page a person opens, about a millisecond of each page's server time. Which links a set of roles gets is worked out
once per process; the addresses once per language prefix."""

import functools
from dataclasses import dataclass

from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext_lazy as _

from victimcare.accounts.roles import FIGURES_ONLY_ROLES, POLICE_ROLES, Role

EVERYONE = None  # a link every signed-in user gets (but one who sees figures only)


@dataclass(frozen=True)
class Link:
    url_name: str  # namespaced: "cases:list"
    label: str
    roles: frozenset[str] | None  # any one of these roles gets the link; EVERYONE: every signed-in user
    current_on: str | None = ""  # the one page of its namespace where it is current; "": any page; None: none

    @property
    def namespace(self) -> str:
        return self.url_name.split(":")[0]


@dataclass(frozen=True)
class ShownLink:
    href: str
    label: str
    current: bool


def _roles(*roles: str) -> frozenset[str]:
    return frozenset(roles)


FIGURES = (
    Link("monitoring:overview", _("Overview"), _roles(Role.ANALYST), "overview"),
    Link("monitoring:compliance", _("Compliance"), _roles(Role.ANALYST), "compliance"),
    Link("monitoring:fairness", _("Fair treatment"), _roles(Role.ANALYST), "fairness"),
    Link("monitoring:satisfaction", _("Satisfaction"), _roles(Role.ANALYST), "satisfaction"),
    Link("monitoring:quarterly-return", _("Quarterly return"), _roles(Role.ANALYST), "quarterly-return"),
)
CASE_WORK = (
    Link("cases:list", _("Cases"), POLICE_ROLES | {Role.WITNESS_CARE_OFFICER}),
    Link("worklists:my-cases", _("My cases"), _roles(Role.OFFICER, Role.SUPERVISOR), "my-cases"),
    Link("worklists:team", _("Team"), _roles(Role.SUPERVISOR), "team"),
    Link("response:control-room", _("Control room"), POLICE_ROLES, "control-room"),
    Link("report:start", _("Record a report"), _roles(Role.CALL_HANDLER, Role.OFFICER, Role.SUPERVISOR)),
    Link("support:referrals", _("Referrals"), _roles(Role.CASEWORKER), "referrals"),
    Link("neighbourhood:feed", _("Incident feed"), _roles(Role.NEIGHBOURHOOD, Role.PARTNER)),
    Link("neighbourhood:teams", _("Neighbourhood teams"), _roles(Role.ADMINISTRATOR)),
    Link("api-tokens:list", _("API tokens"), _roles(Role.ADMINISTRATOR)),
    Link("sharing:shared-cases", _("Shared with us"), _roles(Role.PARTNER), "shared-cases"),
    Link("sharing:approvals", _("Sharing approvals"), _roles(Role.SUPERVISOR), "approvals"),
    Link("multiagency:meetings", _("Multi-agency meetings"),
         _roles(Role.OFFICER, Role.SUPERVISOR, Role.CASEWORKER, Role.PARTNER, Role.NEIGHBOURHOOD)),
    Link("court:witness-care", _("Witness care"), _roles(Role.WITNESS_CARE_OFFICER)),
    Link("property:register", _("Property"), _roles(Role.PROPERTY_OFFICER)),
    Link("dataprotection:start", _("Data protection"), _roles(Role.INFORMATION_RIGHTS)),
    Link("support:directory", _("Victims' services"), EVERYONE, "directory"),
    Link("api:docs", _("API"), EVERYONE, None),  # the API's description, outside the service's own pages
)
ACCOUNT = Link("accounts:account", _("Your account"), EVERYONE, "account")


@functools.lru_cache(maxsize=256)
def links_for(roles: frozenset[str]) -> tuple[Link, ...]:
    """The links before the language switch for a user holding `roles`: the figures alone for one who sees
    figures only (the Commissioner's analyst), otherwise the figures for an analyst, then the case work links."""
    if roles and roles <= FIGURES_ONLY_ROLES:
        return FIGURES
    return tuple(link for link in FIGURES + CASE_WORK if link.roles is EVERYONE or link.roles & roles)


@functools.lru_cache(maxsize=512)
def _address(url_name: str, prefix: str) -> str:
    return reverse(url_name)


def shown(link: Link, resolver_match) -> ShownLink:
    namespace = getattr(resolver_match, "namespace", None)
    page = getattr(resolver_match, "url_name", None)
    current = (link.current_on is not None and namespace == link.namespace
               and (not link.current_on or page == link.current_on))
    return ShownLink(_address(link.url_name, get_script_prefix()), link.label, current)


def service_navigation(request, roles: frozenset[str]) -> tuple[list[ShownLink], ShownLink | None]:
    """The links before the language switch, and the account link after it (None when signed out)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return [], None
    match = getattr(request, "resolver_match", None)
    return [shown(link, match) for link in links_for(roles)], shown(ACCOUNT, match)
