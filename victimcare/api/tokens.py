"""Issuing and revoking API tokens, and checking one presented with a request.

    issue_token(system="Niche RMS", user=account, scopes=[Scope.READ_CASES], created_by=admin) -> (token, text)

The text (`vc_<prefix>_<secret>`) is returned once and never stored; the row keeps the prefix and the secret's
SHA-256. Tries with a bad token are counted per address in the database; enough within the window lock the address
out for the cool-off period (settings.API_TOKEN_LOCKOUT), whichever web server the tries reached."""

import datetime as dt
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from victimcare.api.models import ApiToken, Scope, TokenFailure, hash_secret

TOKEN_START = "vc_"  # noqa: S105 - how every token begins, not a secret  # nosec B105
PREFIX_BYTES = 6  # 12 hex characters: finds the row, not secret
SECRET_BYTES = 32  # 256 bits
# last_used_at is written at most this often per token, so a busy client does not cost a write per request.
LAST_USED_PRECISION = dt.timedelta(minutes=1)
DEFAULT_LOCKOUT = {"failures": 10, "window_minutes": 15, "cooloff_minutes": 15}


class TokenError(ValueError):
    """The token cannot be issued or revoked as asked."""


def _lockout() -> dict:
    return {**DEFAULT_LOCKOUT, **getattr(settings, "API_TOKEN_LOCKOUT", {})}


@transaction.atomic
def issue_token(*, system: str, user, scopes, created_by=None, expires_at=None, at=None) -> tuple[ApiToken, str]:
    system = " ".join((system or "").split())
    scopes = [scope for scope in Scope.values if scope in set(scopes)]
    if not system:
        raise TokenError("Say which system the token is for")
    if not scopes:
        raise TokenError("Give the token at least one scope")
    if not user.is_system_account:
        raise TokenError("A token acts as a system account, not a person's account")
    at = at or timezone.now()
    if expires_at is not None and expires_at <= at:
        raise TokenError("The expiry must be in the future")
    prefix = secrets.token_hex(PREFIX_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    token = ApiToken.objects.create(system=system, user=user, prefix=prefix, secret_hash=hash_secret(secret),
                                    scopes=scopes, created_by=created_by, created_at=at, expires_at=expires_at)
    return token, f"{TOKEN_START}{prefix}_{secret}"


@transaction.atomic
def revoke_token(token: ApiToken, *, by=None, reason: str, at=None) -> ApiToken:
    reason = " ".join((reason or "").split())
    if not reason:
        raise TokenError("Say why the token is being revoked")
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise TokenError("The token was already revoked")
    locked.revoked_at = at or timezone.now()
    locked.revoked_by = by
    locked.revoke_reason = reason[:500]
    locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return locked


def split_token(text: str) -> tuple[str, str] | None:
    """(prefix, secret) of a well-formed token, else None."""
    if not text.startswith(TOKEN_START):
        return None
    prefix, _, secret = text.removeprefix(TOKEN_START).partition("_")
    if len(prefix) != PREFIX_BYTES * 2 or not secret:
        return None
    return prefix, secret


def find_token(text: str) -> ApiToken | None:
    """The token whose secret this is (live or not), or None. The secret is compared in constant time, and a
    hash is computed even when the prefix is unknown, so the time taken does not say whether it exists."""
    parts = split_token(text)
    if parts is None:
        return None
    prefix, secret = parts
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    presented = hash_secret(secret)
    if token is None or not hmac.compare_digest(token.secret_hash, presented):
        return None
    return token


def note_use(token: ApiToken, at=None) -> None:
    at = at or timezone.now()
    if token.last_used_at is None or at - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
        token.last_used_at = at


def record_failure(ip: str | None, at=None) -> None:
    """Count a bad token against the address, and forget failures too old to lock anyone out now (so the table
    holds only the last window and cool-off, whatever an attacker sends)."""
    at = at or timezone.now()
    rule = _lockout()
    TokenFailure.objects.filter(at__lt=at - dt.timedelta(minutes=rule["window_minutes"] + rule["cooloff_minutes"])
                                ).delete()
    TokenFailure.objects.create(ip=ip or None, at=at)


def locked_until(ip: str | None, at=None) -> dt.datetime | None:
    """When the address may try a token again, if it is locked out now: `failures` failed tries within
    `window_minutes` lock it for `cooloff_minutes` after the last of them."""
    if not ip:
        return None
    at = at or timezone.now()
    rule = _lockout()
    window, cooloff = dt.timedelta(minutes=rule["window_minutes"]), dt.timedelta(minutes=rule["cooloff_minutes"])
    times = list(TokenFailure.objects.filter(ip=ip, at__gt=at - window - cooloff, at__lte=at)
                 .order_by("-at").values_list("at", flat=True)[:rule["failures"]])
    if len(times) < rule["failures"] or times[0] - times[-1] > window:
        return None
    until = times[0] + cooloff
    return until if until > at else None
