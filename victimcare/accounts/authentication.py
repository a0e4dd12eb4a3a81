"""The API's session authentication, refusing a session that has not finished signing in (no code from the
authenticator app yet). Token authentication is untouched: a system's token is not a session."""

from rest_framework.authentication import SessionAuthentication


class VerifiedSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, auth = result
        is_verified = getattr(user, "is_verified", None)
        if is_verified is None or not is_verified():
            return None
        return user, auth
