"""Deny by default for figures-only roles.

The Commissioner's analyst sees figures, never a victim's personal details. Rather than trusting every
page, list, export and API endpoint (today's and tomorrow's) to leave the analyst out, a user whose only
role is a figures-only one gets 404 at every URL except the monitoring pages and the few pages any signed-in
user needs: home (which sends them to the dashboard), signing in and out, and the language switch. The API
does the same for token sign-ins (victimcare/api/permissions.py), which this middleware cannot see.
"""

from django.http import Http404

from victimcare.accounts.roles import sees_figures_only

# "operations": the health checks and metrics, which are no one's pages and show no person.
FIGURES_ONLY_NAMESPACES = frozenset({"monitoring", "operations"})
FIGURES_ONLY_VIEWS = frozenset({"home", "accounts:sign-in", "accounts:sign-out", "set_language"})


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
