"""Staff two-factor authentication with django-otp: an authenticator app (TOTP) and single-use recovery codes.

Every account that signs in to the staff pages gives a code from its authenticator app after its password
(victimcare.accounts.middleware.TwoFactorMiddleware sends it here until it has). The first time, it sets the
app up from a QR code and confirms it with a code; then it gets RECOVERY_CODES recovery codes, shown once.

Wrong codes are limited three ways: django-otp slows each device down after a wrong code (OTP_TOTP_THROTTLE_FACTOR
and OTP_STATIC_THROTTLE_FACTOR: 1, 2, 4, 8... seconds); each wrong code is a failed sign-in for django-axes, like a
wrong password, so AXES_FAILURE_LIMIT failures of either kind lock the username out from that address; and at
WRONG_CODES_ALLOWED wrong codes in one session the session is signed out. Failed sign-ins are cleared only when
a sign-in is complete (password and code), never by the password alone (settings.AXES_RESET_ON_SUCCESS is off).
"""

import base64
import logging
from dataclasses import dataclass
from urllib.parse import urlencode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import auth
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop
from django_otp import device_classes, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from victimcare.accounts.models import TwoFactorReset
from victimcare.accounts.roles import Role, has_role
from victimcare.accounts.sessions import end_every_session

logger = logging.getLogger(__name__)

RECOVERY_CODES = 10
WRONG_CODES_ALLOWED = 5  # in one session; then it is signed out
WRONG_CODES_KEY = "two_factor_wrong_codes"
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
TOTP_DIGITS = 6
RECOVERY_LENGTH = 8  # django-otp's StaticToken.random_token(): 8 letters and digits


class TwoFactorError(Exception):
    """A two-factor change cannot be made (the message says why)."""


class Throttled(Exception):
    """django-otp is making this device wait after wrong codes: nothing was checked."""


def step_url(user, next_url: str | None = None) -> str:
    """The set-up page for a user without an authenticator app, else the page asking for a code."""
    url = reverse("accounts:two-factor" if has_authenticator(user) else "accounts:two-factor-set-up")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_authenticator(user) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed, however often the page is shown."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice, title: str) -> str:
    """The otpauth:// address as an inline SVG QR code (no script, no data: URL)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, title=title, light="#fff", svgclass=None,
                                                              lineclass=None)
    return svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)


def normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def looks_like_a_code(code: str) -> bool:
    token = normalise(code)
    return (len(token) == TOTP_DIGITS and token.isdigit()) or (len(token) == RECOVERY_LENGTH and token.isalnum())


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """RECOVERY_CODES new single-use codes in place of any the user had; returned to be shown once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def confirm_authenticator(user, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """The first code from a new authenticator app: if right, the app is the user's (any other goes) and
    new recovery codes are made. None if wrong. Raises Throttled after recent wrong codes."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        return None
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        raise Throttled
    if not device.verify_token(normalise(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return device, new_recovery_codes(user)


def check_code(user, code: str):
    """The device that accepts the code (an authenticator code, or a recovery code, which then no longer works),
    or None. Raises Throttled when django-otp makes the device wait after recent wrong codes."""
    token = normalise(code)
    if len(token) == TOTP_DIGITS and token.isdigit():
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    for device in devices:
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            raise Throttled
        verified = verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    return None


def complete_sign_in(request, device) -> None:
    """The second step is done: the session is verified (and given a new key); failed sign-ins are cleared."""
    otp_login(request, device)
    request.session.pop(WRONG_CODES_KEY, None)
    request.session.cycle_key()
    handler = AxesProxyHandler.get_implementation()
    if hasattr(handler, "reset_user_attempts"):
        handler.reset_user_attempts(request, {"username": request.user.get_username()})


def wrong_code(request) -> bool:
    """Count a wrong code: a failed sign-in for django-axes, and one of WRONG_CODES_ALLOWED for this session.
    True if the session was signed out (the limit, or an axes lockout)."""
    user = request.user
    count = request.session.get(WRONG_CODES_KEY, 0) + 1
    request.session[WRONG_CODES_KEY] = count
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
    logger.warning("two-factor: wrong code for user %s (%s this session)", user.pk, count)
    if count >= WRONG_CODES_ALLOWED or getattr(request, "axes_locked_out", False):
        auth.logout(request)
        return True
    return False


def locked_out(request) -> bool:
    """django-axes has locked this username out from this address (wrong passwords or codes, from any session)."""
    return not AxesProxyHandler.is_allowed(request, {"username": request.user.get_username()})


@dataclass(frozen=True)
class Status:
    authenticator: TOTPDevice | None
    recovery_codes_left: int


def status(user) -> Status:
    return Status(TOTPDevice.objects.filter(user=user, confirmed=True).first(), recovery_codes_left(user))


@transaction.atomic
def reset_two_factor(user, *, by, reason: str) -> TwoFactorReset:
    """An administrator removes a user's authenticator app and recovery codes (a lost phone) and ends their
    sessions: they set two-factor up again at their next sign-in. Recorded with who, when and why."""
    if not has_role(by, Role.ADMINISTRATOR):
        raise PermissionDenied
    if user.pk == by.pk:
        raise TwoFactorError("You cannot reset your own two-factor authentication")
    reason = reason.strip()
    if not reason:
        raise TwoFactorError("Enter why you are resetting two-factor authentication")
    for model in device_classes():
        model.objects.filter(user=user).delete()
    end_every_session(user)
    record = TwoFactorReset.objects.create(user=user, reset_by=by, reason=reason)
    logger.warning("two-factor: reset for user %s by user %s", user.pk, by.pk)
    return record


# Refusals shown to people, marked for the Welsh catalogue.
REFUSALS = (gettext_noop("You cannot reset your own two-factor authentication"),
            gettext_noop("Enter why you are resetting two-factor authentication"))
