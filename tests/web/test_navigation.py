"""The service navigation: which links each role gets, in order, and which one is marked current."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.web.conftest import in_welsh
from victimcare.frontend.navigation import links_for, shown
from victimcare.organisations.models import Membership

Role = Membership.Role
FIGURES = ["monitoring:overview", "monitoring:compliance", "monitoring:fairness", "monitoring:satisfaction",
           "monitoring:quarterly-return"]


def names(*roles: str) -> list[str]:
    return [link.url_name for link in links_for(frozenset(roles))]


def test_an_analyst_alone_gets_the_figures_and_nothing_else():
    assert names(Role.ANALYST) == FIGURES


def test_an_officer_gets_case_work_in_the_headers_order():
    assert names(Role.OFFICER) == [
        "cases:list", "worklists:my-cases", "response:control-room", "report:start", "multiagency:meetings",
        "support:directory", "api:docs"]


def test_a_supervisor_also_gets_the_team_and_sharing_approvals():
    assert {"worklists:team", "sharing:approvals"} <= set(names(Role.SUPERVISOR))
    assert "worklists:team" not in names(Role.OFFICER)


def test_roles_add_up_and_an_analyst_with_another_role_gets_both():
    assert names(Role.ANALYST, Role.PARTNER) == [*FIGURES, "neighbourhood:feed", "sharing:shared-cases",
                                                  "multiagency:meetings", "support:directory", "api:docs"]


@pytest.mark.parametrize(("role", "url_name"), [
    (Role.CASEWORKER, "support:referrals"), (Role.WITNESS_CARE_OFFICER, "court:witness-care"),
    (Role.WITNESS_CARE_OFFICER, "cases:list"), (Role.PROPERTY_OFFICER, "property:register"),
    (Role.INFORMATION_RIGHTS, "dataprotection:start"), (Role.ADMINISTRATOR, "api-tokens:list"),
    (Role.ADMINISTRATOR, "neighbourhood:teams"), (Role.NEIGHBOURHOOD, "neighbourhood:feed"),
    (Role.CALL_HANDLER, "report:start"),
])
def test_each_role_gets_its_own_pages_and_an_officer_does_not(role, url_name):
    assert url_name in names(role)
    assert url_name in {"cases:list", "report:start"} or url_name not in names(Role.OFFICER)


def test_a_user_with_no_role_gets_only_what_everyone_gets():
    assert names() == ["support:directory", "api:docs"]


def at(namespace: str, url_name: str):
    return SimpleNamespace(namespace=namespace, url_name=url_name)


def test_a_link_is_current_on_its_own_page_or_on_every_page_of_its_namespace():
    team, my_cases, cases, api = (next(link for link in links_for(frozenset({Role.SUPERVISOR}))
                                       if link.url_name == name)
                                  for name in ("worklists:team", "worklists:my-cases", "cases:list", "api:docs"))
    assert shown(team, at("worklists", "team")).current
    assert not shown(my_cases, at("worklists", "team")).current
    assert shown(cases, at("cases", "detail")).current  # any page of the cases
    assert not shown(api, at("api", "docs")).current  # never marked
    assert not shown(team, None).current  # a page that matched no address (404)
    assert shown(team, None).href == reverse("worklists:team")


@pytest.mark.django_db
def test_the_header_shows_the_links_in_welsh_with_the_current_one_marked(client):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.CASEWORKER)
    client.force_login(user)
    html = in_welsh(client).get(reverse("support:referrals")).content.decode()
    assert ('<a class="govuk-service-navigation__link" href="/support/referrals/" aria-current="true">'
            '<strong class="govuk-service-navigation__active-fallback">Atgyfeiriadau</strong></a>') in html
    assert html.count('aria-current="true"') == 1
    assert f'href="{reverse("accounts:account")}">Eich cyfrif</a>' in html
    assert reverse("cases:list") not in html
