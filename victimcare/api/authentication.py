"""Token authentication for systems, scope checks, the per-token throttle, and the lockout of an address after
repeated bad tokens.

    Authorization: Token vc_<prefix>_<secret>

- No Authorization header, or another scheme: not this class's business (session authentication may apply).
- A malformed, unknown or wrong token: 401, and the try counts towards the address's lockout.
- A revoked or expired token, or one whose account is deactivated: 401 (not counted: it is not a guess).
- An address locked out (settings.API_TOKEN_LOCKOUT): 429 with Retry-After, before the token is looked at.
- A good token lacking the scope the endpoint needs: 403 naming the scope (TokenHasScope).

The address is resolved as django-axes resolves it for staff sign-in (see the README behind a proxy).
"""

import math

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from victimcare.api import tokens
from victimcare.api.models import ApiToken, Scope

KEYWORD = "Token"


def client_ip(request) -> str | None:
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(getattr(request, "_request", request)) or None


class TooManyTries(exceptions.Throttled):
    default_detail = _("Too many tries with a token that did not work from this address. Try again later.")


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        now = timezone.now()
        ip = client_ip(request)
        until = tokens.locked_until(ip, at=now)
        if until is not None:
            raise TooManyTries(wait=math.ceil((until - now).total_seconds()))
        try:
            text = parts[1].decode() if len(parts) == 2 else ""
        except UnicodeError:
            text = ""
        token = tokens.find_token(text) if text else None
        if token is None:
            tokens.record_failure(ip, at=now)
            raise exceptions.AuthenticationFailed(_("The token is not valid."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("The token was revoked."))
        if not token.is_live(now):
            raise exceptions.AuthenticationFailed(_("The token has expired."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token's account is deactivated."))
        tokens.note_use(token, at=now)
        return token.user, token

    def authenticate_header(self, request):
        return KEYWORD


class TokenHasScope(BasePermission):
    """A request made with a token needs the scope the view declares (`token_scope`, which an @action may set
    for itself). A view that declares none is refused to tokens altogether. Session sign-ins (staff in a
    browser) are not limited by scopes: their roles alone decide."""

    def has_permission(self, request, view) -> bool:
        if not isinstance(request.auth, ApiToken):
            return True
        scope = getattr(view, "token_scope", None)
        if scope is None:
            self.message = _("This endpoint cannot be used with a token.")
            return False
        if not request.auth.has_scope(scope):
            self.message = _("This token may not do this: it needs the scope %(scope)s.") % {"scope": scope}
            return False
        return True


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (settings REST_FRAMEWORK DEFAULT_THROTTLE_RATES["api_token"]), counted in Django's
    cache. Session sign-ins are not throttled here."""

    scope = "api_token"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.prefix}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A token issued to your system by an administrator, with the prefix \"Token\": "
                "`Authorization: Token vc_…`. Each endpoint needs a scope: "
                + ", ".join(f"`{scope.value}` ({scope.label})" for scope in Scope)
                + "."
            ),
        }


class VerifiedSessionScheme(SessionScheme):
    """Staff in a browser: the session cookie, once both steps of signing in are done."""

    target_class = "victimcare.accounts.authentication.VerifiedSessionAuthentication"
