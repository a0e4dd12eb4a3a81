"""The administrators' API tokens pages: the list never shows a secret, issuing shows the token once, revoking
needs a reason and stops the token at once; anyone but an administrator gets 403."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.helpers import system_account, token_for
from victimcare.api.models import ApiToken
from victimcare.organisations.models import Membership


@pytest.fixture
def account(unit):
    return system_account(unit, Membership.Role.OFFICER, username="niche-rms")


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def issue(client, **fields):
    data = {"system": "Niche RMS", "scopes": ["cases:read", "decisions:write"], "expires": "", **fields}
    return client.post(reverse("api-tokens:issue"), data)


def test_issuing_shows_the_token_once_and_keeps_only_its_hash(admin_client, administrator, account, case):
    response = issue(admin_client, account=account.pk, expires="30/6/2099")

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0") and "no-store" in response["Cache-Control"]
    text = response.context["text"]
    assert text in response.content.decode()
    token = ApiToken.objects.get()
    assert (token.system, token.user, token.created_by, token.scopes) == (
        "Niche RMS", account, administrator, ["cases:read", "decisions:write"])
    assert timezone.localtime(token.expires_at).date().isoformat() == "2099-07-01"
    listed = admin_client.get(reverse("api-tokens:list")).content.decode()
    secret = text.split(f"{token.prefix}_", 1)[1]  # the secret itself may hold "_" (url-safe base64)
    assert token.prefix in listed and text not in listed and secret not in listed
    api = admin_client.__class__(headers={"authorization": f"Token {text}"})
    assert api.get(reverse("api:case-detail", args=[case.pk])).status_code == 200


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"system": "   "}, "system", "Enter the system that will use the token"),
        ({"system": "x" * 101}, "system", "100 characters or fewer"),
        ({"account": ""}, "account", "Choose the system account the token acts as"),
        ({"account": "person"}, "account", "Choose one of the system accounts listed"),
        ({"account": "not-a-number"}, "account", "Choose one of the system accounts listed"),
        ({"scopes": []}, "scopes", "Choose at least one thing the token may do"),
        ({"scopes": ["everything"]}, "scopes", "Choose from the list"),
        ({"expires": "31/02/2030"}, "expires", "Enter the last day as a date"),
        ({"expires": "1/1/2020"}, "expires", "today or later"),
        ({"expires": "<script>alert(1)</script>"}, "expires", "Enter the last day as a date"),
    ],
)
def test_bad_input_names_the_field_and_issues_nothing(admin_client, account, officer, fields, field, message):
    values = {"account": account.pk, **fields}
    if values["account"] == "person":
        values["account"] = officer.pk  # a person's account is not offered

    response = issue(admin_client, **values)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in " ".join(response.context["form"].errors[field])
    assert "govuk-error-summary" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_needs_a_reason_and_stops_the_token_at_once(admin_client, administrator, account, case):
    text = token_for(account)
    token = ApiToken.objects.get()
    url = reverse("api-tokens:revoke", kwargs={"token_id": token.pk})

    assert admin_client.get(url).status_code == 200
    refused = admin_client.post(url, {"reason": "   "})
    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    assert ApiToken.objects.get().revoked_at is None

    response = admin_client.post(url, {"reason": "Niche RMS replaced"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("api-tokens:list")
    assert "It no longer works" in response.content.decode()
    token.refresh_from_db()
    assert (token.revoked_by, token.revoke_reason) == (administrator, "Niche RMS replaced")
    api = admin_client.__class__(headers={"authorization": f"Token {text}"})
    assert api.get(reverse("api:case-list")).status_code == 401
    assert admin_client.get(url).status_code == 404, "a revoked token cannot be revoked again"


def test_the_pages_are_in_welsh(admin_client, account):
    token_for(account)
    admin_client.cookies["victimcare_language"] = "cy"

    for url in (reverse("api-tokens:list"), reverse("api-tokens:issue"),
                reverse("api-tokens:revoke", kwargs={"token_id": ApiToken.objects.get().pk})):
        body = admin_client.get(url, headers={"accept-language": "cy"}).content.decode()
        assert 'lang="cy"' in body, url
        assert "Revoke" not in body and "Issue the token" not in body, url


@pytest.mark.parametrize("persona", ["officer", "supervisor", "partner"])
def test_only_administrators_may_use_them(client, personas, account, persona):
    token_for(account)
    client.force_login(personas[persona])

    assert client.get(reverse("api-tokens:list")).status_code == 403
    assert issue(client, account=account.pk).status_code == 403
    revoke = reverse("api-tokens:revoke", kwargs={"token_id": ApiToken.objects.get().pk})
    assert client.post(revoke, {"reason": "Not mine to revoke"}).status_code == 403
    assert not ApiToken.objects.filter(revoked_at__isnull=False).exists()
    assert ApiToken.objects.count() == 1


@pytest.mark.parametrize("count", [1, 15])
def test_the_list_costs_the_same_for_1_token_and_15(admin_client, account, administrator, count,
                                                    django_assert_max_num_queries):
    from victimcare.api.tokens import revoke_token

    for number in range(count):
        token_for(account, system=f"System {number}", created_by=administrator)
        if number % 3 == 0:
            revoke_token(ApiToken.objects.latest("id"), by=administrator, reason="Replaced")
    # The session, the user, their roles, the tokens with their people.
    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse("api-tokens:list"))
    assert response.content.decode().count("vc_") == count


def test_issue_and_revoke_pages_are_bounded(admin_client, account, django_assert_max_num_queries):
    token_for(account)
    with django_assert_max_num_queries(8):
        assert admin_client.get(reverse("api-tokens:issue")).status_code == 200
    with django_assert_max_num_queries(8):
        url = reverse("api-tokens:revoke", kwargs={"token_id": ApiToken.objects.get().pk})
        assert admin_client.get(url).status_code == 200
