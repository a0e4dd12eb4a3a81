"""Deny by default for figures-only roles.

The Commissioner's analyst sees figures, never a victim's personal details. Rather than trusting every
page, list, export and API endpoint (today's and tomorrow's) to leave the analyst out, a user whose only
role is a figures-only one gets 404 at every URL except the monitoring pages and the few pages any signed-in
user needs: home (which sends them to the dashboard), signing in (both steps) and out, their own account, and
the language switch. The API does the same for token sign-ins (victimcare/api/permissions.py), which this
middleware cannot see.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import auth, messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from victimcare.accounts import sessions, two_factor
from victimcare.accounts.roles import sees_figures_only

# "operations": the health checks and metrics, which are no one's pages and show no person.
FIGURES_ONLY_NAMESPACES = frozenset({"monitoring", "operations"})
FIGURES_ONLY_VIEWS = frozenset({"home", "accounts:sign-in", "accounts:sign-out", "set_language",
                                "accounts:two-factor", "accounts:two-factor-set-up", "accounts:account",
                                "accounts:recovery-codes", "accounts:new-recovery-codes",
                                "accounts:sign-out-everywhere"})


def figures_only_may_use(resolver_match) -> bool:
    return (resolver_match.namespace in FIGURES_ONLY_NAMESPACES
            or resolver_match.view_name in FIGURES_ONLY_VIEWS)


class FiguresOnlyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if sees_figures_only(request.user) and not figures_only_may_use(request.resolver_match):
            raise Http404("No such page")
        return None


# --- Two-factor and session expiry (after OTPMiddleware and MessageMiddleware) -------------------------
# Pages a signed-in member of staff may use before the second step: signing out, the language switch and the
# two-factor pages themselves. The victim portal (victims sign in there with their own code) is apart, except
# its two staff actions. Health checks and metrics are exempt by path (they are not staff pages).
BEFORE_TWO_FACTOR_VIEWS = frozenset({
    "accounts:sign-out", "accounts:two-factor", "accounts:two-factor-set-up", "set_language",
})
EXEMPT_PATH_PREFIXES = ("/health", "/metrics")


def usable_before_two_factor(request, resolver_match) -> bool:
    if resolver_match.view_name in BEFORE_TWO_FACTOR_VIEWS:
        return True
    if resolver_match.namespace == "portal" and not (resolver_match.url_name or "").startswith("staff-"):
        return True
    return request.path_info.startswith((*EXEMPT_PATH_PREFIXES, settings.STATIC_URL if
                                         settings.STATIC_URL.startswith("/") else f"/{settings.STATIC_URL}"))


class TwoFactorMiddleware:
    """A signed-in user who has not given a code from their authenticator app (or a recovery code) this session
    is sent to the set-up or code page from every staff page. The API answers for itself: its session
    authentication refuses such a session (victimcare.accounts.authentication), and a system token is no session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match.namespace == "api" or usable_before_two_factor(request, match):
            return None
        next_url = request.get_full_path() if request.method == "GET" else None
        return redirect(two_factor.step_url(user, next_url))


class SessionExpiryMiddleware:
    """A staff session ends after SESSION_IDLE_MINUTES without a request, and SESSION_COOKIE_AGE seconds after
    signing in whatever happens (the times are kept in the session: sessions.mark_signed_in)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if sessions.has_staff_user(request.session):
            ended = sessions.check(request.session)
            if ended is not None:
                auth.logout(request)
                if ended == sessions.IDLE:
                    messages.info(request, _("You were signed out because you were inactive for %(minutes)s minutes.")
                                  % {"minutes": settings.SESSION_IDLE_MINUTES})
                else:
                    messages.info(request, _("You were signed out because you signed in more than %(hours)s "
                                             "hours ago. Sign in again.") % {"hours": sessions.absolute_hours()})
                if request.path_info.startswith("/api/"):
                    return self.get_response(request)
                login = reverse(settings.LOGIN_URL)
                if request.method == "GET":
                    return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
                return redirect(login)
        return self.get_response(request)
