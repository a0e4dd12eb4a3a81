"""Signing in as people do: the password form, then the code from an authenticator app, computed here from the
device's secret with django-otp's own TOTP."""

import base64
import time
from urllib.parse import parse_qs, urlsplit

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD

SIGN_IN = reverse("accounts:sign-in")
SET_UP = reverse("accounts:two-factor-set-up")
CODE = reverse("accounts:two-factor")


def code_for(key_hex_or_device, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now (or `steps_ahead` 30-second steps later, which django-otp accepts
    within its tolerance of one step: a code is only accepted once, so a second sign-in uses the next one)."""
    key = key_hex_or_device.bin_key if isinstance(key_hex_or_device, TOTPDevice) else bytes.fromhex(key_hex_or_device)
    totp = TOTP(key, step=30, t0=0, digits=6)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def key_from_secret_text(secret: str) -> str:
    """The hex key from the secret shown on the set-up page (base32 in groups of four)."""
    return base64.b32decode("".join(secret.split())).hex()


def sign_in_with_password(client, username: str, next_url: str | None = None):
    data = {"username": username, "password": TEST_PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(SIGN_IN, data)


def set_up_authenticator(client, user, next_url: str | None = None) -> tuple[str, list[str]]:
    """Password, the set-up page, its first code: returns the hex key and the recovery codes shown."""
    sign_in_with_password(client, user.username, next_url)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SET_UP, {"code": code_for(device)})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("accounts:recovery-codes")
    page = client.get(reverse("accounts:recovery-codes"))
    return device.key, list(page.context["codes"])


def next_of(location: str) -> str | None:
    values = parse_qs(urlsplit(location).query).get("next")
    return values[0] if values else None


def set_up_app_in_browser(page) -> str:
    """In a browser on the set-up page: take the key shown for typing in, enter the code an app would show.
    Returns the hex key."""
    key = key_from_secret_text(page.locator("#secret").text_content())
    page.fill("#id_code", code_for(key))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/account/recovery-codes/")
    return key
