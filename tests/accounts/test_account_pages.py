"""Your account (two-factor status, new recovery codes) and an administrator's reset of another user's
two-factor authentication."""

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD
from tests.web.conftest import in_welsh
from victimcare.accounts import two_factor
from victimcare.accounts.models import TwoFactorReset

ACCOUNT = reverse("accounts:account")
USERS = reverse("accounts:users")


def reset_url(user):
    return reverse("accounts:reset-two-factor", kwargs={"username": user.username})


def test_your_account_shows_two_factor_and_recovery_codes_left(client, officer):
    client.force_login(officer)
    two_factor.new_recovery_codes(officer)
    StaticToken.objects.filter(device__user=officer).first().delete()
    html = client.get(ACCOUNT).content.decode()
    assert "Your account" in html
    assert "On" in html and "Authenticator app set up on" in html
    assert "9 unused codes left" in html
    assert USERS not in html, "only administrators are pointed to other people's accounts"


def test_new_recovery_codes_replace_the_old_ones_and_are_shown_once(client, officer):
    client.force_login(officer)
    old = two_factor.new_recovery_codes(officer)
    response = client.post(reverse("accounts:new-recovery-codes"), follow=True)
    new = response.context["codes"]
    assert len(new) == 10 and not set(new) & set(old)
    assert set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True)) == set(new)
    assert response.context["after"] == reverse("cases:list")
    assert client.get(reverse("accounts:recovery-codes"))["Location"] == ACCOUNT
    assert client.get(reverse("accounts:new-recovery-codes")).status_code == 405


def test_your_account_in_welsh(client, officer):
    client.force_login(officer)
    in_welsh(client)
    html = client.get(ACCOUNT).content.decode()
    assert "Eich cyfrif" in html
    assert "Your account" not in html


def test_account_pages_stay_within_their_queries(client, officer, administrator, django_assert_max_num_queries):
    client.force_login(officer)
    with django_assert_max_num_queries(9):
        client.get(ACCOUNT)
    client.force_login(administrator)
    with django_assert_max_num_queries(10):
        assert client.get(USERS).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reset_url(officer)).status_code == 200


# --- An administrator's reset ------------------------------------------------------------------------
def test_only_administrators_see_the_users(client, officer, supervisor, administrator):
    for user in (officer, supervisor):
        client.force_login(user)
        assert client.get(USERS).status_code == 403
        assert client.get(reset_url(administrator)).status_code == 403
        assert client.post(reset_url(administrator), {"reason": "x"}).status_code == 403
    assert TOTPDevice.objects.filter(user=administrator).count() == 0 or TwoFactorReset.objects.count() == 0


def test_the_list_finds_people_and_says_who_has_two_factor(client, administrator, officer, colleague):
    client.force_login(administrator)
    client.force_login(officer)  # gives the officer an authenticator
    client.force_login(administrator)
    response = client.get(USERS, {"q": "olwen"})
    people = list(response.context["people"])
    assert people == [officer]
    assert people[0].has_authenticator
    html = response.content.decode()
    assert reset_url(officer) in html
    everyone = client.get(USERS).context["people"]
    assert colleague in everyone and not next(p for p in everyone if p == colleague).has_authenticator
    assert reset_url(administrator) not in client.get(USERS).content.decode(), "no reset of yourself"


def test_a_reset_needs_a_reason_and_changes_nothing_without_one(client, administrator, officer):
    client.force_login(officer)
    client.force_login(administrator)
    response = client.post(reset_url(officer), {"reason": "   "})
    assert response.status_code == 200
    assert '<a href="#id_reason">Enter why you are resetting two-factor authentication</a>' in response.content.decode()
    assert TOTPDevice.objects.filter(user=officer).exists()
    assert not TwoFactorReset.objects.exists()


def test_a_reset_removes_the_devices_ends_the_sessions_and_is_recorded(administrator, officer):
    theirs, admins = Client(), Client()
    theirs.force_login(officer)
    two_factor.new_recovery_codes(officer)
    admins.force_login(administrator)
    response = admins.post(reset_url(officer), {"reason": "Lost phone; called back on the desk number"}, follow=True)
    assert response.redirect_chain[-1][0] == USERS
    assert "Two-factor authentication reset for Olwen Price" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    record = TwoFactorReset.objects.get()
    assert (record.user, record.reset_by, record.reason) == (officer, administrator,
                                                             "Lost phone; called back on the desk number")
    assert "Lost phone; called back on the desk number" in admins.get(USERS).content.decode()
    # Their session has ended; at the next sign-in they set an app up again.
    assert theirs.get(reverse("cases:list"))["Location"].startswith(reverse("accounts:sign-in"))
    fresh = Client()
    response = fresh.post(reverse("accounts:sign-in"), {"username": "officer", "password": TEST_PASSWORD})
    assert response["Location"].startswith(reverse("accounts:two-factor-set-up"))


def test_no_one_resets_their_own(client, administrator):
    client.force_login(administrator)
    assert client.get(reset_url(administrator)).status_code == 403
    assert client.post(reset_url(administrator), {"reason": "mine"}).status_code == 403
    assert not TwoFactorReset.objects.exists()


def test_an_unknown_or_system_account_is_404(client, administrator):
    from tests.factories import UserFactory

    system = UserFactory(username="records-system", is_system_account=True)
    client.force_login(administrator)
    assert client.get(reverse("accounts:reset-two-factor", kwargs={"username": "nobody"})).status_code == 404
    assert client.get(reset_url(system)).status_code == 404


def test_the_reset_page_in_welsh(client, administrator, officer):
    client.force_login(administrator)
    in_welsh(client)
    html = client.get(reset_url(officer)).content.decode()
    assert "Ailosod dilysu dau gam" in html
    assert "Reset two-factor authentication" not in html
